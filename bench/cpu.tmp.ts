import { importReport } from '../src/import/index';
import { nodeImportOptions } from '../src/import/node';
import { documentXml, htmlPage, makeDocx, reportBlocks } from '../test/helpers/documents';
import { consistentReport } from '../test/helpers/reports';
(async () => {
  const docx: Uint8Array[] = [], html: Uint8Array[] = [];
  for (let i = 0; i < 20; i++) { const b = reportBlocks(consistentReport(i + 1, `机关${i}`, 2024)); docx.push(new Uint8Array(makeDocx(documentXml(b)))); html.push(new TextEncoder().encode(htmlPage(b))); }
  const out: string[] = [];
  for (const [label, files, ext] of [['docx', docx, 'docx'], ['html', html, 'html']] as const) {
    for (let i = 0; i < 30; i++) await importReport(files[i % 20], `r.${ext}`, nodeImportOptions);
    const c = process.cpuUsage(); const N = 300;
    for (let i = 0; i < N; i++) { const r = await importReport(files[i % 20], `r${i}.${ext}`, nodeImportOptions); if (!r.ok) throw new Error(r.error); }
    const d = process.cpuUsage(c); out.push(`${label} ${(N / ((d.user + d.system) / 1e6)).toFixed(1)}/s-of-CPU`);
  }
  console.log(out.join('  '));
})();
