/** One zip guard for Node and the browser: both inflaters stop at the limit and read real archives alike. */
import * as zlib from 'zlib';
import { inflateBrowser } from '../../src/io/inflate-browser';
import { inflateNode } from '../../src/io/inflate-node';
import { Inflate, ZipError, checkZip, readZipTexts } from '../../src/io/zip';
import { templateBuffer } from '../../src/xlsx/write';
import { makeZip } from '../helpers/zip';

describe.each([
  ['Node', inflateNode],
  ['browser', inflateBrowser],
] as [string, Inflate][])('the %s inflater', (_, inflate) => {
  test('reads every part of a real workbook', async () => {
    const bytes = new Uint8Array(await templateBuffer({ org: '某局', year: 2024 }));
    const entries = await checkZip(bytes, inflate);
    expect(entries.map((e) => e.name)).toContain('xl/workbook.xml');
    const texts = await readZipTexts(bytes, (n) => n === 'xl/workbook.xml', inflate);
    expect(texts.get('xl/workbook.xml')).toContain('<workbook');
  });

  test('refuses an entry that inflates past its declared size', async () => {
    const liar = makeZip([{ name: 'word/document.xml', data: zlib.deflateRawSync(Buffer.alloc(5 * 1024 * 1024, 0x41)), size: 100, deflated: true }]);
    await expect(readZipTexts(new Uint8Array(liar), () => true, inflate)).rejects.toThrow(/压缩炸弹/);
  });

  test('refuses a part declaring a DTD', async () => {
    const xxe = makeZip([{ name: 'word/document.xml', data: '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><d>&e;</d>' }]);
    await expect(readZipTexts(new Uint8Array(xxe), () => true, inflate)).rejects.toBeInstanceOf(ZipError);
  });

  test('refuses corrupt deflate data as damaged', async () => {
    const bad = makeZip([{ name: 'a.xml', data: Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), size: 50, deflated: true }]);
    await expect(readZipTexts(new Uint8Array(bad), () => true, inflate)).rejects.toThrow(/损坏|压缩炸弹/);
  });
});
