/// <reference types="et-jsapi-declare" />
/**
 * The register (台账) through ET's object model: inserting the standard register sheet drawn
 * from its plan (src/host/register-plan.ts, from src/ledger/sheet.ts), finding the sheets that
 * look like registers, reading one as a grid, and selecting a register row.
 *
 * ET is in-process: what costs is touching cells one by one, so a sheet is read with one Value2
 * of its used range, and a sheet's first rows with one Value2 each.
 */
import { areaA1, columnLetter } from '../core/sheet';
import { LOOKS } from '../core/looks';
import { uniqueSheetName } from '../excel/template';
import type { LedgerGrid, LedgerInsertOutcome, LedgerSheetInfo, LedgerValue } from '../host/contract';
import { PROBE_COLS, PROBE_ROWS, ledgerHeaderIndex } from '../host/ledger-probe';
import { RegisterDrawing, registerDrawing } from '../host/register-plan';
import { EtApplication, asGrid, quietly, worksheets } from './book';
import * as xl from './xl';

const values = (v: unknown): LedgerValue[][] => asGrid(v).map((r) => r.map((x) => (x === '' ? null : (x as LedgerValue))));

/** A sheet's used range as a grid: one Value2. */
export function readLedgerGrid(ws: Et.Worksheet): LedgerGrid {
  const used = ws.UsedRange;
  const grid = values(used.Value2);
  return { sheet: ws.Name, row: used.Row - 1, col: used.Column - 1, values: grid };
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
 * Inserts the standard register on a new sheet at the end and shows it. Never overwrites: a
 * taken name gets "(2)". Events and screen updating are off while it is drawn; a failed drawing
 * takes its half-drawn sheet away again.
 */
export function insertLedger(app: EtApplication): LedgerInsertOutcome {
  const book = app.ActiveWorkbook;
  if (!book) throw new Error('没有打开的工作簿：请先新建或打开一个工作簿');
  if (book.ProtectStructure) throw new Error('工作簿结构受保护，无法插入工作表；请先在“审阅”中撤销工作簿保护');
  const drawing = registerDrawing();
  const name = uniqueSheetName(
    worksheets(book).map((ws) => ws.Name),
    drawing.name,
  );
  const screen = app.ScreenUpdating;
  let sheet: Et.Worksheet | null = null;
  try {
    quietly(app, () => {
      app.ScreenUpdating = false;
      const all = book.Worksheets;
      sheet = all.Add(undefined, all.Item(all.Count)) as Et.Worksheet;
      sheet.Name = name;
      sheet.Activate();
      drawRegister(app, sheet, drawing);
    });
  } catch (e) {
    if (sheet) removeSheet(app, sheet);
    throw e;
  } finally {
    app.ScreenUpdating = screen;
  }
  return { status: 'inserted', sheet: name };
}

function removeSheet(app: EtApplication, sheet: Et.Worksheet): void {
  const alerts = app.DisplayAlerts;
  try {
    app.DisplayAlerts = false;
    quietly(app, () => sheet.Delete());
  } catch {
    /* the sheet stays; the error that stopped the drawing is what the user is told */
  } finally {
    app.DisplayAlerts = alerts;
  }
}

/** Data validation list sources longer than this go into cells (a typed list takes 255 characters). */
const MAX_LIST_SOURCE = 255;

/** Text stays text: ET reads a leading "=" (and "+", "-", "@") as a formula. */
const asConstant = (v: string | number): string | number => (typeof v === 'string' && /^[+\-@']/.test(v) ? `'${v}` : v);

export function drawRegister(app: EtApplication, ws: Et.Worksheet, d: RegisterDrawing): void {
  const range = (row: number, col: number, rows = 1, cols = 1) => ws.Range(areaA1({ row, col, rows, cols }));
  d.colWidths.forEach((w, c) => (range(0, c).ColumnWidth = w));
  const rows = Math.max(...d.cells.map((c) => c.row)) + 1;
  const cols = d.colWidths.length;
  const grid = Array.from({ length: rows }, () => Array.from({ length: cols }, (): string | number => ''));
  for (const c of d.cells) grid[c.row][c.col] = asConstant(c.value);
  range(0, 0, rows, cols).Value2 = grid;
  for (const m of d.merges) range(m.row, m.col, m.rows, m.cols).Merge();

  const look = (r: Et.Range, style: 'title' | 'header' | 'note') => {
    const l = LOOKS[style];
    r.Font.Name = l.font.name;
    r.Font.Size = l.font.size;
    r.Font.Bold = l.font.bold === true;
    r.HorizontalAlignment = style === 'note' ? xl.xlHAlignLeft : xl.xlHAlignCenter;
    r.VerticalAlignment = xl.xlVAlignCenter;
    r.WrapText = style === 'header';
  };
  look(range(0, 0), 'title');
  look(range(1, 0), 'note');
  const header = range(d.headerRow, 0, 1, cols);
  look(header, 'header');
  for (const edge of [xl.xlEdgeTop, xl.xlEdgeBottom, xl.xlEdgeLeft, xl.xlEdgeRight, xl.xlInsideVertical]) {
    const b = header.Borders.Item(edge);
    b.LineStyle = xl.xlContinuous;
    b.Weight = xl.xlThin;
    b.Color = 0;
  }

  const dataRows = d.lastDataRow - d.firstDataRow + 1;
  const validate = (r: Et.Range, type: number, operator: number | undefined, formula1: string, formula2: string | undefined, title: string, message: string) => {
    const v = r.Validation;
    v.Delete();
    v.Add(type as Et.XlDVType, xl.xlValidAlertStop, operator as Et.XlFormatConditionOperator, formula1, formula2);
    v.IgnoreBlank = true;
    v.ShowError = true;
    v.ErrorTitle = title;
    v.ErrorMessage = message;
  };
  // Real date cells: a date format and validation that takes only dates (ET's date validation takes serials).
  for (const col of d.dateCols) {
    const r = range(d.firstDataRow, col, dataRows, 1);
    r.NumberFormat = d.dateFormat;
    validate(r, xl.xlValidateDate, xl.xlBetween, '36526', '73415', '请填写日期', '请填写日期，如 2025-03-04');
  }
  for (const col of d.amountCols) validate(range(d.firstDataRow, col, dataRows, 1), xl.xlValidateDecimal, xl.xlGreaterEqual, '0', undefined, '请填写金额', '收费金额应为不小于0的数字');
  let spare = cols + 1;
  for (const list of d.lists) {
    let source = list.items.join(',');
    if (source.length > MAX_LIST_SOURCE) {
      range(0, spare, list.items.length, 1).Value2 = list.items.map((i) => [asConstant(i)]);
      const letter = columnLetter(spare);
      source = `=$${letter}$1:$${letter}$${list.items.length}`;
      range(0, spare).EntireColumn.Hidden = true;
      spare++;
    }
    validate(range(d.firstDataRow, list.col, dataRows, 1), xl.xlValidateList, undefined, source, undefined, '请从列表中选择', '请从下拉列表中选择');
  }

  const window = app.ActiveWindow;
  if (window) {
    window.SplitColumn = 0;
    window.SplitRow = d.freezeRows;
    window.FreezePanes = true;
  }
  try {
    ws.PageSetup.Orientation = xl.xlLandscape;
    ws.PageSetup.PaperSize = xl.xlPaperA4;
    ws.PageSetup.PrintTitleRows = `$${d.headerRow + 1}:$${d.headerRow + 1}`;
  } catch {
    // Page setup asks the printer driver; without a printer it may refuse. The sheet is whole without it.
  }
  range(d.firstDataRow, 0).Select();
}
