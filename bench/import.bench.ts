/** Importing published reports: Word files and web pages turned into reports, per second. */
import { importReport } from '../src/import/index';
import { nodeImportOptions } from '../src/import/node';
import { documentXml, htmlPage, makeDocx, reportBlocks } from '../test/helpers/documents';
import { consistentReport } from '../test/helpers/reports';
import { fmt, row, timeAsync } from './util';

const N = Number(process.env.BENCH_IMPORTS ?? 300);

export async function benchImport(): Promise<void> {
  console.log(`Importing reports (${N} each)`);
  const docx: Uint8Array[] = [];
  const html: Uint8Array[] = [];
  for (let i = 0; i < 20; i++) {
    const blocks = reportBlocks(consistentReport(i + 1, `机关${i}`, 2024));
    docx.push(new Uint8Array(makeDocx(documentXml(blocks))));
    html.push(new TextEncoder().encode(htmlPage(blocks)));
  }
  for (const [label, files, ext] of [
    ['.docx (Word tables, merged cells)', docx, 'docx'],
    ['.html (as government sites publish)', html, 'html'],
  ] as const) {
    let failed = 0;
    const ms = await timeAsync(async () => {
      for (let i = 0; i < N; i++) {
        const r = await importReport(files[i % files.length], `r${i}.${ext}`, nodeImportOptions);
        if (!r.ok) failed++;
      }
    });
    row(`import ${label}`, `${fmt((N / ms) * 1000)} /s`);
    if (failed) row('  failed imports (should be 0)', String(failed));
  }
}
