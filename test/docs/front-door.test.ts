/**
 * The front door: a short README that gets a person to their page, one manual per reader opening
 * with a title that names its reader, links that lead somewhere, and every measured figure and
 * design fact the long README carried still written down in docs/.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '../..');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const README = read('README.md');

/** Documents other work is adding; linked already so that readers find them once they land. */
const ARRIVING = new Set(['docs/pdf.md', 'docs/ledger.md']);

test('the README is at most 120 lines', () => {
  expect(README.trimEnd().split('\n').length).toBeLessThanOrEqual(120);
});

test('the README keeps the two commands word for word, and ends with a short English summary', () => {
  expect(README).toContain('`npm install && npm start`');
  expect(README).toContain('`npm install && npm test`');
  const headings = [...README.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  expect(headings[headings.length - 1]).toBe('English summary');
  const summary = README.slice(README.lastIndexOf('## English summary'));
  expect(summary.split('\n').length).toBeLessThanOrEqual(25);
});

test('the README links each reader to their manual, and developers to the design, libraries and performance', () => {
  for (const doc of ['docs/编制指南.md', 'docs/审核指南.md', 'docs/部署指南.md', 'docs/architecture.md', 'docs/libraries.md', 'docs/performance.md']) {
    expect(README).toContain(`](${doc})`);
  }
});

test.each([
  ['docs/编制指南.md', '填写'],
  ['docs/审核指南.md', '审核'],
  ['docs/部署指南.md', '部署'],
])('%s opens with a title naming its reader', (file, reader) => {
  const first = read(file).split('\n')[0];
  expect(first).toMatch(/^# .+指南：写给.+/);
  expect(first).toContain(reader);
});

const MARKDOWN = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
/** The documents this front door wrote; the deployment and acceptance scripts and rules.md are kept elsewhere. */
const OURS = ['README.md', 'docs/编制指南.md', 'docs/审核指南.md', 'docs/部署指南.md', 'docs/architecture.md', 'docs/libraries.md', 'docs/performance.md'];

/** GitHub's anchor for a heading: lower case, spaces to hyphens, punctuation other than - and _ dropped. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

test.each(OURS)('%s: every relative link leads to a file (and heading) that exists', (file) => {
  const text = read(file);
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1];
    if (/^[a-z]+:/i.test(target)) continue;
    const [rel, hash] = target.split('#');
    const resolved = rel === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(rel)));
    if (ARRIVING.has(resolved) && !fs.existsSync(path.join(ROOT, resolved))) continue;
    expect([target, fs.existsSync(path.join(ROOT, resolved))]).toEqual([target, true]);
    if (hash && resolved.endsWith('.md')) {
      const headings = [...read(resolved).matchAll(/^#+ (.+)$/gm)].map((h) => anchor(h[1]));
      expect([target, headings]).toEqual([target, expect.arrayContaining([decodeURI(hash)])]);
    }
  }
});

test('no fact of the old README was lost: its figures, limits and security notes are in docs/', () => {
  const docs = MARKDOWN.filter((f) => f !== 'README.md')
    .map(read)
    .join('\n');
  for (const fact of [
    '112.8 秒', // review at a province's scale
    '241 MiB',
    '92.6 KB gzip', // the parsing libraries' size
    '29–40 µs', // the engine
    '393–479 ms', // cold load in Chromium
    '142 份/秒',
    '999,999,999', // input limits
    '不接受 DOCTYPE',
    'GHSA-w5hq-g745-h8pq', // the dependency audit
    'ReadWriteDocument',
    'htmlparser2` 10.1.0',
    'saxes` 6.0.0',
    'fflate` 0.8.3',
    'nianbao/report@1',
    'T2.rulesAuthority',
    'ExcelApi 1.9',
    'ES2017',
    'w:altName',
    'office-js#2700',
  ]) {
    expect([fact, docs.includes(fact)]).toEqual([fact, true]);
  }
});
