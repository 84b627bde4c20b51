/**
 * The review workbook, written as a stream: 审核结果 (one row per report, sorted errors first),
 * 问题清单 (every finding, read back from the spool) and 汇总 (the official template, drawn by
 * the same writer as `nianbao template`, filled with the sum). Each sheet is written whole before
 * the next begins, so only the current row is in memory; 汇总 is one template, small.
 */
import ExcelJS from 'exceljs';
import { FAIL_FONT } from '../core/looks';
import { quoteSheet } from '../core/refs';
import { Report } from '../core/report';
import { a1, inputPosition } from '../core/sheet';
import { TABLES, cellName } from '../core/tables';
import { addTemplateSheet } from '../xlsx/write';
import { FindingsSpool } from './spool';
import { LeftOut } from './sum';
import { FIGURES, ReportSummary, VERDICT_NAME, Verdict, sortSummaries } from './summary';

export const SHEETS = { results: '审核结果', findings: '问题清单', sum: '汇总' } as const;

/**
 * The figure columns say their unit: a header cell reading exactly "行政复议" is the first label
 * of the official 表四, and the workbook reader would take the sheet for a template.
 */
const RESULT_COLUMNS: readonly { header: string; width: number }[] = [
  { header: '文件', width: 36 },
  { header: '机关', width: 28 },
  { header: '年度', width: 8 },
  { header: '结论', width: 10 },
  { header: '错误', width: 7 },
  { header: '提示', width: 7 },
  ...FIGURES.map((f) => ({ header: `${f.name}（件）`, width: 12 })),
  { header: '备注', width: 60 },
];

const FINDING_COLUMNS: readonly { header: string; width: number }[] = [
  { header: '文件', width: 36 },
  { header: '机关', width: 28 },
  { header: '表', width: 8 },
  { header: '规则', width: 18 },
  { header: '级别', width: 7 },
  { header: '位置', width: 30 },
  { header: '说明', width: 90 },
];

const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const VERDICT_FONT: Readonly<Record<Verdict, Partial<ExcelJS.Font>>> = {
  errors: { bold: true, color: { argb: argb(FAIL_FONT) } },
  unreadable: { bold: true, color: { argb: 'FFC65911' } },
  pass: { color: { argb: 'FF2E7D32' } },
};
/** Printed landscape, one page wide, the header row on every page. */
const PAGE: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
const LINK_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF0563C1' }, underline: true };

export interface ReviewBook {
  summaries: readonly ReportSummary[];
  spool: FindingsSpool;
  /** The cell-by-cell sum, as a report. */
  total: Report;
  leftOut: readonly LeftOut[];
  /** Reports in the sum. */
  reports: number;
}

interface WriterInternals {
  _worksheets: (ExcelJS.Worksheet | undefined)[];
  _definedNames: { model: unknown };
  views: unknown[];
  zip: { append(data: string, options: { name: string }): void };
}

// exceljs's own workbook part writer: the streaming writer offers no way to ask for a recalculation on opening.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const WorkbookXform = require('exceljs/lib/xlsx/xform/book/workbook-xform') as new () => { prepare(model: unknown): void; toXml(model: unknown): string };

/** exceljs's streaming writer, made to carry the template as `nianbao template` writes it. */
class ReviewWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  /** Each filtered sheet's range, for the name Excel writes beside an autofilter. */
  readonly filters: { sheet: string; ref: string }[] = [];

  constructor(filename: string) {
    super({ filename, useStyles: true, useSharedStrings: false });
    this.creator = 'nianbao';
    // The template's names are scoped by sheet position, which the writer reads from `worksheets` as on a Workbook.
    const self = this as unknown as WriterInternals;
    Object.defineProperty(this, 'worksheets', { get: () => self._worksheets.filter(Boolean) });
  }

  /** As the template: spreadsheet programs recalculate the check formulas on opening (they carry no results). */
  override addWorkbook(): Promise<void> {
    const self = this as unknown as WriterInternals;
    const worksheets = self._worksheets.filter(Boolean) as ExcelJS.Worksheet[];
    // LibreOffice shows an autofilter only where this hidden name marks its range, as Excel writes it.
    const filterNames = this.filters.map((f) => ({ name: '_xlnm._FilterDatabase', localSheetId: worksheets.findIndex((ws) => ws.name === f.sheet), ranges: [`${quoteSheet(f.sheet)}!${absolute(f.ref)}`] }));
    const definedNames = [...(self._definedNames.model as unknown[]), ...filterNames];
    const model = { worksheets, definedNames, views: self.views, properties: {}, calcProperties: { fullCalcOnLoad: true } };
    const xform = new WorkbookXform();
    xform.prepare(model);
    self.zip.append(xform.toXml(model), { name: '/xl/workbook.xml' });
    return Promise.resolve();
  }
}

/**
 * The streaming writer records every hyperlink as an external relationship; a link to a place in
 * this workbook is written as a location instead, as Excel writes it and the non-streaming writer does.
 */
