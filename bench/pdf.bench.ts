/**
 * PDFs (`npm run bench -- pdf`): imports per second of the three real published PDFs
 * (../shared/fixtures/pdf), beside poppler's pdftotext (a C program, text and boxes only, no
 * tables; not usable in the pane) as the reference; `nianbao review` over 1,000 PDFs (time and
 * peak memory, budget 400 MiB); and, when dist/ is built (`npm run build`), the PDF chunk's size
 * and, in Chromium, the first PDF import's time in the preview (chunk download, pdf.js start,
 * reading).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { importReport } from '../src/import/index';
import { nodeImportOptions } from '../src/import/node';
import { PDF_FIXTURES } from '../test/helpers/shared';
import { fmt, row, timeAsync } from './util';

const N = Number(process.env.BENCH_PDFS ?? 30);
/** 1,000 when the section is asked for by name (`npm run bench -- pdf`); 100 in the default run, to stay short. */
const reviewFiles = (): number => Number(process.env.BENCH_PDF_REVIEW ?? (process.argv.slice(2).includes('pdf') ? 1_000 : 100));
const DIST = process.env.DIST_DIR ?? path.join(__dirname, '../dist');

/**
 * `nianbao` as users run it — the compiled command (lib/, from `npm install`), which loads pdf.js
 * with Node's own require — in a process of its own; GNU time reports its peak memory. (Under
 * tsx, as review.child.ts runs the source, tsx's copy of pdf.js in transformed form doubles it.)
 */
function measure(args: string[]): { ms: number; cpuMs: number; rss: number } {
  const bin = path.join(__dirname, '../bin/nianbao.js');
  const r = spawnSync('/usr/bin/time', ['-f', 'nianbao-time %M %e %U %S', process.execPath, bin, ...args], { cwd: path.join(__dirname, '..'), encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /nianbao-time (\d+) ([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  if (!m) throw new Error(`bench child failed (${r.status}): ${r.stderr}`);
  return { rss: Number(m[1]) * 1024, ms: Number(m[2]) * 1000, cpuMs: (Number(m[3]) + Number(m[4])) * 1000 };
}

export async function benchPdf(): Promise<void> {
  const files = fs
    .readdirSync(PDF_FIXTURES)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => ({ name: f, bytes: new Uint8Array(fs.readFileSync(path.join(PDF_FIXTURES, f))) }));
  console.log(`PDF import (${files.length} real published PDFs, ${N} imports)`);
  if (!fs.existsSync(path.join(__dirname, '../lib/cli/main.js'))) throw new Error('build the command line first: npm run build:cli');

  const firstMs = await timeAsync(async () => {
    await importReport(files[0].bytes, files[0].name, nodeImportOptions);
  });
  row('first import in a process (loads pdf.js)', `${fmt(firstMs, 0)} ms`);
  let failed = 0;
  const cpu0 = process.cpuUsage();
  const ms = await timeAsync(async () => {
    for (let i = 0; i < N; i++) {
      const f = files[i % files.length];
      const r = await importReport(f.bytes, f.name, nodeImportOptions);
      if (!r.ok) failed++;
    }
  });
  const cpu = process.cpuUsage(cpu0);
  row('import .pdf (wall clock)', `${fmt((N / ms) * 1000)} /s, ${fmt(ms / N, 0)} ms each`);
  row('import .pdf (CPU time)', `${fmt((N / ((cpu.user + cpu.system) / 1000)) * 1000)} /s`);
  if (failed) row('  failed imports (should be 0)', String(failed));

  const poppler = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  if (poppler.status === 0 || /pdftotext/.test(poppler.stderr ?? '')) {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) spawnSync('pdftotext', ['-bbox-layout', path.join(PDF_FIXTURES, files[i % files.length].name), '/dev/null']);
    const popMs = performance.now() - t0;
    row('  reference: pdftotext -bbox-layout (poppler, C, a process each)', `${fmt((N / popMs) * 1000)} /s`);
  }

  // A supervising office's review of 1,000 PDFs: time and peak memory.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-pdf-'));
  try {
    const dir = path.join(root, 'pdfs');
    fs.mkdirSync(dir);
    for (let i = 0; i < reviewFiles(); i++) fs.copyFileSync(path.join(PDF_FIXTURES, files[i % files.length].name), path.join(dir, `r${String(i).padStart(5, '0')}.pdf`));
    const review = measure(['review', dir, '--out', path.join(root, 'review.xlsx')]);
    const mib = review.rss / 2 ** 20;
    row(`review ${reviewFiles()} PDFs (wall clock / CPU)`, `${fmt(review.ms / 1000)} / ${fmt(review.cpuMs / 1000)} s`);
    row('  peak memory (RSS) of review', `${fmt(mib, 0)} MiB`, '≤ 400 MiB', mib <= 400);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }

  // The pane's PDF chunk and the first PDF import in Chromium.
  if (!fs.existsSync(path.join(DIST, 'taskpane.html'))) {
    row('PDF chunk in the pane', 'skipped: build dist/ first (npm run build)');
    return;
  }
  // Our reader's chunk, and the chunk webpack splits pdf.js into (named by number).
  const chunks = fs.readdirSync(DIST).filter((f) => f.endsWith('.js') && (/^pdf\.js$/.test(f) || fs.readFileSync(path.join(DIST, f), 'utf8').includes('WorkerMessageHandler')));
  const raw = chunks.reduce((s, f) => s + fs.statSync(path.join(DIST, f)).size, 0);
  const gz = chunks.reduce((s, f) => s + zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length, 0);
  row(`PDF chunk (${chunks.join(', ')})`, `${fmt(raw / 1024, 0)} KB min / ${fmt(gz / 1024, 0)} KB gzip`);
  const { firstPdfImportInChromium } = await import('./pdf-browser');
  const t = await firstPdfImportInChromium(path.join(PDF_FIXTURES, files[files.length - 1].name), path.join(PDF_FIXTURES, files[0].name), DIST);
  row('first PDF import in Chromium (choose file → cells filled, preview)', `${fmt(t.first, 0)} ms`);
  row('  a second PDF import (another file), pdf.js loaded', `${fmt(t.second, 0)} ms`);
}
