/**
 * `npm run build:wps`, run once as the script runs it, into a temporary directory; then what an
 * administrator deploys is checked: the add-in folder, the offline .7z (listed with the same
 * 7-Zip that made it, and compared with what Kingsoft's `wpsjs build` makes of the same folder),
 * jsplugins.xml in both modes, the folder for `wpsjs publish`, ribbon.xml as WPS reads it, no
 * policy that could block our own files, nothing loaded from the internet, and nothing in the
 * scripts or the CSS newer than the WPS target (webpack.wps.config.js) without a fallback.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import * as acorn from 'acorn';
import { XMLParser } from 'fast-xml-parser';

const ROOT = path.join(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pack, list7z, sevenZip, serverBase } = require('../../scripts/pack-wps.js') as {
  pack: (o: { distDir: string; serverUrl?: string; online?: boolean }) => Promise<{ archive: string; folder: string; jsplugins: string; publish: string; url: string }>;
  list7z: (file: string, o?: { withFolders?: boolean }) => Promise<string[]>;
  sevenZip: (root: string, args: string[], sub?: string) => Promise<string>;
  serverBase: (url: string) => string;
};
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const SERVER = 'http://10.1.2.3/wps/';

let dist: string;
let folder: string;
let packed: { archive: string; folder: string; jsplugins: string; publish: string; url: string };
const FOLDER = `nianbao_${VERSION}`;

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-wps-'));
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack/bin/webpack.js'), '--config', 'webpack.wps.config.js', '--mode', 'production'], {
    cwd: ROOT,
    env: { ...process.env, DIST_DIR: dist },
    stdio: 'pipe',
  });
  folder = path.join(dist, FOLDER);
  packed = await pack({ distDir: dist, serverUrl: SERVER });
}, 300_000);

afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
}

const read = (f: string) => fs.readFileSync(path.join(folder, f), 'utf8');
const scripts = () => filesUnder(folder).filter((f) => f.endsWith('.js'));

test('the add-in folder holds the pages, scripts, ribbon and icons', () => {
  const files = filesUnder(folder);
  for (const f of ['index.html', 'ribbon.js', 'ribbon.xml', 'taskpane.html', 'taskpane.js', 'selftest.html', 'selftest.js', 'taskpane.css', 'wps.css', 'help.html', 'assets/icon-32.png']) expect(files).toContain(f);
  expect(read('index.html')).toMatch(/<script[^>]+src="?ribbon\.js"?/);
  expect(read('taskpane.html')).toMatch(/<script[^>]+src="?taskpane\.js"?/);
  expect(read('selftest.html')).toMatch(/<script[^>]+src="?selftest\.js"?/);
  expect(read('taskpane.html')).not.toMatch(/office\.js|officeJs/);
  // The pane's markup is the Excel pane's.
  for (const id of ['insert', 'findings', 'summary', 'prior', 'import-button']) expect(read('taskpane.html')).toMatch(new RegExp(`id="?${id}"?[\\s>]`));
});

test('ribbon.xml names the group, its buttons and callbacks ribbon.js defines', () => {
  const xml = read('ribbon.xml');
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
  const group = doc.customUI.ribbon.tabs.tab.group;
  expect(group.label).toBe('政府信息公开年报');
  expect(group.button.map((b: { label: string }) => b.label)).toEqual(['插入年报模板', '年报校验', '插入台账', '环境自检']);
  const js = read('ribbon.js');
  for (const id of group.button.map((b: { id: string }) => b.id)) expect(js).toContain(id);
  for (const cb of ['OnAddinLoad', 'OnAction', 'GetImage']) expect(js).toContain(cb);
});

test('the shipped ribbon.xml starts with <customUI, in the folder and in the archive (wpsjs res/publish.html:378)', async () => {
  expect(read('ribbon.xml').startsWith('<customUI')).toBe(true);
  // The source keeps its declaration and comment for people.
  expect(fs.readFileSync(path.join(ROOT, 'wps/ribbon.xml'), 'utf8').startsWith('<?xml')).toBe(true);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-wps-x-'));
  try {
    fs.copyFileSync(packed.archive, path.join(out, 'a.7z'));
    await sevenZip(out, ['x', '-y', '-bd', 'a.7z', `${FOLDER}/ribbon.xml`]);
    expect(fs.readFileSync(path.join(out, FOLDER, 'ribbon.xml'), 'utf8')).toBe(read('ribbon.xml'));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test('the .7z holds one top folder nianbao_<version>/ with every file of the add-in folder, and jsplugins.xml lists it with its version', async () => {
  expect(path.basename(packed.archive)).toBe('nianbao.7z');
  expect(await list7z(packed.archive)).toEqual(filesUnder(folder).map((f) => `${FOLDER}/${f}`).sort());
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(fs.readFileSync(packed.jsplugins, 'utf8'));
  expect(doc.jsplugins.jsplugin).toEqual({ name: 'nianbao', type: 'et', url: `${SERVER}nianbao.7z`, version: VERSION });
  expect(doc.jsplugins.jspluginonline).toBeUndefined();
});

test("the archive's layout is the one wpsjs build makes of the same folder (src/lib/build.js:62-82)", async () => {
  // build.js copies the files into <buildRoot>/<name>_<version> (:63-64, :66-74), then
  // `_7z.add(<buildRoot>/<name>.7z, [distPath], {recursive: false})` (:77-82): node-7z hands 7-Zip
  // the absolute folder path, so the folder itself becomes the archive's top entry.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-wpsjs-'));
  try {
    const buildRoot = path.join(work, 'wps-addon-build');
    fs.cpSync(folder, path.join(buildRoot, FOLDER), { recursive: true });
    await sevenZip(work, ['a', '/work/wps-addon-build/nianbao.7z', `/work/wps-addon-build/${FOLDER}`, '-y']);
    const theirs = await list7z(path.join(buildRoot, 'nianbao.7z'), { withFolders: true });
    expect(theirs[0]).toBe(`${FOLDER}/`);
    expect(theirs.every((e) => e.startsWith(`${FOLDER}/`))).toBe(true);
    expect(await list7z(packed.archive, { withFolders: true })).toEqual(theirs);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});

test('wpsjs publish finds an offline add-in in the publish folder and asks nothing (src/lib/publish.js:33-41, :100-114)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(packed.publish, 'package.json'), 'utf8'));
  expect(pkg).toMatchObject({ name: 'nianbao', version: VERSION, addonType: 'et' });
  expect(fs.readdirSync(packed.publish).sort()).toEqual(['package.json', 'wps-addon-build']);
  expect(fs.readdirSync(path.join(packed.publish, 'wps-addon-build'))).toEqual(['nianbao.7z']);
  expect(fs.readFileSync(path.join(packed.publish, 'wps-addon-build/nianbao.7z')).equals(fs.readFileSync(packed.archive))).toBe(true);
});

test('online mode lists the served folder as <jspluginonline>, without a version', async () => {
  const online = await pack({ distDir: dist, serverUrl: 'http://10.1.2.3/wps', online: true });
  expect(online.url).toBe(`http://10.1.2.3/wps/${FOLDER}/`);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(fs.readFileSync(online.jsplugins, 'utf8'));
  expect(doc.jsplugins.jspluginonline).toEqual({ name: 'nianbao', type: 'et', url: `http://10.1.2.3/wps/${FOLDER}/` });
  expect(doc.jsplugins.jsplugin).toBeUndefined();
  await pack({ distDir: dist, serverUrl: SERVER });
});

test('the server address as people type it: spaces trimmed (cmd.exe keeps the one before &&), a missing "/" added, anything else refused', () => {
  expect(serverBase('http://10.0.0.8/wps/ ')).toBe('http://10.0.0.8/wps/');
  expect(serverBase('  http://10.0.0.8/wps')).toBe('http://10.0.0.8/wps/');
  expect(() => serverBase('10.0.0.8/wps/')).toThrow(/http/);
  expect(() => serverBase('http://10.0.0.8/my wps/')).toThrow(/http/);
});

test('the packing script runs with WPS_SERVER_URL as cmd.exe leaves it (a trailing space)', () => {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts/pack-wps.js')], { cwd: ROOT, env: { ...process.env, DIST_DIR: dist, WPS_SERVER_URL: 'http://10.0.0.8/wps/ ', WPS_ONLINE: '' }, encoding: 'utf8' });
  expect(out).toContain('url=http://10.0.0.8/wps/nianbao.7z');
  expect(fs.readFileSync(path.join(dist, 'jsplugins.xml'), 'utf8')).toContain('url="http://10.0.0.8/wps/nianbao.7z"');
});

test('no policy that could block our own files: none on index.html; on the pages that show text only directives that name no source of ours', () => {
  expect(read('index.html')).not.toMatch(/Content-Security-Policy/i);
  for (const page of ['taskpane.html', 'selftest.html', 'help.html']) {
    const csp = /http-equiv="?Content-Security-Policy"? content="([^"]*)"/.exec(read(page))?.[1];
    expect([page, csp === undefined]).toEqual([page, false]);
    // default-src, script-src 'self', style-src, img-src… would block our files under an opaque origin.
    const allowed = ['object-src', 'base-uri', 'form-action', ...(page === 'help.html' ? ['script-src'] : [])];
    for (const d of csp!.split(';').map((x) => x.trim().split(/\s+/)[0])) expect([page, d, allowed.includes(d)]).toEqual([page, d, true]);
  }
  // help.html may forbid scripts because it has none.
  expect(read('help.html')).not.toMatch(/<script/i);
});

test('nothing is loaded from the internet: pages load only their own files', () => {
  for (const page of ['index.html', 'taskpane.html', 'selftest.html', 'help.html']) {
    const html = read(page);
    expect([page, html.match(/\b(?:src|href)\s*=\s*"(?:https?:)?\/\/[^"]*"/gi)]).toEqual([page, null]);
  }
  // Addresses in the scripts are identifiers (XML namespaces, JSON-schema ids, a licence link), never fetched.
  // The Word export's chunk (the docx library) carries OOXML namespace names and one address in an error message.
  const KNOWN = [
    /^http:\/\/schemas\.openxmlformats\.org\//,
    /^http:\/\/purl\.oclc\.org\/ooxml\//,
    /^https?:\/\/json-schema\.org\//,
    /^https:\/\/github\.com\/zloirock\/core-js/,
    /^http:\/\/\[/,
    /^http:\/\/schemas\.microsoft\.com\/office\//,
    /^http:\/\/purl\.org\/dc\//,
    /^http:\/\/www\.w3\.org\/2001\/XMLSchema-instance$/,
    // The XML namespace names saxes binds the xml and xmlns prefixes to.
    /^http:\/\/www\.w3\.org\/XML\/1998\/namespace$/,
    /^http:\/\/www\.w3\.org\/2000\/xmlns\/$/,
    /^https:\/\/answers\.microsoft\.com\/en-us\/msoffice\/forum\/all\/does-word-support-more-than-9-list-levels\//,
  ];
  for (const f of scripts()) {
    for (const url of read(f).match(/https?:\/\/[^\s"'`)]*/g) ?? []) expect([f, url, KNOWN.some((k) => k.test(url))]).toEqual([f, url, true]);
  }
});

