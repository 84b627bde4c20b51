/** Word reports: merged cells the way Word writes them, tables found by their labels. */
import { check } from '../../src/core/engine';
import { TABLES } from '../../src/core/tables';
import { ImportResult, importReport, parseDocumentXml } from '../../src/import';
import { nodeImportOptions } from '../../src/import/node';
import { DocBlock, Row, documentXml, makeDocx, officialRows, reportBlocks } from '../helpers/documents';
import { consistentReport, fixture } from '../helpers/reports';
import { makeZip } from '../helpers/zip';

async function importDocx(blocks: DocBlock[], extraBody = ''): Promise<ImportResult & { ok: true }> {
  const r = await importReport(makeDocx(documentXml(blocks, extraBody)), '年报.docx', nodeImportOptions);
  if (!r.ok) throw new Error(r.error);
  return r;
}

const rulesOf = (r: { findings: { rule: string }[] }) => r.findings.map((f) => f.rule);

describe('a Word report in the official layout', () => {
  const county = fixture('shuyang-county-2025.json');

  test('the document really uses gridSpan and vMerge restart/continue, as Word does', () => {
    const xml = documentXml(reportBlocks(county));
    expect(xml).toContain('<w:gridSpan w:val="3"/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml.match(/<w:vMerge\/>/g)!.length).toBeGreaterThan(30);
  });

  test('reads every cell of a real report exactly, with its body and year', async () => {
    const r = await importDocx(reportBlocks(county));
    expect(r.format).toBe('docx');
    expect(r.report).toEqual(county);
    expect(r.findings).toEqual([]);
    expect(check(r.report, { unreadable: r.unreadable })).toEqual(check(county));
  });

  test('blank cells stay blank, as the cell rules expect', async () => {
    const fgj = fixture('shuyang-fgj-2023.json');
    const r = await importDocx(reportBlocks(fgj));
    expect(r.report.cells).toEqual(fgj.cells);
    expect(r.report.cells['T3.R1.C2']).toBeNull();
    expect(rulesOf(r)).toEqual([]);
    expect(check(r.report, { unreadable: r.unreadable })).toEqual(check(fgj));
  });

  test('"/", "—" and notes inside number cells are kept as typed; padding spaces are not', async () => {
    const base = consistentReport(3, '某县司法局', 2024);
    const r = await importDocx(
      reportBlocks(base, {
        value: (v, id) => ({ 'T2.R2.C1': '22（其中修订16件）', 'T2.R2.C3': '55（含自然失效29件）', 'T3.R5.C2': '/', 'T3.R6.C2': '—', 'T4.R1.C1': '\u3000 0\u00a0' })[id] ?? String(v),
      }),
    );
    expect(r.report.cells['T2.R2.C1']).toBe('22（其中修订16件）');
    expect(r.report.cells['T2.R2.C3']).toBe('55（含自然失效29件）');
    expect(r.report.cells['T3.R5.C2']).toBe('/');
    expect(r.report.cells['T3.R6.C2']).toBe('—');
    expect(r.report.cells['T4.R1.C1']).toBe(0);
    const rules = check(r.report).map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['cell.notNumber', 'cell.placeholder']));
  });

  test('page numbers in the footer and footnotes never reach the report', async () => {
    const base = consistentReport(4, '某县财政局', 2024);
    const r = await importDocx(reportBlocks(base));
    expect(r.prose!.paragraphs.join('')).not.toContain('— 3 —');
    expect(r.report).toEqual(base);
  });
});

