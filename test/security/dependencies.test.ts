/**
 * `npm audit` cannot reach an advisory database from our machines, so the advisories known for
 * what we ship are pinned here: each installed version must be at or past its fix, or the use
 * that makes it reachable must be absent. docs/architecture.md「安全」explains each.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const version = (pkg: string): number[] => (require(`${pkg}/package.json`) as { version: string }).version.split('.').map((n) => parseInt(n, 10));
const atLeast = (v: number[], min: number[]): boolean => {
  for (let i = 0; i < min.length; i++) if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i];
  return true;
};

test.each([
  ['tmp', [0, 2, 4]], // path traversal / symlink write, fixed in 0.2.4
  ['jszip', [3, 8, 0]], // path sanitisation and prototype pollution, fixed by 3.8.0
  ['fast-csv', [4, 3, 6]], // formula injection escaping options, fixed in 4.3.6
  ['pdfjs-dist', [6, 2, 108]], // GHSA-hq66-cqwq-w95j (script from a malicious PDF), fixed in 6.2.108; CVE-2024-4367 (font eval) in 4.2.67
])('%s is at or past its fix', (pkg, min) => {
  expect(atLeast(version(pkg), min)).toBe(true);
});

test('uuid 8 is only called as v4 without a buffer: the bounds-check advisory (v3/v5/v6 with a buffer) is not reachable', () => {
  const lib = path.join(ROOT, 'node_modules/exceljs/lib');
  const uses: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const f = path.join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else if (f.endsWith('.js')) {
        const text = fs.readFileSync(f, 'utf8');
        for (const m of text.matchAll(/[^\n;]*require\('uuid'\)/g)) uses.push(m[0]);
        for (const m of text.matchAll(/uuidv4\(([^)]*)\)/g)) expect(m[1].trim()).toBe('');
      }
    }
  };
  walk(lib);
  expect(uses.length).toBeGreaterThan(0);
  for (const u of uses) expect(u).toMatch(/\{\s*v4: uuidv4\s*\}\s*=\s*require/);
});

test('the add-in bundle ships neither exceljs nor its dependencies', () => {
  // The pane reads .xlsx with src/io/xlsx-lite.ts; exceljs is for the command line only.
  for (const dir of ['src/taskpane', 'src/functions', 'src/commands', 'src/excel', 'src/preview', 'src/io']) {
    for (const f of fs.readdirSync(path.join(ROOT, dir)).filter((x) => x.endsWith('.ts'))) {
      expect([f, /from 'exceljs'/.test(fs.readFileSync(path.join(ROOT, dir, f), 'utf8'))]).toEqual([f, false]);
    }
  }
});

test('the importers and the zip guard parse only through the libraries docs/libraries.md lists (fflate, htmlparser2, saxes, pdf.js)', () => {
  // The pane bundles src/io and src/import (but node.ts, inflate-node.ts and pdf/node-worker.ts, the command line's, on Node's zlib and worker threads): no hand parser returns unnoticed, and no other package slips in.
  const allowed = new Set(['fflate', 'htmlparser2', 'saxes', 'pdfjs-dist/legacy/build/pdf.mjs', 'pdfjs-dist/legacy/build/pdf.worker.mjs']);
  const used = new Set<string>();
  for (const dir of ['src/io', 'src/import']) {
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const f of walk(path.join(ROOT, dir)).filter((x) => x.endsWith('.ts') && !x.endsWith(`${path.sep}node.ts`) && !x.endsWith(`${path.sep}inflate-node.ts`) && !x.endsWith(`${path.sep}node-worker.ts`))) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/(?:from |import\((?:\/\*[^*]*\*\/ )?)'([^'.][^']*)'/g)) used.add(m[1]);
    }
  }
  expect([...used].filter((p) => !allowed.has(p))).toEqual([]);
  expect([...allowed].filter((p) => !used.has(p))).toEqual([]);
});

test('pdf.js parses only: no eval, no fonts in the page, no scripting sandbox, no WebAssembly, no images decoded', () => {
  const extract = fs.readFileSync(path.join(ROOT, 'src/import/pdf/extract.ts'), 'utf8');
  for (const option of ['isEvalSupported: false', 'disableFontFace: true', 'useSystemFonts: false', 'enableXfa: false', 'useWasm: false', 'maxImageSize: 1']) expect(extract).toContain(option);
  expect(extract).not.toMatch(/pdf\.sandbox|enableScripting/);
});
