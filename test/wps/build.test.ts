/**
 * `npm run build:wps`, run once as the script runs it, into a temporary directory; then what an
 * administrator deploys is checked: the add-in folder, the offline .7z (listed with the same
 * 7-Zip that made it), jsplugins.xml, nothing loaded from the internet, and nothing in the
 * scripts newer than the WPS target (webpack.wps.config.js).
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import * as acorn from 'acorn';
import { XMLParser } from 'fast-xml-parser';

const ROOT = path.join(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pack, list7z } = require('../../scripts/pack-wps.js') as {
  pack: (o: { distDir: string; serverUrl?: string; online?: boolean }) => Promise<{ archive: string; jsplugins: string; url: string }>;
  list7z: (file: string) => Promise<string[]>;
};
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const SERVER = 'http://10.1.2.3/wps/';

let dist: string;
let folder: string;
let packed: { archive: string; jsplugins: string; url: string };

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-wps-'));
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/webpack/bin/webpack.js'), '--config', 'webpack.wps.config.js', '--mode', 'production'], {
    cwd: ROOT,
    env: { ...process.env, DIST_DIR: dist },
    stdio: 'pipe',
  });
  folder = path.join(dist, 'nianbao');
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
  for (const f of ['index.html', 'ribbon.js', 'ribbon.xml', 'taskpane.html', 'taskpane.js', 'taskpane.css', 'wps.css', 'help.html', 'assets/icon-32.png']) expect(files).toContain(f);
  expect(read('index.html')).toMatch(/<script[^>]+src="?ribbon\.js"?/);
  expect(read('taskpane.html')).toMatch(/<script[^>]+src="?taskpane\.js"?/);
  expect(read('taskpane.html')).not.toMatch(/office\.js|officeJs/);
  // The pane's markup is the Excel pane's.
  for (const id of ['insert', 'findings', 'summary', 'prior', 'import-button']) expect(read('taskpane.html')).toMatch(new RegExp(`id="?${id}"?[\\s>]`));
});

test('ribbon.xml names the group, both buttons and callbacks ribbon.js defines', () => {
  const xml = read('ribbon.xml');
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
  const group = doc.customUI.ribbon.tabs.tab.group;
  expect(group.label).toBe('政府信息公开年报');
  expect(group.button.map((b: { label: string }) => b.label)).toEqual(['插入年报模板', '年报校验', '插入台账']);
  const js = read('ribbon.js');
  for (const id of group.button.map((b: { id: string }) => b.id)) expect(js).toContain(id);
  for (const cb of ['OnAddinLoad', 'OnAction', 'GetImage']) expect(js).toContain(cb);
});

test('the .7z lists every file of the folder at its top, and jsplugins.xml points at it', async () => {
  expect(path.basename(packed.archive)).toBe(`nianbao_${VERSION}.7z`);
  expect(await list7z(packed.archive)).toEqual(filesUnder(folder).sort());
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(fs.readFileSync(packed.jsplugins, 'utf8'));
  expect(doc.jsplugins.jsplugin).toEqual({ name: 'nianbao', type: 'et', url: `${SERVER}nianbao_${VERSION}.7z`, version: VERSION });
});

test('online mode lists the served folder instead', async () => {
  const online = await pack({ distDir: dist, serverUrl: 'http://10.1.2.3/wps', online: true });
  expect(online.url).toBe('http://10.1.2.3/wps/nianbao/');
  await pack({ distDir: dist, serverUrl: SERVER });
});

test('nothing is loaded from the internet: pages load only their own files, under a policy allowing nothing else', () => {
  for (const page of ['index.html', 'taskpane.html', 'help.html']) {
    const html = read(page);
    expect([page, html.match(/\b(?:src|href)\s*=\s*"(?:https?:)?\/\/[^"]*"/gi)]).toEqual([page, null]);
  }
  for (const page of ['index.html', 'taskpane.html']) {
    const csp = /http-equiv="?Content-Security-Policy"? content="([^"]*)"/.exec(read(page))?.[1] ?? '';
    expect(csp).toMatch(/default-src 'self' file:/);
    expect(csp).not.toMatch(/https?:/);
    // Neither inline script nor inline style: the pane sets styles through the CSSOM only.
    expect(csp).not.toContain('unsafe-');
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
