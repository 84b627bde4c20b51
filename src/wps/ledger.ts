/// <reference types="et-jsapi-declare" />
/**
 * The register (台账) through ET's object model: inserting the standard register and its summary
 * drawn from their plan (src/ledger/sheet.ts), finding the sheets that
 * look like registers, reading one as a grid, and selecting a register row.
 *
 * ET is in-process: what costs is touching cells one by one, so a sheet is read with one Value2
 * of its used range, and a sheet's first rows with one Value2 each.
 */
import { Area, a1, areaA1 } from '../core/sheet';
import type { Look } from '../core/looks';
import { uniqueSheetName } from '../excel/template';
import type { LedgerGrid, LedgerInsertOutcome, LedgerInsertRequest, LedgerSheetInfo } from '../host/contract';
import { PROBE_COLS, PROBE_ROWS, gridFromA1, ledgerCell, ledgerHeaderIndex } from '../host/ledger-probe';
import { LEDGER_LOOKS, LedgerSheetPlan, LedgerValidation, REGISTER_SHEET, SUMMARY_SHEET, ledgerPlan, nameReference } from '../ledger/sheet';
import { EtApplication, asGrid, quietly, removeSheet, worksheets } from './book';
import { HALIGN, addMark, applyLookFormat, asConstant, thinBorders } from './template';
import * as xl from './xl';

const values = (v: unknown): LedgerGrid => asGrid(v).map((r) => r.map(ledgerCell));

/** A sheet's used range as a grid from A1: one Value2. */
export function readLedgerGrid(ws: Et.Worksheet): { grid: LedgerGrid; col: number; cols: number } {
  const used = ws.UsedRange;
  const block = asGrid(used.Value2);
  return { grid: gridFromA1(used.Row - 1, used.Column - 1, block), col: used.Column - 1, cols: block[0]?.length ?? 1 };
}

/** The visible sheets whose first rows hold a register's header row. */
export function ledgerSheets(book: Et.Workbook): LedgerSheetInfo[] {
  const out: LedgerSheetInfo[] = [];
  for (const ws of worksheets(book)) {
    if (ws.Visible !== xl.xlSheetVisible) continue;
    const index = ledgerHeaderIndex(values(ws.Range(areaA1({ row: 0, col: 0, rows: PROBE_ROWS, cols: PROBE_COLS })).Value2));
    if (index !== null) out.push({ name: ws.Name, headerRow: index + 1 });
  }
  return out;
}

/** Shows the sheet and selects a register row (1-based) across the given columns. */
export function selectLedgerRow(ws: Et.Worksheet, row: number, cols: { col: number; cols: number }): void {
  ws.Activate();
  ws.Range(areaA1({ row: row - 1, col: cols.col, rows: 1, cols: Math.max(1, cols.cols) })).Select();
}

/**
 * Inserts the standard register and its summary on two new sheets at the end and shows the
 * register. Never overwrites: a taken name gets "(2)". Events and screen updating are off while
 * they are drawn; a failed drawing takes its half-drawn sheets away again.
 */
export function insertLedger(app: EtApplication, request: LedgerInsertRequest = {}): LedgerInsertOutcome {
  const book = app.ActiveWorkbook;
  if (!book) throw new Error('没有打开的工作簿：请先新建或打开一个工作簿');
  if (book.ProtectStructure) throw new Error('工作簿结构受保护，无法插入工作表；请先在“审阅”中撤销工作簿保护');
  const taken = worksheets(book).map((ws) => ws.Name);
  const registerName = uniqueSheetName(taken, REGISTER_SHEET);
  const summaryName = uniqueSheetName([...taken, registerName], SUMMARY_SHEET);
  const plan = ledgerPlan({ org: request.org ?? '', year: request.year ?? null, registerName, summaryName });
  const screen = app.ScreenUpdating;
  const made: Et.Worksheet[] = [];
  try {
    quietly(app, () => {
      app.ScreenUpdating = false;
      const add = (name: string): Et.Worksheet => {
        const all = book.Worksheets;
        const ws = all.Add(undefined, all.Item(all.Count)) as Et.Worksheet;
        made.push(ws);
        ws.Name = name;
        return ws;
      };
      const register = add(registerName);
      const summary = add(summaryName);
      const on = { register, summary };
      // Names before the validation and formulas that use them.
      for (const n of plan.names) on[n.scope].Names.Add(n.name, `=${nameReference(plan, n)}`);
      summary.Activate();
      drawSheet(app, summary, plan.summary);
      register.Activate();
      drawSheet(app, register, plan.register);
      register.Range(a1(plan.firstRow, 0)).Select();
      app.Calculate();
    });
  } catch (e) {
    for (const ws of made) removeSheet(app, ws);
    throw e;
  } finally {
    app.ScreenUpdating = screen;
  }
  return { status: 'inserted', sheet: registerName, summary: summaryName };
}

function applyLook(r: Et.Range, look: Look): void {
  applyLookFormat(r, look);
  if (look.border) thinBorders(r, [xl.xlEdgeTop, xl.xlEdgeBottom, xl.xlEdgeLeft, xl.xlEdgeRight]);
}