function linkWithinWorkbook(ws: ExcelJS.Worksheet): void {
  const rels = (ws as unknown as { _sheetRelsWriter: { _hyperlinks: unknown[]; addHyperlink(h: { address: string; target: string }): void } })._sheetRelsWriter;
  const external = rels.addHyperlink.bind(rels);
  rels.addHyperlink = (h) => (h.target.startsWith('#') ? rels._hyperlinks.push({ address: h.address, target: h.target.slice(1) }) : external(h));
}

function headerRow(ws: ExcelJS.Worksheet, columns: readonly { header: string }[]): void {
  const row = ws.addRow(columns.map((c) => c.header));
  row.height = 30;
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  row.commit();
}

/** Sets a sheet's autofilter over its header and rows. */
function filter(wb: ReviewWriter, ws: ExcelJS.Worksheet, rows: number, cols: number): void {
  const ref = `A1:${a1(rows, cols - 1)}`;
  ws.autoFilter = ref;
  wb.filters.push({ sheet: ws.name, ref });
}

const absolute = (ref: string): string => ref.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');

const fileLabel = (s: ReportSummary): string => (s.sheet ? `${s.file}（工作表“${s.sheet}”）` : s.file);

function writeResults(wb: ReviewWriter, summaries: readonly ReportSummary[]): void {
  const ws = wb.addWorksheet(SHEETS.results, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: PAGE });
  linkWithinWorkbook(ws);
  ws.columns = RESULT_COLUMNS.map((c) => ({ width: c.width }));
  headerRow(ws, RESULT_COLUMNS);
  for (const s of sortSummaries(summaries)) {
    const readable = s.verdict !== 'unreadable';
    const file: ExcelJS.CellValue =
      s.findingsRow === undefined ? fileLabel(s) : { text: fileLabel(s), hyperlink: `#${quoteSheet(SHEETS.findings)}!A${s.findingsRow}`, tooltip: '查看此年报的问题' };
    const row = ws.addRow([file, s.org, s.year, VERDICT_NAME[s.verdict], readable ? s.errors : null, readable ? s.warnings : null, ...FIGURES.map((f) => s.figures[f.key]), s.notes.join('；')]);
    if (s.findingsRow !== undefined) row.getCell(1).font = LINK_FONT;
    row.getCell(4).font = VERDICT_FONT[s.verdict];
    row.commit();
  }
  filter(wb, ws, summaries.length, RESULT_COLUMNS.length);
  ws.commit();
}

async function writeFindings(wb: ReviewWriter, spool: FindingsSpool): Promise<void> {
  const ws = wb.addWorksheet(SHEETS.findings, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: PAGE });
  ws.columns = FINDING_COLUMNS.map((c) => ({ width: c.width }));
  headerRow(ws, FINDING_COLUMNS);
  const errorFont: Partial<ExcelJS.Font> = { color: { argb: argb(FAIL_FONT) } };
  let n = 0;
  for await (const values of spool.read()) {
    const row = ws.addRow(values);
    if (values[4] === '错误') row.getCell(5).font = errorFont;
    row.commit();
    // Let the zip stream take what was written, so rows do not pile up in its buffer.
    if (++n % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  filter(wb, ws, spool.rows, FINDING_COLUMNS.length);
  ws.commit();
}

/** What the note under the 汇总 says about one left-out cell or table. */
export function leftOutText(l: LeftOut): string {
  const more = l.count > l.examples.length ? ' 等' : '';
  if (l.cell === null) return `${TABLES[l.table].name}：${l.count} 份年报此表无法读取，整表未计入（${l.examples.join('、')}${more}）`;
  return `${cellName(l.cell)}：${l.count} 份年报此格不是可用的数字，未计入（${l.examples.join('、')}${more}）`;
}

function writeSum(wb: ReviewWriter, book: ReviewBook): void {
  const { sheet, plan } = addTemplateSheet(wb, { report: book.total, sheetName: SHEETS.sum });
  const lines = [
    `本表为 ${book.reports} 份年报逐格相加之和，同一机关的多份年报和其他年度的年报也已计入（见“${SHEETS.results}”表备注）。表中校验公式显示合计是否平衡。`,
    book.leftOut.length === 0 ? '各年报的数据格均已计入。' : '以下数据格中，有年报的值无法使用，未计入合计：',
    ...book.leftOut.map(leftOutText),
  ];
  const first = plan.findings.row + 1;
  sheet.getCell(first, 1).value = '说明';
  sheet.getCell(first, 1).font = { bold: true };
  lines.forEach((text, i) => (sheet.getCell(first + 1 + i, 1).value = text));
  // The same words on each short cell, for a reviewer who looks at the table, not below it.
  for (const l of book.leftOut) {
    if (l.cell === null) continue;
    const pos = inputPosition(plan, l.cell);
    sheet.getCell(pos.row + 1, pos.col + 1).note = leftOutText(l);
  }
  (sheet as unknown as { commit(): void }).commit();
}

/** Writes the review workbook to `file` (which the caller has checked may be written). */
export async function writeReviewWorkbook(file: string, book: ReviewBook): Promise<void> {
  const wb = new ReviewWriter(file);
  writeResults(wb, book.summaries);
  await writeFindings(wb, book.spool);
  writeSum(wb, book);
  await wb.commit();
}
