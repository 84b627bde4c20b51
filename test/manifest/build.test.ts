/**
 * The production build, run once as `npm run build:local` runs it (OFFICE_JS=local: tests stay
 * offline; `npm run build` defaults to Microsoft's CDN), into a temporary directory; then what a
 * person sideloads is checked file by file.
 */
import { execFileSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import http from 'http';
import { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { chromium } from 'playwright-core';
import ExcelJS from 'exceljs';
import { a1, sheetPlan, sheetTitle } from '../../src/core/sheet';
import { ledgerPlan } from '../../src/ledger/sheet';
import { TEMPLATE_FILE } from '../../src/preview/layout';
import { readWorkbook } from '../../src/xlsx/read';
import { checkManifest } from './check-manifest';

const ROOT = path.join(__dirname, '../..');
const OFFICE_JS_DIST = path.join(ROOT, 'node_modules/@microsoft/office-js/dist');
const ADDIN_URL = 'https://nianbao.example.gov.cn/addin/';
let dist: string;

beforeAll(() => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-dist-'));
  const env = { ...process.env, OFFICE_JS: 'local', ADDIN_URL, DIST_DIR: dist };
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production'], { cwd: ROOT, env, stdio: 'pipe' });
}, 180_000);

afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

const read = (f: string) => fs.readFileSync(path.join(dist, f), 'utf8');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
}

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

test('dist holds everything the manifest points at', () => {
  const files = new Set(filesUnder(dist));
  for (const f of ['taskpane.html', 'taskpane.css', 'help.html', 'functions.js', 'taskpane.js', 'functions.json', 'functions-zh-cn.json', 'manifest.xml', 'office-js/office.js', 'start-check.js', 'export.html', 'export-page.js']) expect(files).toContain(f);
  for (const size of [16, 32, 64, 80, 128]) expect(fs.readFileSync(path.join(dist, `assets/icon-${size}.png`))).toEqual(fs.readFileSync(path.join(ROOT, `assets/icon-${size}.png`)));
  const manifest = read('manifest.xml');
  const urls = [...manifest.matchAll(/"(https:\/\/[^"]+)"/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(5);
  for (const url of urls) {
    expect(url.startsWith(ADDIN_URL)).toBe(true);
    expect(files).toContain(url.slice(ADDIN_URL.length));
  }
});

test('dist offers the blank template: the writer’s workbook, native checks and marks, no findings block; the help page links to it', async () => {
  const file = path.join(dist, TEMPLATE_FILE);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((ws) => ws.name)).toEqual([sheetTitle(null)]);
  const plan = sheetPlan();
  const ws = wb.worksheets[0];
  const formulas = (ws as unknown as { conditionalFormattings: { rules: { formulae: string[] }[] }[] }).conditionalFormattings.flatMap((cf) => cf.rules.flatMap((r) => r.formulae));
  expect(formulas).toEqual(plan.marks.map((m) => m.formula));
  expect(ws.getCell(a1(plan.checks[0].row, plan.checks[0].col)).formula).toBe(plan.checks[0].formula);
  // Only the add-in inserts the findings block: the download has no custom function to show #NAME?.
  const cellFormulas: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => void (cell.formula && cellFormulas.push(cell.formula))));
  expect(cellFormulas.length).toBe(plan.cells.filter((c) => c.formula).length);
  expect(cellFormulas.filter((f) => /NIANBAO/i.test(f))).toEqual([]);
  const [sheet] = await readWorkbook(fs.readFileSync(file));
  expect(Object.values(sheet.report.cells).filter((v) => v !== null)).toEqual([]);
  expect(read('help.html')).toMatch(new RegExp(`href="?${TEMPLATE_FILE.replace('.', '\\.')}"?[ >]`));
});