test('no script uses syntax newer than ES2019 (Chromium 69 runs ES2019 syntax)', () => {
  for (const f of scripts()) {
    expect(() => acorn.parse(read(f), { ecmaVersion: 2019, sourceType: 'script' })).not.toThrow();
  }
});

test('no script calls what Chromium 69 lacks, except what src/wps/polyfills.ts provides', () => {
  const NEWER = ['crypto.randomUUID', 'randomUUID(', 'structuredClone(', '.replaceAll(', 'Object.hasOwn(', '.findLast(', '.findLastIndex(', 'Promise.allSettled(', 'Promise.any(', 'WeakRef(', 'FinalizationRegistry(', 'Intl.Segmenter', 'queueMicrotask(', 'AggregateError(', '.toSorted(', '.toReversed(', 'Object.groupBy(', '.replaceSync('];
  for (const f of scripts()) {
    const js = read(f);
    // A method (".at(") counts where a dot reaches it, not where a spread ("...at(") calls a minified function named at.
    const uses = (n: string): boolean => (n.startsWith('.') ? new RegExp(`(?<!\\.)${n.replace(/[.(]/g, '\\$&')}`).test(js) : js.includes(n));
    expect([f, NEWER.filter(uses)]).toEqual([f, []]);
    // No custom elements at all: form-associated ones need Chromium 77, constructable stylesheets 73.
    expect([f, /attachInternals|customElements\.define|adoptedStyleSheets/.test(js)]).toEqual([f, false]);
  }
  const polyfills = fs.readFileSync(path.join(ROOT, 'src/wps/polyfills.ts'), 'utf8');
  for (const p of ['object/from-entries', 'string/match-all', 'global-this']) expect(polyfills).toContain(`core-js/actual/${p}`);
});

