/**
 * PDFs we cannot read are refused with a Chinese reason and what to do instead, never a crash or
 * a silent pass: a scan, a password, a file cut short or damaged, and hostile files stopped by the
 * guard's limits (docs/pdf.md) before pdf.js parses them. A PDF's JavaScript is never run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { importReport } from '../../../src/import';
import { nodeImportOptions } from '../../../src/import/node';
import { DEFAULT_PDF_LIMITS, readPdf } from '../../../src/import/pdf';
import { cliSandbox } from '../../helpers/cli';
import { bombPdf, imageOnlyPdf, makePdf, textPdf } from '../../helpers/pdf';
import { PDF_FIXTURES } from '../../helpers/shared';

const REAL = fs.readFileSync(path.join(PDF_FIXTURES, '03-huaian-city-gov-2024.pdf'));

const importPdf = async (bytes: Buffer) => {
  const r = await importReport(new Uint8Array(bytes), 'r.pdf', nodeImportOptions);
  return r.ok ? '(read)' : r.error;
};
const reason = async (bytes: Buffer, limits = DEFAULT_PDF_LIMITS) => {
  try {
    await readPdf(new Uint8Array(bytes), limits);
    return '(read)';
  } catch (e) {
    return (e as Error).message;
  }
};

test('a scan (pages that are only images) says so and what to do instead', async () => {
  const msg = await importPdf(imageOnlyPdf());
  expect(msg).toMatch(/^这是扫描件或图片，没有可读取的文字/);
  expect(msg).toContain('Word 原件');
  expect(msg).toContain('年报模板');
});

test('a password-protected PDF is refused as encrypted', async () => {
  // A standard security handler whose check values match no password: pdf.js asks for one.
  const encrypted = makePdf(
    ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>', `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> >>`],
    `/Encrypt 4 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>] `,
  );
  expect(await importPdf(encrypted)).toMatch(/^PDF 文件已加密，需要密码/);
});

test('a file cut short, or damaged, is refused as such', async () => {
  expect(await importPdf(REAL.subarray(0, Math.floor(REAL.length / 2)))).toMatch(/^PDF 文件不完整/);
  const garbage = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 0x41), Buffer.from('\n%%EOF\n')]);
  expect(await importPdf(garbage)).toMatch(/^PDF 文件已损坏/);
  expect(await importPdf(Buffer.from('not a pdf at all'))).toMatch(/不是 PDF 文件/);
});

test('a stream that inflates without bound stops at the limit, before pdf.js inflates it', async () => {
  expect(await reason(bombPdf(3 << 20), { ...DEFAULT_PDF_LIMITS, maxStreamBytes: 1 << 20 })).toMatch(/一段压缩数据解压后超过 1 MB/);
  expect(await reason(bombPdf(3 << 20), { ...DEFAULT_PDF_LIMITS, maxTotalBytes: 2 << 20 })).toMatch(/合计超过 2 MB/);
  // With the shipped limits: 101 MB of one stream is refused.
  expect(await importPdf(bombPdf(101 << 20))).toMatch(/一段压缩数据解压后超过 100 MB/);
});

test('deep nesting, too many objects and too many pages are refused', async () => {
  const deep = makePdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>', `${'['.repeat(50_000)}${']'.repeat(50_000)}`]);
  expect(await importPdf(deep)).toMatch(/嵌套过深（超过 100 层）/);
  const manyPages = textPdf([['a'], ['b'], ['c']]);
  expect(await reason(manyPages, { ...DEFAULT_PDF_LIMITS, maxPages: 2 })).toMatch(/页数过多（3 页，上限 2 页）/);
  expect(await reason(manyPages, { ...DEFAULT_PDF_LIMITS, maxObjects: 5 })).toMatch(/对象过多/);
  expect(DEFAULT_PDF_LIMITS).toMatchObject({ maxStreamBytes: 100 << 20, maxTotalBytes: 200 << 20, maxDepth: 100, maxPages: 500 });
});

test('JavaScript in a PDF is never run', async () => {
  const g = globalThis as { nianbaoPdfRan?: number };
  const js = '(globalThis.nianbaoPdfRan = 1); app.alert("x");';
  const pdf = textPdf([['Report']], { catalog: `/OpenAction << /S /JavaScript /JS (${js}) >> /Names << /JavaScript << /Names [(a) << /S /JavaScript /JS (${js}) >>] >> >>` });
  await importPdf(pdf);
  expect(g.nianbaoPdfRan).toBeUndefined();
  // Nor does the reader load pdf.js's scripting sandbox at all.
  const src = fs.readdirSync(path.resolve(__dirname, '../../../src/import/pdf')).map((f) => fs.readFileSync(path.resolve(__dirname, '../../../src/import/pdf', f), 'utf8'));
  expect(src.join('\n')).not.toMatch(/pdf\.sandbox|enableScripting:\s*true|isEvalSupported:\s*true/);
});

test('nianbao check and convert refuse them with exit 2, the file named, no stack trace', () => {
  const box = cliSandbox('pdf-refused');
  try {
    box.file('扫描件.pdf', imageOnlyPdf());
    box.file('半截.pdf', REAL.subarray(0, 100_000));
    for (const [cmd, f] of [['check', '扫描件.pdf'], ['convert', '半截.pdf']]) {
      const r = cmd === 'convert' ? box.run(cmd, f, 'out.json') : box.run(cmd, f);
      expect([f, r.code]).toEqual([f, 2]);
      const said = r.out + r.err;
      expect(said).toContain(f);
      expect(said).not.toMatch(/\n\s+at /);
    }
    expect(box.run('check', '扫描件.pdf').out).toContain('无法读取：这是扫描件或图片');
  } finally {
    box.remove();
  }
});