describe('real-world Word tables', () => {
  const base = consistentReport(5, '某市生态环境局', 2024);

  test('表三 broken across pages: two Word tables, the header repeated, a page number between', async () => {
    const rows = officialRows('T3', base);
    const first = rows.slice(0, 14);
    const second = [...rows.slice(0, 3), ...rows.slice(14)];
    // The second table starts inside vertical merges: Word restarts them there.
    expect(second[3][0].text).toBe('8.属于行政查询事项');
    second[3] = [{ text: '三、本年度办理结果' }, { text: '（三）不予公开' }, ...second[3]];
    const r = await importDocx(reportBlocks(base, { tables: { T3: [first.map(fixRowSpans(14)), second] } }).flatMap((b) => (b === TABLES.T4.title ? ['— 5 —', b] : [b])));
    expect(r.report).toEqual(base);
    expect(rulesOf(r)).toEqual([]);
  });

  test('表二 as four small tables, labels as published: half-width brackets, 规范性文件, spaces, split lines, straight quotes', async () => {
    const t2 = officialRows('T2', base, {
      label: (s) => s.replace('（', '(').replace('）', ')').replace('行政规范性文件', '规范性文件').replace('本年制发件数', '本年制发\n件数').replace('行政许可', '行政 许可'),
    });
    const blocks = [t2.slice(0, 4), t2.slice(4, 7), t2.slice(7, 11), t2.slice(11)];
    const t3 = officialRows('T3', base, { label: (s) => s.replace(/[“”]/g, '"').replace('（一）予以公开', '(一) 予以公开').replace('商业企业', '商业\n企业') });
    const r = await importDocx(reportBlocks(base, { tables: { T2: blocks, T3: [t3] } }));
    expect(r.report).toEqual(base);
    expect(rulesOf(r)).toEqual([]);
  });

  test('Word markup around the text: gridBefore, tracked changes, content controls, fallbacks, bookmarks', () => {
    const xml = documentXml([
      { rows: officialRows('T4', base).slice(0, 3) },
    ]).replace(
      '</w:tbl>',
      // The data row, as an editor left it: a tracked deletion of the old figure, an insertion of the
      // new one, a content control around a cell, a drawing with a fallback copy, a bookmark.
      `<w:tr><w:trPr><w:gridBefore w:val="0"/></w:trPr>${Array.from({ length: 15 }, (_, i) => {
        const v = String(base.cells[`T4.R1.C${i + 1}`]);
        if (i === 0) return `<w:tc><w:p><w:del w:id="1" w:author="x"><w:r><w:delText>99</w:delText></w:r></w:del><w:ins w:id="2" w:author="x"><w:r><w:t>${v}</w:t></w:r></w:ins></w:p></w:tc>`;
        if (i === 1) return `<w:sdt><w:sdtContent><w:tc><w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:t>${v}</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p></w:tc></w:sdtContent></w:sdt>`;
        if (i === 2) return `<w:tc><w:p><w:r><w:t>${v}</w:t></w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t></w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>777</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p></w:tc>`;
        return `<w:tc><w:p><w:proofErr w:type="spellStart"/><w:r><w:t>${v}</w:t></w:r></w:p></w:tc>`;
      }).join('')}</w:tr></w:tbl>`,
    );
    const doc = parseDocumentXml(xml);
    const table = doc.blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' && table.table.rows[3].map((c) => c.text)).toEqual(Array.from({ length: 15 }, (_, i) => String(base.cells[`T4.R1.C${i + 1}`])));
  });

  test('w:gridBefore: a row starting further right keeps its vertical merges in their columns', () => {
    const xml = documentXml([]).replace(
      '<w:sectPr>',
      '<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc></w:tr>' +
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>D</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:sectPr>',
    );
    const table = parseDocumentXml(xml).blocks[0];
    if (table.kind !== 'table') throw new Error('no table');
    expect(table.table.rows[0].map((c) => [c.text, c.rowSpan ?? 1])).toEqual([['A', 1], ['B', 2], ['C', 1]]);
    expect(table.table.rows[1].map((c) => [c.text, !!c.filler])).toEqual([['', true], ['D', false]]);
  });

  test('old Word horizontal merges (w:hMerge) join the cells', () => {
    const xml = documentXml([]).replace(
      '<w:sectPr>',
      '<w:tbl><w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>行政许可</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>5</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:sectPr>',
    );
    const table = parseDocumentXml(xml).blocks[0];
    if (table.kind !== 'table') throw new Error('no table');
    expect(table.table.rows[0].map((c) => [c.text, c.colSpan])).toEqual([['行政许可', 2], ['5', 1]]);
  });
});