test('dist offers the blank register of applications: the register and its 表三 summary, the year left to the user', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dist, '台账模板.xlsx'));
  const plan = ledgerPlan();
  expect(wb.worksheets.map((ws) => ws.name)).toEqual([plan.register.name, plan.summary.name]);
  expect(wb.worksheets[0].getRow(plan.headerRow + 1).values).toEqual([undefined, ...plan.register.cells.filter((c) => c.row === plan.headerRow).map((c) => c.value)]);
  expect(wb.worksheets[1].getCell(a1(plan.year.row, plan.year.col)).value).toBeNull();
});

test('the manifest in dist is the source manifest with the hosting address, and still valid', () => {
  expect(read('manifest.xml')).toBe(fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8').split('https://localhost:3000/').join(ADDIN_URL));
  expect(checkManifest(read('manifest.xml'))).toEqual([]);
});

test('functions.json from the JSDoc, with errors passed in; functions-zh-cn.json with the same ids', () => {
  const en = JSON.parse(read('functions.json'));
  const zh = JSON.parse(read('functions-zh-cn.json'));
  expect(en.functions.map((f: { id: string }) => f.id)).toEqual(['CHECK', 'ERRORS', 'BALANCE', 'SUMCHECK']);
  expect(en.allowErrorForDataTypeAny).toBe(true);
  expect(zh.allowErrorForDataTypeAny).toBe(true);
  expect(zh.functions.map((f: { id: string }) => f.id)).toEqual(['CHECK', 'ERRORS', 'BALANCE', 'SUMCHECK']);
  expect(zh.functions.map((f: { name: string }) => f.name)).toEqual(['CHECK', 'ERRORS', 'BALANCE', 'SUMCHECK']);
  // The build appends the associations the metadata names: in the page's script (the shared
  // runtime) and in functions.js, the file the manifest names.
  for (const file of ['taskpane.js', 'functions.js']) {
    for (const id of ['CHECK', 'ERRORS', 'BALANCE', 'SUMCHECK']) expect([file, read(file)]).toEqual([file, expect.stringMatching(new RegExp(`CustomFunctions\\.associate\\("${id}",`))]);
  }
  expect(read('taskpane.js')).toMatch(/Office\.actions\.associate\(/);
});

test('taskpane.html loads the local office.js in <head>, the ES5 start check, then one deferred script', () => {
  const html = read('taskpane.html');
  const scripts = [...html.matchAll(/<script[^>]*src="?([^" >]+)"?/g)].map((m) => ({ src: m[1], at: m.index! }));
  expect(scripts[0].src).toBe('office-js/office.js');
  expect(scripts[0].at).toBeLessThan(html.indexOf('</head>'));
  // The start check (1 KB, ES5: what IE11 and a missing office.js need to hear), then one
  // deferred script: each more would be a round trip on the way to a usable pane.
  expect(scripts.slice(1).map((s) => s.src)).toEqual(['start-check.js', 'taskpane.js']);
  expect(html).toMatch(/<script\s+defer(?:="defer")?\s+src="?taskpane\.js"?/);
  expect(fs.existsSync(path.join(dist, 'taskpane.js'))).toBe(true);
});

test('taskpane.html carries a strict Content-Security-Policy: own scripts only, no inline script, no eval, no frames', () => {
  const html = read('taskpane.html');
  const csp = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1] ?? '';
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  expect(directives['script-src']).toEqual(["'self'"]);
  expect(directives['connect-src']).toEqual(["'self'"]);
  expect(directives['frame-src']).toEqual(["'none'"]);
  expect(directives['object-src']).toEqual(["'none'"]);
  expect(csp).not.toContain('unsafe-eval');
  // The policy comes before any script, and every script has a src: nothing inline to allow.
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    expect(m[1]).toMatch(/\bsrc=/);
    expect(m[2].trim()).toBe('');
  }
});

