/** Hostile and broken inputs: refused in Chinese or read as far as they go — never a throw, never a hang. */
import fc from 'fast-check';
import * as zlib from 'zlib';
import { check } from '../../src/core/engine';
import { parseReport } from '../../src/core/report-schema';
import { ImportResult, importReport, parseDocumentXml, parseFlatText, parseHtml } from '../../src/import';
import { nodeImportOptions } from '../../src/import/node';
import { documentXml, flatDocument, htmlPage, makeDocx, reportBlocks } from '../helpers/documents';
import { consistentReport } from '../helpers/reports';
import { makeZip } from '../helpers/zip';

const base = consistentReport(51, '某县统计局', 2024);
const NAMES = ['a.docx', 'a.html', 'a.txt', 'a.json', 'a.xlsx', 'a'];

/** Every outcome is either a valid report or a Chinese error. */
function expectSane(r: ImportResult): void {
  if (!r.ok) {
    expect(r.error).toMatch(/[\u4e00-\u9fa5]/);
    return;
  }
  for (const one of r.reports) {
    const parsed = parseReport(one.report);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(() => check(one.report, { unreadable: one.unreadable })).not.toThrow();
  }
}

const importAny = (bytes: Uint8Array, name: string) => importReport(bytes, name, nodeImportOptions);

describe('broken and hostile files', () => {
  const docx = makeDocx(documentXml(reportBlocks(base)));

  test('a Word file cut short anywhere is refused in Chinese', async () => {
    for (const at of [0, 1, 2, 10, 30, 100, docx.length >> 2, docx.length >> 1, docx.length - 30, docx.length - 1]) {
      const r = await importAny(docx.subarray(0, at), 'cut.docx');
      expect(r.ok).toBe(false);
      expectSane(r);
    }
  });

  test('XXE: a DTD with an external entity is refused, and nothing is fetched or read', async () => {
    const xxe = documentXml(['&xxe;']).replace('<w:document', '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document');
    const r = await importAny(makeDocx(xxe), 'xxe.docx');
    expect(r).toEqual({ ok: false, format: 'docx', error: expect.stringMatching(/DOCTYPE|实体/) });
    // The parsing core refuses it by itself too, for readers that do not run the zip guard (a browser).
    expect(() => parseDocumentXml(xxe)).toThrow(/DTD|实体/);
    const plugged = await importReport(makeDocx(xxe), 'xxe.docx', { unzip: () => new Map([['word/document.xml', xxe]]) });
    expect(plugged.ok).toBe(false);
  });

  test('billion laughs: entity expansion never happens', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>`;
    const xml = documentXml(['&lol9;']).replace(/^<\?xml[^>]*>/, laughs);
    const r = await importReport(makeDocx(xml), 'lol.docx', { unzip: () => new Map([['word/document.xml', xml]]) });
    expect(r.ok).toBe(false);
    // Without a DTD, an undeclared entity is left as written.
    const doc = parseDocumentXml(documentXml(['RAW']).replace('RAW', '&lol9; &lt;&#x4e00;'));
    expect(doc.blocks[0]).toEqual({ kind: 'para', text: '&lol9; <一' });
  });

  test('a zip bomb inside a .docx is refused by the zip guard', async () => {
    const bomb = zlib.deflateRawSync(Buffer.alloc(50 * 1024 * 1024));
    const r = await importAny(makeZip([{ name: 'word/document.xml', data: bomb, deflated: true, size: 1000 }]), 'bomb.docx');
    expect(r.ok).toBe(false);
    expectSane(r);
  });

  // The inputs below finish in well under a second with linear readers; a quadratic one takes
  // minutes (htmlparser2's Parser: 64 s at this depth). The test's time limit is only that guard
  // against hanging, not a speed goal (speed is the bench's), so load on the machine cannot fail it.
  test('deeply nested HTML is read without hanging, and the report inside is found', async () => {
    const depth = 100_000;
    const html = `${'<div><span>'.repeat(depth)}${htmlPage(reportBlocks(base))}${'</span></div>'.repeat(depth)}`;
    const r = await importAny(Buffer.from(html), 'deep.html');
    if (!r.ok) throw new Error(r.error);
    expect(r.report).toEqual(base);
  }, 30_000);

  test('deeply nested tables, absurd spans and unterminated markup stay bounded', () => {
    const nested = '<table><tr><td>'.repeat(20_000) + '规章' + '</td></tr></table>'.repeat(5);
    expect(() => parseHtml(nested)).not.toThrow();
    const spans = `<table><tr><td rowspan="99999999" colspan="99999999">x</td><td colspan=-5>y</td></tr>${'<tr><td>1</td></tr>'.repeat(1000)}</table>`;
    const doc = parseHtml(spans);
    expect(doc.blocks).toHaveLength(1);
    for (const bad of ['<table><tr><td', '<!-- never closed', '<script>for(;;){}', '<td rowspan="3', '<p a=\'b>c', '&#xFFFFFFFF;&#0;&#xD800;']) expect(() => parseHtml(bad)).not.toThrow();
  });

  test('deep XML nesting and broken XML in a Word document', () => {
    expect(() => parseDocumentXml(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${'<w:sdt><w:sdtContent>'.repeat(50_000)}<w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>`)).not.toThrow();
    for (const bad of ['<w:p', '<w:t>a</w:t></w:p></w:p>', '<![CDATA[', '<?xml', '<w:p a="1>']) {
      try {
        parseDocumentXml(bad);
      } catch (e) {
        expect((e as Error).message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
  });

  test('random bytes under every name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom(...NAMES), async (bytes, name) => {
        expectSane(await importAny(bytes, name));
      }),
      { numRuns: 300 },
    );
  });

  test('random bytes after a zip signature', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (tail) => {
        expectSane(await importAny(Buffer.concat([Buffer.from('PK\x03\x04'), tail]), 'x.docx'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('importers never throw on mutated real documents', () => {
  const html = htmlPage(reportBlocks(base));
  const text = flatDocument(reportBlocks(base));
  const xml = documentXml(reportBlocks(base));

  /** A document with a few random edits: characters deleted, inserted or markup-like noise spliced in. */
  const mutated = (source: string) =>
    fc
      .array(
        fc.record({
          at: fc.nat({ max: source.length }),
          cut: fc.nat({ max: 40 }),
          insert: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('<', '>', '</td>', '<td rowspan=9>', '<tr>', '<table>', '\t', '\n\n', '&', '"', '</w:tc>', '<w:tc>', '<w:vMerge/>', '（六）其他处理', '规章')),
        }),
        { minLength: 1, maxLength: 8 },
      )
      .map((edits) => edits.reduce((s, e) => s.slice(0, e.at) + e.insert + s.slice(e.at + e.cut), source));

  test('HTML', async () => {
    await fc.assert(fc.asyncProperty(mutated(html), async (page) => expectSane(await importAny(Buffer.from(page), 'm.html'))), { numRuns: 150 });
  });

  test('flattened text', async () => {
    await fc.assert(fc.asyncProperty(mutated(text), async (t) => expectSane(await importAny(Buffer.from(t), 'm.txt'))), { numRuns: 150 });
  });

  test('Word document XML', async () => {
    await fc.assert(fc.asyncProperty(mutated(xml), async (x) => expectSane(await importAny(makeDocx(x), 'm.docx'))), { numRuns: 150 });
  });

  test('the parsers alone, on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        parseHtml(s);
        parseFlatText(s);
        try {
          parseDocumentXml(s);
        } catch (e) {
          expect((e as Error).message).toMatch(/[\u4e00-\u9fa5]/);
        }
      }),
      { numRuns: 500 },
    );
  });
});