/** Days since 1899-12-30 for an ISO date: ET's date validation takes serials. */
const serial = (iso: string): string => String(Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000));

function validate(r: Et.Range, v: LedgerValidation): void {
  const dv = r.Validation;
  // Add fails where a rule already is (VBA's rule): a new sheet has none, but Delete is harmless.
  dv.Delete();
  const rule = v.rule;
  switch (rule.type) {
    case 'list':
      dv.Add(xl.xlValidateList, xl.xlValidAlertStop, xl.xlBetween, rule.items.join(','));
      break;
    case 'listName':
      dv.Add(xl.xlValidateList, xl.xlValidAlertStop, xl.xlBetween, `=${rule.name}`);
      break;
    case 'date':
      dv.Add(xl.xlValidateDate, xl.xlValidAlertStop, xl.xlBetween, serial(rule.from), serial(rule.to));
      break;
    case 'decimal':
      dv.Add(xl.xlValidateDecimal, xl.xlValidAlertStop, xl.xlGreaterEqual, String(rule.min));
      break;
    case 'whole':
      dv.Add(xl.xlValidateWholeNumber, xl.xlValidAlertStop, xl.xlBetween, String(rule.min), String(rule.max));
      break;
  }
  dv.IgnoreBlank = true;
  dv.ShowError = true;
  dv.ErrorTitle = v.title;
  dv.ErrorMessage = v.message;
}

/** Draws one planned sheet into an empty, active sheet (src/ledger/sheet.ts says what; this says it in ET). */
export function drawSheet(app: EtApplication, ws: Et.Worksheet, plan: LedgerSheetPlan): void {
  const range = (a: Area) => ws.Range(areaA1(a));
  const dataRows = Math.max(1, ...plan.validations.map((v) => v.area.row + v.area.rows)) - 1;
  const lastLabel = Math.max(...plan.cells.map((c) => c.row));
  plan.columns.forEach((c, col) => {
    range({ row: 0, col, rows: 1, cols: 1 }).ColumnWidth = c.width;
    if (dataRows > lastLabel) {
      const r = range({ row: lastLabel + 1, col, rows: dataRows - lastLabel, cols: 1 });
      r.NumberFormat = c.numberFormat;
      r.HorizontalAlignment = HALIGN[c.horizontal];
      if (c.wrap) r.WrapText = true;
    }
  });
  for (const [row, height] of plan.rowHeights) range({ row, col: 0, rows: 1, cols: 1 }).RowHeight = height;

  const rows = lastLabel + 1;
  const cols = Math.max(plan.columns.length, ...plan.cells.map((c) => c.col + 1));
  const grid = Array.from({ length: rows }, () => Array.from({ length: cols }, (): string | number => ''));
  for (const c of plan.cells) grid[c.row][c.col] = c.formula !== undefined ? `=${c.formula}` : asConstant(c.value ?? '');
  range({ row: 0, col: 0, rows, cols }).Value2 = grid;
  for (const m of plan.merges) range({ row: m.r1, col: m.c1, rows: m.r2 - m.r1 + 1, cols: m.c2 - m.c1 + 1 }).Merge();
  const merged = new Map(plan.merges.map((m) => [`${m.r1},${m.c1}`, { row: m.r1, col: m.c1, rows: m.r2 - m.r1 + 1, cols: m.c2 - m.c1 + 1 }]));
  for (const c of plan.cells) {
    const r = range(merged.get(`${c.row},${c.col}`) ?? { row: c.row, col: c.col, rows: 1, cols: 1 });
    const look = LEDGER_LOOKS[c.style];
    applyLook(r, look);
    const format = c.numberFormat ?? look.numberFormat;
    if (format) r.NumberFormat = format;
  }
  for (const v of plan.validations) validate(range(v.area), v);
  // The plan's marks (a row's own mistakes red as typed), evaluated by ET itself; first wins.
  for (const m of plan.marks) addMark(ws, m.area, m.formula, m.severity);

  const window = app.ActiveWindow;
  if (window && plan.frozenRows > 0) {
    window.SplitColumn = 0;
    window.SplitRow = plan.frozenRows;
    window.FreezePanes = true;
  }
  try {
    ws.PageSetup.Orientation = plan.print.orientation === 'landscape' ? xl.xlLandscape : xl.xlPortrait;
    ws.PageSetup.PaperSize = xl.xlPaperA4;
    if (plan.print.titleRows) ws.PageSetup.PrintTitleRows = `$${plan.print.titleRows.from + 1}:$${plan.print.titleRows.to + 1}`;
  } catch {
    // Page setup asks the printer driver; without a printer it may refuse. The sheet is whole without it.
  }
  // No password: labels and formulas stay put, and a user can still lift the protection.
  // Protect(Password, DrawingObjects, Contents, Scenarios, UserInterfaceOnly, AllowFormattingCells, AllowFormattingColumns, AllowFormattingRows)
  if (plan.protect) ws.Protect('', true, true, true, false, true, true, true);
}