test('office.js is shipped unmodified, Excel files only', () => {
  const copied = filesUnder(path.join(dist, 'office-js')).filter((f) => f !== 'LICENSE.md');
  expect(copied.length).toBeGreaterThan(100);
  for (const f of copied) expect([f, sha(path.join(dist, 'office-js', f))]).toEqual([f, sha(path.join(OFFICE_JS_DIST, f))]);
  expect(copied).toEqual(expect.arrayContaining(['office.js', 'excel-web-16.00.js', 'excel-win32-16.01.js', 'excel-mac-16.00.js', 'custom-functions-runtime.js', 'zh-cn/office_strings.js']));
  expect(copied.filter((f) => /\.debug\.js$|(^|\/)(word|outlook|powerpoint|onenote|project|access)[-_]/.test(f))).toEqual([]);
  expect(fs.existsSync(path.join(dist, 'office-js/LICENSE.md'))).toBe(true);
});

test('nothing else loads from the internet: no http(s) address in built HTML, CSS and JavaScript', () => {
  // Identifiers that are not loaded: JSON-schema ids and zod's URL template in the bundled zod.
  // …and the Office Open XML namespace names the Word importer compares (the pane reads last year's .docx).
  // …and, in the Word export's own chunk (the docx library, loaded on 导出 Word), the namespace names
  // it writes into documents and one web address inside an error message it throws.
  // …and the XML namespace names saxes binds the xml and xmlns prefixes to (the file readers' XML parser).
  const allowed =
    /^(https?:\/\/json-schema\.org\/|http:\/\/\[|http:\/\/schemas\.openxmlformats\.org\/|http:\/\/purl\.oclc\.org\/ooxml\/|http:\/\/schemas\.microsoft\.com\/office\/|http:\/\/purl\.org\/dc\/|http:\/\/www\.w3\.org\/2001\/XMLSchema-instance$|http:\/\/www\.w3\.org\/XML\/1998\/namespace$|http:\/\/www\.w3\.org\/2000\/xmlns\/$|https:\/\/answers\.microsoft\.com\/en-us\/msoffice\/forum\/all\/does-word-support-more-than-9-list-levels\/)/;
  // …and, in pdf.js's own chunk (loaded on the first PDF), the library's constants: XML namespace
  // names, XFA schema ids, the core-js URL polyfill's self-test strings and a link helper's template.
  // They are pdf.js's text, not ours (each one must occur in pdfjs-dist's own build), and pdf.js is
  // handed bytes and asked to fetch nothing (test/e2e/pdf-import.test.ts runs it under the pane's CSP).
  const urls = (text: string) => [...text.matchAll(/https?:\/\/[^\s"'`)<>\\]*/g)].map((m) => m[0].replace(/\$\{[^}]*\}/g, '${}'));
  const pdfjsBuild = ['pdf.mjs', 'pdf.worker.mjs'].map((f) => fs.readFileSync(path.join(__dirname, '../../node_modules/pdfjs-dist/legacy/build', f), 'utf8')).join('\n');
  const pdfjsOwn = new Set(urls(pdfjsBuild));
  const found: string[] = [];
  for (const f of filesUnder(dist).filter((x) => !x.startsWith('office-js/') && /\.(html|css|js)$/.test(x))) {
    const text = read(f);
    const isPdfJs = text.includes('getDocument') && text.includes('GlobalWorkerOptions');
    for (const url of urls(text)) if (!allowed.test(url) && !(isPdfJs && pdfjsOwn.has(url))) found.push(`${f}: ${url}`);
  }
  expect(found).toEqual([]);
});

test('in a real browser the pane starts from local files only, without errors', async () => {
  const executablePath = '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error('Chromium is needed: apt-get install chromium');
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png' };
  const server = http.createServer((req, res) => {
    const file = path.join(dist, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${origin}taskpane.html`);
    // Outside Excel, Office.onReady reports no host: the page becomes the preview (src/preview/),
    // the pane beside an in-page workbook that has no template yet.
    await page.waitForFunction(() => document.getElementById('summary')?.textContent !== '', null, { timeout: 20_000 });
    expect(await page.locator('.nb-layout .nb-pane #summary').count()).toBe(1);
    expect(await page.textContent('#summary')).toContain('还没有年报模板');
    // The controls are the browser's own: nothing has to be defined before they work.
    expect(await page.locator('button[data-action="insert-template"]').count()).toBe(1);
    expect(await page.evaluate(() => document.querySelectorAll(':not(:defined)').length)).toBe(0);
    // A hidden button is not shown: the buttons' own display must not win over [hidden] (the upgrade offer hides its button).
    expect(
      await page.evaluate(() => {
        const b = document.querySelector<HTMLElement>('button[data-action="export-word"]')!;
        const shown = getComputedStyle(b).display;
        b.hidden = true;
        return [shown, getComputedStyle(b).display];
      }),
    ).toEqual(['inline-block', 'none']);
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
    expect(requests).toContain(`${origin}office-js/office.js`);
  } finally {
    await browser.close();
    server.close();
  }
}, 60_000);

describe('webpack.config.js options', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('../../webpack.config.js') as ((env: Record<string, unknown>, argv: Record<string, unknown>) => Promise<{ plugins: { constructor: { name: string }; userOptions?: { officeJs?: string }; patterns?: { to: string }[] }[] }>) & {
    OFFICE_JS: Record<string, string>;
  };
  const plugin = (c: Awaited<ReturnType<typeof config>>, name: string) => c.plugins.find((p) => p.constructor.name === name)!;

  test.each([
    ['local', 'office-js/office.js', true],
    ['cdn', 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js', false],
    ['china', 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js', false],
  ])('OFFICE_JS=%s loads office.js from %s', async (mode, src, copies) => {
    const c = await config({ OFFICE_JS: mode, WEBPACK_BUILD: true }, { mode: 'production' });
    expect(plugin(c, 'HtmlWebpackPlugin').userOptions?.officeJs).toBe(src);
    expect(plugin(c, 'CopyPlugin').patterns!.some((p) => p.to === 'office-js')).toBe(copies);
    // The policy lets in exactly the chosen office.js origin besides our own.
    const csp = (plugin(c, 'HtmlWebpackPlugin').userOptions as { csp?: string }).csp ?? '';
    const scriptSrc = /script-src ([^;]+)/.exec(csp)![1].split(' ');
    expect(scriptSrc).toEqual(copies ? ["'self'"] : ["'self'", new URL(src).origin]);
  });

  test('the default: Microsoft’s CDN for a production build, the local copy for development (the dev server and the preview work offline)', async () => {
    const prod = await config({ WEBPACK_BUILD: true }, { mode: 'production' });
    expect(plugin(prod, 'HtmlWebpackPlugin').userOptions?.officeJs).toBe(config.OFFICE_JS.cdn);
    const dev = await config({ WEBPACK_BUILD: true }, { mode: 'development' });
    expect(plugin(dev, 'HtmlWebpackPlugin').userOptions?.officeJs).toBe('office-js/office.js');
  });

  test('bad options are refused with a reason', async () => {
    await expect(config({ OFFICE_JS: 'unpkg' }, {})).rejects.toThrow(/OFFICE_JS must be one of local, cdn, china/);
    await expect(config({ ADDIN_URL: 'http://intranet/' }, {})).rejects.toThrow(/https/);
  });
});

test('taskpane.html loads start-check.js (ES5) right after office.js; the file is copied as written and parses as ES5', () => {
  const html = fs.readFileSync(path.join(dist, 'taskpane.html'), 'utf8');
  expect(html).toMatch(/<script src="?office-js\/office\.js"?><\/script>\s*<script src="?start-check\.js"?><\/script>/);
  const copied = fs.readFileSync(path.join(dist, 'start-check.js'), 'utf8');
  expect(copied).toBe(fs.readFileSync(path.join(ROOT, 'src/taskpane/start-check.js'), 'utf8'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const acorn = require('acorn') as typeof import('acorn');
  expect(() => acorn.parse(copied, { ecmaVersion: 5 })).not.toThrow();
});