/** The rules of a stylesheet as selector and declarations (comments dropped; rules inside @media kept). */
function cssRules(css: string): { selector: string; body: string }[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const out: { selector: string; body: string }[] = [];
  // Selectors compared as the minifier writes them: no spaces around combinators and commas.
  for (const m of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) out.push({ selector: m[1].trim().replace(/\s+/g, ' ').replace(/\s*([>,+~])\s*/g, '$1'), body: m[2] });
  return out;
}

const hasDecl = (body: string, property: string, value?: RegExp): boolean =>
  body.split(';').some((d) => {
    const [p, ...v] = d.split(':');
    return p.trim() === property && (value === undefined || value.test(v.join(':')));
  });

/**
 * What the CSS may use that Chromium 69 (the WPS target) lacks, with the version that brought it
 * (MDN browser-compat-data) and, where we have one, how wps.css supplies the fallback for a rule.
 */
const NEWER_CSS: { feature: string; chrome: number; used: (r: { selector: string; body: string }) => boolean; fallback?: (wps: { selector: string; body: string }[], selector: string) => boolean }[] = [
  {
    feature: ':focus-visible',
    chrome: 86,
    used: (r) => /:focus-visible/.test(r.selector) && !/:not\(:focus-visible\)/.test(r.selector),
    fallback: (wps) => wps.some((w) => w.selector === ':focus' && hasDecl(w.body, 'outline')) && wps.some((w) => w.selector === ':focus:not(:focus-visible)'),
  },
  {
    feature: 'gap in a flex container',
    chrome: 84,
    used: (r) => hasDecl(r.body, 'display', /^\s*(inline-)?flex\b/) && ['gap', 'row-gap', 'column-gap'].some((p) => hasDecl(r.body, p)),
    fallback: (wps, selector) =>
      wps.some((w) => w.selector.split(',').includes(selector) && hasDecl(w.body, 'gap', /^\s*0\s*$/)) &&
      wps.some((w) => w.selector.split(',').includes(`${selector}>*`) && ['margin', 'margin-right', 'margin-bottom'].some((p) => hasDecl(w.body, p))),
  },
  {
    feature: 'overflow-wrap: anywhere',
    chrome: 80,
    used: (r) => hasDecl(r.body, 'overflow-wrap', /anywhere/),
    fallback: (wps, selector) => wps.some((w) => w.selector.split(',').includes(selector) && hasDecl(w.body, 'word-break', /break-word/)),
  },
  { feature: 'min() / max() / clamp()', chrome: 79, used: (r) => /(^|[^-\w])(min|max|clamp)\(/.test(r.body) },
  { feature: ':is() / :where()', chrome: 88, used: (r) => /:(is|where)\(/.test(r.selector) },
  { feature: ':has()', chrome: 105, used: (r) => /:has\(/.test(r.selector) },
  { feature: '::marker', chrome: 86, used: (r) => /::marker/.test(r.selector) },
  { feature: 'nesting', chrome: 112, used: (r) => /&/.test(r.selector) },
  { feature: 'inset', chrome: 87, used: (r) => hasDecl(r.body, 'inset') },
  { feature: 'aspect-ratio', chrome: 88, used: (r) => hasDecl(r.body, 'aspect-ratio') },
  { feature: 'accent-color', chrome: 93, used: (r) => hasDecl(r.body, 'accent-color') },
  { feature: 'appearance (unprefixed)', chrome: 84, used: (r) => hasDecl(r.body, 'appearance') },
  { feature: 'content-visibility', chrome: 85, used: (r) => hasDecl(r.body, 'content-visibility') },
  { feature: 'scrollbar-gutter', chrome: 94, used: (r) => hasDecl(r.body, 'scrollbar-gutter') },
  { feature: 'text-underline-offset', chrome: 87, used: (r) => hasDecl(r.body, 'text-underline-offset') },
  { feature: 'text-decoration-thickness', chrome: 89, used: (r) => hasDecl(r.body, 'text-decoration-thickness') },
  { feature: 'color-mix()', chrome: 111, used: (r) => /color-mix\(/.test(r.body) },
  { feature: 'dvh / svh / lvh units', chrome: 108, used: (r) => /\d(dvh|svh|lvh|dvw|svw|lvw)\b/.test(r.body) },
  { feature: 'text-wrap', chrome: 114, used: (r) => hasDecl(r.body, 'text-wrap') },
];

test('the CSS is checked like the scripts: nothing newer than Chromium 69 without its fallback in wps.css', () => {
  const wps = cssRules(read('wps.css'));
  const problems: string[] = [];
  for (const file of ['taskpane.css', 'wps.css']) {
    const css = read(file);
    for (const at of ['@container', '@layer', '@property']) if (css.includes(at)) problems.push(`${file}: ${at}`);
    for (const rule of cssRules(css)) {
      for (const f of NEWER_CSS) {
        if (!f.used(rule)) continue;
        if (!f.fallback || !f.fallback(wps, rule.selector)) problems.push(`${file}: ${rule.selector} uses ${f.feature} (Chromium ${f.chrome}) without a fallback`);
      }
    }
  }
  expect(problems).toEqual([]);
  // The check sees what it is meant to see.
  expect(NEWER_CSS[1].used({ selector: '.x', body: 'display: flex; gap: 4px' })).toBe(true);
  expect(NEWER_CSS[2].fallback!(wps, '.nowhere')).toBe(false);
});

test('the pages a WPS pane shows link wps.css after taskpane.css', () => {
  for (const page of ['taskpane.html', 'selftest.html']) {
    const html = read(page);
    const at = (f: string) => html.search(new RegExp(`href="?${f.replace('.', '\\.')}"?[\\s>/]`));
    expect([page, at('taskpane.css') >= 0 && at('taskpane.css') < at('wps.css')]).toEqual([page, true]);
  }
});
