/** Load size: what each built entry costs to download (office.js, shipped unmodified, excluded). */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { fmt, row } from './util';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const BUDGET_TASKPANE_GZIP = 150 * 1024;

/** The files a page loads for an entry, from webpack's stats (its chunks, runtime included). */
function entryFiles(stats: { entrypoints: Record<string, { assets: { name: string }[] }> }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, ep] of Object.entries(stats.entrypoints)) out[name] = ep.assets.map((a) => a.name).filter((f) => /\.(js|css)$/.test(f));
  return out;
}

export async function benchSize(): Promise<void> {
  console.log('Load size (production build, office.js excluded)');
  const statsFile = path.join(ROOT, 'node_modules/.cache/nianbao-stats.json');
  fs.mkdirSync(path.dirname(statsFile), { recursive: true });
  execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production', '--json', statsFile], { cwd: ROOT, stdio: 'ignore' });
  const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
  const entries = entryFiles(stats);
  // What taskpane.html itself loads (the one page of the shared runtime), as its script tags say.
  const html = fs.readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
  const taskpaneJs = [...html.matchAll(/<script[^>]*\ssrc="?([^" >]+)"?/g)].map((m) => m[1]).filter((src) => !src.startsWith('office-js/') && !/^https?:/.test(src));
  for (const [name, files] of Object.entries(entries)) {
    let min = 0;
    let gz = 0;
    for (const f of files) {
      const data = fs.readFileSync(path.join(DIST, f));
      min += data.length;
      gz += zlib.gzipSync(data, { level: 9 }).length;
    }
    row(`entry ${name} (${files.length} files)`, `${fmt(min / 1024)} KB min / ${fmt(gz / 1024)} KB gzip`);
  }
  const paneGz = taskpaneJs.reduce((s, f) => s + zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length, 0);
  row(`taskpane.html: all its JavaScript (${taskpaneJs.length} files), gzip`, `${fmt(paneGz / 1024)} KB`, '≤ 150 KB', paneGz <= BUDGET_TASKPANE_GZIP);
}
