/**
 * The pictures the README, the manuals and the pane's help page show: each one is on disk, made by
 * `npm run docs:pictures` (an entry of its declarative list), small enough to commit, and the help
 * page's are loaded lazily and shipped by both builds.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PICTURES, PICTURES_DIR } from '../../scripts/docs-pictures';

const ROOT = path.join(__dirname, '../..');
const HELP = path.join(ROOT, 'src/taskpane/help.html');
/** Small enough to keep in git and to load in a task pane (pngquant keeps them well under). */
const MAX_BYTES = 150 * 1024;

/** Every Markdown document a reader opens: the README and docs/*.md. */
function documents(): string[] {
  const docs = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join(ROOT, 'docs', f));
  return [path.join(ROOT, 'README.md'), ...docs];
}

/** The pictures a file refers to, as paths resolved from the file (Markdown images and HTML img/a). */
function referencedPictures(file: string): { picture: string; alt: string | null }[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: { picture: string; alt: string | null }[] = [];
  for (const m of text.matchAll(/!\[([^\]]*)\]\(([^)\s]+\.png)\)/g)) found.push({ picture: path.resolve(path.dirname(file), decodeURI(m[2])), alt: m[1] });
  for (const m of text.matchAll(/<img\b[^>]*>/g)) {
    const src = /\bsrc="([^"]+\.png)"/.exec(m[0]);
    if (src) found.push({ picture: path.resolve(path.dirname(file), src[1]), alt: /\balt="([^"]*)"/.exec(m[0])?.[1] ?? null });
  }
  return found;
}

/** A picture the help page names (pictures/x.png, copied there by the build) is docs/pictures/x.png. */
function inDocs(picture: string): string {
  return path.relative(path.join(ROOT, 'src/taskpane'), picture).startsWith('pictures/') ? path.join(PICTURES_DIR, path.basename(picture)) : picture;
}

function pngSize(file: string): { width: number; height: number } {
  const head = fs.readFileSync(file).subarray(0, 24);
  expect(head.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

const made = new Set(PICTURES.map((p) => path.join(PICTURES_DIR, `${p.name}.png`)));

test.each(documents().map((f) => [path.relative(ROOT, f), f]))('%s: every picture it shows is on disk, made by the picture script, with alt text', (_name, file) => {
  for (const { picture, alt } of referencedPictures(file)) {
    expect([picture, fs.existsSync(picture)]).toEqual([picture, true]);
    expect([picture, made.has(picture)]).toEqual([picture, true]);
    expect([picture, (alt ?? '').length > 0]).toEqual([picture, true]);
  }
});

test('the README shows the pane beside the template, and each manual shows pictures', () => {
  expect(referencedPictures(path.join(ROOT, 'README.md')).map((r) => path.basename(r.picture))).toContain('pane-beside-template.png');
  for (const manual of ['编制指南', '审核指南', '部署指南']) expect([manual, referencedPictures(path.join(ROOT, 'docs', `${manual}.md`)).length > 0]).toEqual([manual, true]);
});

test('every entry of the picture script has its file, small enough to commit; no picture is left over', () => {
  const onDisk = fs.readdirSync(PICTURES_DIR).filter((f) => f.endsWith('.png')).map((f) => path.join(PICTURES_DIR, f));
  expect(onDisk.sort()).toEqual([...made].sort());
  for (const file of made) expect([path.basename(file), fs.statSync(file).size <= MAX_BYTES]).toEqual([path.basename(file), true]);
  expect(new Set(PICTURES.map((p) => p.name)).size).toBe(PICTURES.length);
});

describe('the help page', () => {
  const html = fs.readFileSync(HELP, 'utf8');
  const images = [...html.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { HELP_PICTURES } = require('../../webpack.config.js') as { HELP_PICTURES: string[] };

  test('shows three or four pictures, for inserting, filling, reading a finding and fixing it', () => {
    expect(images.length).toBeGreaterThanOrEqual(3);
    expect(images.length).toBeLessThanOrEqual(4);
    const names = images.map((img) => /\bsrc="pictures\/([^"/]+)\.png"/.exec(img)?.[1]);
    expect(names).toEqual(['insert-template', 'fill-template', 'read-finding', 'quick-fix']);
  });

  test('loads each picture lazily, at its size in CSS pixels (nothing jumps while it loads)', () => {
    for (const img of images) {
      expect(img).toMatch(/\bloading="lazy"/);
      const src = /\bsrc="([^"]+)"/.exec(img)![1];
      const size = pngSize(inDocs(path.resolve(path.dirname(HELP), src)));
      const entry = PICTURES.find((p) => `pictures/${p.name}.png` === src)!;
      const scale = entry.kind === 'page' ? entry.viewport.scale : 1;
      const css = [Math.round(size.width / scale), Math.round(size.height / scale)].map(String);
      expect([src, /\bwidth="(\d+)"/.exec(img)?.[1], /\bheight="(\d+)"/.exec(img)?.[1]]).toEqual([src, ...css]);
    }
  });

  test('the builds ship exactly the pictures it shows, beside it in pictures/', async () => {
    const shown = images.map((img) => /\bsrc="pictures\/([^"/]+)\.png"/.exec(img)![1]);
    expect([...HELP_PICTURES].sort()).toEqual([...shown].sort());
    const patterns = (config: { plugins: unknown[] }) =>
      config.plugins.flatMap((p) => ((p as { patterns?: { from: string; to: string }[] }).patterns ?? []).map((c) => `${c.from} → ${c.to}`));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const excel = await (require('../../webpack.config.js') as (env: object, argv: object) => Promise<{ plugins: unknown[] }>)({}, { mode: 'production' });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const wps = await (require('../../webpack.wps.config.js') as (env: object, argv: object) => { plugins: unknown[] } | Promise<{ plugins: unknown[] }>)({}, { mode: 'production' });
    for (const config of [excel, wps]) {
      const copied = patterns(config);
      expect(copied).toContain('src/taskpane/help.css → help.css');
      for (const name of shown) expect(copied).toContain(`docs/pictures/${name}.png → pictures/${name}.png`);
    }
  });
});
