/**
 * 表三 with an extra "法人或其他组织小计" column, as some bodies publish it: its columns are read by
 * their header labels, the subtotal is skipped (and checked against the five), in every input.
 */
import { check } from '../../src/core/engine';
import { Finding } from '../../src/core/findings';
import { Report } from '../../src/core/report';
import { renderFinding } from '../../src/core/render';
import { CELL_IDS } from '../../src/core/tables';
import { importReport } from '../../src/import';
import { nodeImportOptions } from '../../src/import/node';
import { DocBlock, Row, SubtotalStyle, documentXml, flatDocument, htmlPage, makeDocx, officialRows, reportBlocks, withLegalSubtotal } from '../helpers/documents';
import { consistentReport, withCells } from '../helpers/reports';

const report = consistentReport(23, '某县交通运输局', 2024);
const blocksWith = (r: Report, style: SubtotalStyle, subtotal?: Parameters<typeof withLegalSubtotal>[2]) => reportBlocks(r, { tables: { T3: [withLegalSubtotal(officialRows('T3', r), style, subtotal)] } });

/** Each row on one line, cells joined by `sep` (a PDF viewer's copy, or tab-separated text). */
const lineText = (blocks: DocBlock[], sep: (cells: string[]) => string): string =>
  blocks.map((b) => (typeof b === 'string' ? b : b.rows.map((row: Row) => sep(row.map((c) => c.text.replace(/\n/g, '')))).join('\n'))).join('\n');

const FORMS: [string, string, (b: DocBlock[]) => Uint8Array][] = [
  ['.docx', 'report.docx', (b) => makeDocx(documentXml(b))],
  ['.html', 'report.html', (b) => Buffer.from(htmlPage(b), 'utf8')],
  ['text, a cell per line', 'report.txt', (b) => Buffer.from(flatDocument(b), 'utf8')],
  ['text, tab-separated rows', 'report.txt', (b) => Buffer.from(lineText(b, (cells) => cells.join('\t')), 'utf8')],
  ['text, cells one space apart', 'report.txt', (b) => Buffer.from(lineText(b, (cells) => cells.filter((c) => c !== '').join(' ')), 'utf8')],
];

async function read(bytes: Uint8Array, name: string) {
  const r = await importReport(bytes, name, nodeImportOptions);
  if (!r.ok) throw new Error(r.error);
  return r;
}

const cellsOf = (r: Report) => Object.fromEntries(CELL_IDS.map((id) => [id, r.cells[id] ?? null]));
const importFindings = (r: { findings: Finding[] }) => r.findings.filter((f) => f.rule.startsWith('import.') || f.rule.startsWith('layout.'));

describe.each(FORMS)('%s', (_form, name, make) => {
  test.each<SubtotalStyle>(['own', 'under', 'before'])('a 小计 column (%s) is skipped: every cell exact, 表三 checked, nothing said', async (style) => {
    const r = await read(make(blocksWith(report, style)), name);
    expect(importFindings(r)).toEqual([]);
    expect(r.unreadable).toEqual([]);
    expect(cellsOf(r.report)).toEqual(cellsOf(report));
  });

  test('a subtotal that is not the sum of the five is a warning; the five are read as printed', async () => {
    const r = await read(make(blocksWith(report, 'own', (five, row) => (row === 3 ? String(five.reduce((a, t) => a + Number(t), 0) + 1) : String(five.reduce((a, t) => a + Number(t), 0))))), name);
    expect(r.unreadable).toEqual([]);
    expect(cellsOf(r.report)).toEqual(cellsOf(report));
    const found = importFindings(r);
    expect(found.map((f) => [f.rule, f.severity])).toEqual([['import.subtotal', 'warning']]);
    expect(renderFinding(found[0])).toContain('一、本年新收政府信息公开申请数量');
  });

  test('表三’s rules run on the figures read: a real 表三 error is found', async () => {
    const wrong = withCells(report, { 'T3.R1.C1': Number(report.cells['T3.R1.C1']) + 5 });
    const r = await read(make(blocksWith(wrong, 'own')), name);
    expect(r.unreadable).toEqual([]);
    expect(check(r.report).filter((f) => f.table === 'T3').length).toBeGreaterThan(0);
    expect(check(r.report).map((f) => f.rule)).toEqual(check(wrong).map((f) => f.rule));
  });
});

test('without a 小计 in the header, a row with a figure too many is still not placed', async () => {
  const rows = withLegalSubtotal(officialRows('T3', report), 'own').map((row, i) => (i === 1 ? row.map((c) => (c.text === '法人或其他组织小计' ? { ...c, text: '' } : c)) : row));
  const r = await read(makeDocx(documentXml(reportBlocks(report, { tables: { T3: [rows] } }))), 'report.docx');
  expect(r.findings.some((f) => f.rule === 'import.unplaced' && f.table === 'T3')).toBe(true);
  expect(r.unreadable).toContain('T3');
});
