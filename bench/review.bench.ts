/**
 * A province's review: `nianbao review` over template .xlsx files against `nianbao check` over the
 * same files, each in a process of its own (time and peak memory). Budgets: within 1.3× the time
 * of check, and within 400 MiB however many reports. The ratio is taken on CPU time, which other
 * work on a shared machine does not stretch as it stretches wall-clock time. `npm run bench -- review` runs 10,000 files
 * (and 1,000, to show memory stays flat); the default run takes 100, to stay short.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Report } from '../src/core/report';
import { templateBuffer } from '../src/xlsx/write';
import { consistentReport, withCells } from '../test/helpers/reports';
import { fmt, row } from './util';

const FULL = 10_000;
const SHORT = 100;
const BASES = 20;

/** Twenty different reports, copied round: most clean, some with errors, some with blank cells (many warnings). */
function base(i: number): Report {
  const r = consistentReport(i + 1, `机关${i}`, 2024);
  if (i % 10 === 3) return withCells(r, { 'T3.R24.C7': (r.cells['T3.R24.C7'] as number) + 1 });
  if (i % 10 === 7) return withCells(r, Object.fromEntries(Object.keys(r.cells).filter((id) => id.startsWith('T3.R1')).map((id) => [id, null])));
  return r;
}

interface Measured {
  code: number;
  ms: number;
  cpuMs: number;
  rss: number;
}

function measure(args: string[]): Measured {
  const child = path.join(__dirname, 'review.child.ts');
  const r = spawnSync(process.execPath, ['--import', 'tsx', child, ...args], { cwd: path.join(__dirname, '..'), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Measured;
}

async function files(dir: string, n: number): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const bases: string[] = [];
  for (let i = 0; i < BASES; i++) {
    const file = path.join(dir, `base${i}.xlsx`);
    fs.writeFileSync(file, await templateBuffer({ report: base(i) }));
    bases.push(file);
  }
  for (let i = 0; i < n; i++) fs.copyFileSync(bases[i % BASES], path.join(dir, `r${String(i).padStart(5, '0')}.xlsx`));
  for (const b of bases) fs.rmSync(b);
}

export async function benchReview(): Promise<void> {
  const full = process.argv.slice(2).includes('review');
  const sizes = full ? [1_000, FULL] : [SHORT];
  console.log(`Review workbook for a supervising office (${sizes.join(' and ')} template .xlsx files${full ? '' : '; 10,000 with `npm run bench -- review`'})`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-review-'));
  try {
    for (const n of sizes) {
      const dir = path.join(root, String(n));
      await files(dir, n);
      const check = measure(['check', dir]);
      const review = measure(['review', dir, '--out', path.join(root, `review-${n}.xlsx`)]);
      const ratio = review.cpuMs / check.cpuMs;
      const mib = review.rss / 2 ** 20;
      row(`check ${n} files (wall clock / CPU)`, `${fmt(check.ms / 1000)} / ${fmt(check.cpuMs / 1000)} s`);
      row(`review ${n} files (wall clock / CPU)`, `${fmt(review.ms / 1000)} / ${fmt(review.cpuMs / 1000)} s`);
      row('  CPU time relative to check', `${fmt(ratio, 2)}×`, '≤ 1.3×', ratio <= 1.3);
      row('  wall-clock time relative to check', `${fmt(review.ms / check.ms, 2)}×`);
      row('  peak memory (RSS) of review', `${fmt(mib, 0)} MiB`, '≤ 400 MiB', mib <= 400);
      row('  peak memory (RSS) of check, for comparison', `${fmt(check.rss / 2 ** 20, 0)} MiB`);
      row('  review workbook size', `${fmt(fs.statSync(path.join(root, `review-${n}.xlsx`)).size / 2 ** 20, 1)} MiB`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
