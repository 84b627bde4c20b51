/**
 * Batch checking as a supervising office does it: 1,000 template .xlsx files and 1,000 .json
 * reports through the same code `nianbao check` runs, beside the time exceljs alone takes to open
 * the same .xlsx files (the floor).
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { check } from '../src/core/engine';
import { loadReports } from '../src/cli/inputs';
import { templateBuffer } from '../src/xlsx/write';
import { consistentReport } from '../test/helpers/reports';
import { fmt, row, timeAsync } from './util';

const N = Number(process.env.BENCH_FILES ?? 1000);

export async function benchCli(): Promise<void> {
  console.log(`Batch checking (${N} files each)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-'));
  try {
    const xlsx: string[] = [];
    const json: string[] = [];
    for (let i = 0; i < N; i++) {
      const report = consistentReport(i + 1, `机关${i}`, 2024);
      if (i < 20) fs.writeFileSync(path.join(dir, `r${i}.xlsx`), await templateBuffer({ report }));
      else fs.copyFileSync(path.join(dir, `r${i % 20}.xlsx`), path.join(dir, `r${i}.xlsx`));
      xlsx.push(path.join(dir, `r${i}.xlsx`));
      fs.writeFileSync(path.join(dir, `r${i}.json`), JSON.stringify(report));
      json.push(path.join(dir, `r${i}.json`));
    }

    const floor = await timeAsync(async () => {
      for (const f of xlsx) await new ExcelJS.Workbook().xlsx.load(fs.readFileSync(f) as unknown as ArrayBuffer);
    });
    let peak = process.memoryUsage().rss;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
    const ours = await timeAsync(async () => {
      for (const f of xlsx) {
        for (const r of await loadReports(f)) check(r.report, { unreadable: r.unreadable });
        sample();
      }
    });
    const jsonTime = await timeAsync(async () => {
      for (const f of json) {
        for (const r of await loadReports(f)) check(r.report);
        sample();
      }
    });
    row('open .xlsx with exceljs only (floor)', `${fmt((N / floor) * 1000)} /s`);
    row('check template .xlsx', `${fmt((N / ours) * 1000)} /s`);
    const ratio = ours / floor;
    row('  time relative to the floor', `${fmt(ratio, 2)}×`, '≤ 1.5×', ratio <= 1.5);
    row('check .json reports', `${fmt((N / jsonTime) * 1000)} /s`);
    row('peak memory (RSS) while checking', `${fmt(peak / 2 ** 20, 0)} MiB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