describe('what cannot be placed is said, never read as 0', () => {
  const base = consistentReport(6, '某区教育局', 2024);

  test('a row with a figure too few names its label and leaves 表三 unchecked', async () => {
    const t3 = officialRows('T3', base);
    t3[5] = t3[5].slice(0, -1); // （一）予以公开 loses its 总计 cell
    const r = await importDocx(reportBlocks(base, { tables: { T3: [t3] } }));
    expect(r.findings).toEqual([
      { rule: 'import.unplaced', severity: 'error', table: 'T3', cells: TABLES.T3.inputs.filter((c) => c.row === 3).map((c) => c.id), params: { label: '（一）予以公开', found: 6, expected: 7 } },
    ]);
    expect(r.unreadable).toEqual(['T3']);
    expect(r.report.cells['T3.R3.C1']).toBeUndefined();
    expect(check(r.report, { unreadable: r.unreadable }).filter((f) => f.table === 'T3')).toEqual([]);
  });

  test('a missing table is layout.missing; a missing row is import.missingRow with its label', async () => {
    const t3 = officialRows('T3', base).filter((row) => !row.some((c) => c.text === '2.重复申请'));
    const r = await importDocx(reportBlocks(base, { tables: { T3: [t3], T4: [] } }).filter((b) => b !== TABLES.T4.title));
    expect(r.findings).toEqual([
      { rule: 'import.missingRow', severity: 'error', table: 'T3', cells: TABLES.T3.inputs.filter((c) => c.row === 17).map((c) => c.id), params: { label: '（五）不予处理2.重复申请' } },
      { rule: 'layout.missing', severity: 'error', table: 'T4', cells: [], params: { detail: '文件中没有找到“四、政府信息公开行政复议、行政诉讼情况”的表格' } },
    ]);
    expect(r.unreadable).toEqual(['T3', 'T4']);
  });

  test('a row the official format does not have is reported with its label', async () => {
    const t2 = officialRows('T2', base);
    t2.splice(4, 0, [{ text: '其他文件' }, { text: '3' }, { text: '0' }, { text: '3' }]);
    const r = await importDocx(reportBlocks(base, { tables: { T2: [t2] } }));
    expect(r.findings).toEqual([{ rule: 'import.unknownRow', severity: 'warning', table: 'T2', cells: [], params: { label: '其他文件' } }]);
    expect(r.report).toEqual(base);
  });

  test('the same row twice with different figures: the first is read, and said', async () => {
    const t3 = officialRows('T3', base);
    const again: Row = [{ text: '' }, { text: '（一）予以公开', colSpan: 2 }, ...Array.from({ length: 7 }, () => ({ text: '1' }))];
    const r = await importDocx(reportBlocks(base, { tables: { T3: [t3, [again]] } }));
    expect(rulesOf(r)).toEqual(['import.duplicate']);
    expect(r.report).toEqual(base);
  });
});

describe('files that are not Word reports', () => {
  test('an old .doc, an .xlsx named .docx, and a zip without a document say what they are', async () => {
    const doc = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const xlsx = makeZip([{ name: 'xl/workbook.xml', data: '<workbook/>' }]);
    const other = makeZip([{ name: 'readme.txt', data: 'hello' }]);
    const results = await Promise.all([importReport(doc, 'a.doc', nodeImportOptions), importReport(doc, 'a.docx', nodeImportOptions), importReport(xlsx, 'a.docx', nodeImportOptions), importReport(other, 'a.docx', nodeImportOptions)]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error))).toEqual([
      expect.stringContaining('.doc'),
      expect.stringContaining('旧版 Word'),
      expect.stringContaining('Excel 工作簿'),
      expect.stringContaining('没有 word/document.xml'),
    ]);
  });

  test('without an unzip function (a browser that plugged none in) a .docx is refused, not thrown', async () => {
    const r = await importReport(makeDocx(documentXml(['x'])), 'a.docx');
    expect(r).toEqual({ ok: false, format: 'docx', error: expect.stringContaining('无法读取 Word 文件') });
  });
});

/** Keeps the first part of a split table's vertical merges inside it (Word ends them at the table's end). */
function fixRowSpans(rowsKept: number) {
  return (row: Row, r: number): Row => row.map((c) => (c.rowSpan && r + c.rowSpan > rowsKept ? { ...c, rowSpan: rowsKept - r } : c));
}
