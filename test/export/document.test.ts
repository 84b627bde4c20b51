/**
 * The .docx itself: A4 portrait with the GB/T 9704 text block, the typefaces and sizes, tables as
 * wide as the text block with the official merges, 表三's header rows repeated on each page.
 */
import { Report } from '../../src/core/report';
import { TABLES } from '../../src/core/tables';
import { exportDocx, exportFileName } from '../../src/export';
import { columnWidths } from '../../src/export/tables';
import { PAGE, TEXT_WIDTH } from '../../src/export/style';
import { SourceCell, SourceTable, parseDocumentXml } from '../../src/import';
import { inflateNode } from '../../src/io/inflate-node';
import { readZipTexts } from '../../src/io/zip';
import { fixture } from '../helpers/reports';

const county: Report = fixture('shuyang-county-2025.json');
let parts: Map<string, string>;

beforeAll(async () => {
  parts = await readZipTexts(await exportDocx(county), () => true, inflateNode);
});

const documentXml = () => parts.get('word/document.xml')!;
const twipsToMm = (t: number) => (t * 25.4) / 1440;

describe('page', () => {
  test('A4 portrait, text block 156 × 225 mm (天头 37 mm, 订口 28 mm)', () => {
    const size = /<w:pgSz ([^>]*)\/>/.exec(documentXml())![1];
    expect(size).toContain('w:w="11906"');
    expect(size).toContain('w:h="16838"');
    expect(size).toContain('w:orient="portrait"');
    const margin = /<w:pgMar ([^>]*)\/>/.exec(documentXml())![1];
    const attr = (name: string) => Number(new RegExp(`w:${name}="(\\d+)"`).exec(margin)![1]);
    expect(twipsToMm(11906 - attr('left') - attr('right'))).toBeCloseTo(156, 0);
    expect(twipsToMm(16838 - attr('top') - attr('bottom'))).toBeCloseTo(225, 0);
    expect(twipsToMm(attr('top'))).toBeCloseTo(37, 0);
    expect(twipsToMm(attr('left'))).toBeCloseTo(28, 0);
    expect(attr('top')).toBe(PAGE.top);
  });

  test('page numbers "— N —" in the footers, odd and even pages apart', () => {
    const footers = [...parts.keys()].filter((k) => /^word\/footer\d+\.xml$/.test(k));
    expect(footers.length).toBe(2);
    for (const f of footers) expect(parts.get(f)).toMatch(/— <\/w:t>.*PAGE.*<w:t xml:space="preserve"> —/s);
    expect(parts.get('word/settings.xml')).toContain('<w:evenAndOddHeaders');
  });
});

describe('typography', () => {
  const styleXml = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}".*?</w:style>`, 's').exec(parts.get('word/styles.xml')!)![0];

  test.each([
    ['NbTitle', '方正小标宋简体', 44],
    ['NbHeading1', '黑体', 32],
    ['NbHeading2', '楷体', 32],
    ['NbBody', '仿宋', 32],
  ])('%s: %s, %d half-points', (id, font, size) => {
    const xml = styleXml(id);
    expect(xml).toContain(`w:eastAsia="${font}"`);
    expect(xml).toContain(`<w:sz w:val="${size}"/>`);
  });

  test('the title falls back to 宋体: the font table names it as the alternative, with 宋体’s classification', () => {
    const table = parts.get('word/fontTable.xml')!;
    expect(table).toMatch(/<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"\/><w:panose1 w:val="02010600030101010101"\/><w:charset w:val="86"\/>/);
  });

  test('body: 22 lines in the text block (exact 28.95 pt), first line indented two characters', () => {
    const xml = styleXml('NbBody');
    expect(xml).toContain('w:line="579" w:lineRule="exact"');
    expect(xml).toContain('w:firstLine="640"');
  });

  test('table text in 5号 (表二) or 小5号 (表三, 表四)', () => {
    const sizes = [...documentXml().matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((m) => new Set([...m[0].matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((s) => s[1])));
    expect(sizes.map((s) => [...s])).toEqual([['21'], ['18'], ['18']]);
  });

  test('what the author still has to write is highlighted', () => {
    expect(documentXml()).toMatch(/<w:highlight w:val="yellow"\/>.*?<w:t xml:space="preserve">【请填写：/s);
  });
});

describe('tables', () => {
  let tables: SourceTable[];
  beforeAll(() => {
    tables = parseDocumentXml(documentXml()).blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
  });
  const cell = (t: number, text: string): SourceCell => tables[t].rows.flat().find((c) => c.text === text)!;

  test('three tables, each exactly as wide as the text block, fixed layout, every cell inside it', () => {
    expect(tables.length).toBe(3);
    for (const t of ['T2', 'T3', 'T4'] as const) {
      expect(columnWidths(t).reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
      expect(columnWidths(t).length).toBe(TABLES[t].cols);
    }
    const grids = [...documentXml().matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/gs)].map((m) => [...m[1].matchAll(/w:w="(\d+)"/g)].reduce((a, g) => a + Number(g[1]), 0));
    expect(grids).toEqual([TEXT_WIDTH, TEXT_WIDTH, TEXT_WIDTH]);
    expect(documentXml().match(/<w:tblLayout w:type="fixed"\/>/g)!.length).toBe(3);
  });

  test('merges as in the official tables', () => {
    expect(cell(1, '三、本年度办理结果').rowSpan).toBe(22);
    expect(cell(1, '（三）不予公开').rowSpan).toBe(8);
    expect(cell(1, '（六）其他处理').rowSpan).toBe(3);
    expect(cell(1, '法人或其他组织').colSpan).toBe(5);
    expect(cell(1, '申请人情况').colSpan).toBe(7);
    expect(cell(1, TABLES.T3.labels[0].text)).toMatchObject({ rowSpan: 3, colSpan: 3 });
    expect(cell(2, '行政诉讼').colSpan).toBe(10);
    expect(cell(2, '行政复议').colSpan).toBe(5);
    expect(cell(2, '未经复议直接起诉').colSpan).toBe(5);
    expect(cell(2, '复议后起诉').colSpan).toBe(5);
    expect(cell(0, '第二十条第（一）项').colSpan).toBe(4);
    expect(cell(0, '本年收费金额（单位：万元）').colSpan).toBe(3);
  });

  test('表三’s three header rows repeat on each page; no row breaks across pages', () => {
    const t3 = [...documentXml().matchAll(/<w:tbl>.*?<\/w:tbl>/gs)][1][0];
    const rows = [...t3.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((m) => m[0]);
    expect(rows.length).toBe(TABLES.T3.rows);
    expect(rows.map((r) => r.includes('<w:tblHeader/>'))).toEqual(rows.map((_, i) => i < 3));
    expect(rows.every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
  });
});

test('the file name offered for download', () => {
  expect(exportFileName('沭阳县人民政府', 2025)).toBe('沭阳县人民政府2025年政府信息公开工作年度报告.docx');
  expect(exportFileName('a/b:c', null)).toBe('abc年政府信息公开工作年度报告.docx');
});
