/// <reference types="office-js" />
/**
 * The register (台账) through Office.js: inserting the standard register sheet drawn from its
 * plan (src/host/register-plan.ts, from src/ledger/sheet.ts), finding the sheets that look like
 * registers, reading one as a grid, and selecting a register row.
 *
 * Round trips: `readLedgerGrid` is one sync (the used range's values and where it starts);
 * `ledgerSheets` two (the sheet list, then every sheet's first rows in one batch);
 * `insertLedger` two (the sheet names, then the whole sheet in one batch).
 */
import { columnLetter } from '../core/sheet';
import type { LedgerGrid, LedgerInsertOutcome, LedgerSheetInfo, LedgerValue } from '../host/contract';
import { PROBE_COLS, PROBE_ROWS, ledgerHeaderIndex } from '../host/ledger-probe';
import { RegisterDrawing, registerDrawing } from '../host/register-plan';
import { LOOKS, columnPoints } from './styles';
import { asText, uniqueSheetName } from './template';

const cellValue = (v: unknown): LedgerValue => (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? (v === '' ? null : v) : null);

/** A sheet's used range (values only) as a grid, with the sheet's id for following edits. One sync. */
export async function readLedgerGrid(context: Excel.RequestContext, key: string): Promise<LedgerGrid & { id: string }> {
  const ws = context.workbook.worksheets.getItem(key).load('name,id');
  const used = ws.getUsedRangeOrNullObject(true).load('values,rowIndex,columnIndex');
  await context.sync();
  if (used.isNullObject) return { sheet: ws.name, id: ws.id, row: 0, col: 0, values: [[null]] };
  return { sheet: ws.name, id: ws.id, row: used.rowIndex, col: used.columnIndex, values: (used.values as unknown[][]).map((r) => r.map(cellValue)) };
}

/** The visible sheets whose first rows hold a register's header row. Two syncs. */
export async function ledgerSheets(context: Excel.RequestContext): Promise<LedgerSheetInfo[]> {
  const sheets = context.workbook.worksheets.load('items/name,items/visibility');
  await context.sync();
  const probes = sheets.items
    .filter((ws) => ws.visibility === 'Visible')
    .map((ws) => ({ name: ws.name, head: ws.getRangeByIndexes(0, 0, PROBE_ROWS, PROBE_COLS).load('values') }));
  await context.sync();
  const out: LedgerSheetInfo[] = [];
  for (const p of probes) {
    const index = ledgerHeaderIndex((p.head.values as unknown[][]).map((r) => r.map(cellValue)));
    if (index !== null) out.push({ name: p.name, headerRow: index + 1 });
  }
  return out;
}

/** Shows a sheet and selects a whole register row across its used columns (1-based row). One sync. */
export async function selectLedgerRow(context: Excel.RequestContext, key: string, row: number, cols: { col: number; cols: number }): Promise<void> {
  const ws = context.workbook.worksheets.getItem(key);
  ws.activate();
  ws.getRangeByIndexes(row - 1, cols.col, 1, Math.max(1, cols.cols)).select();
  await context.sync();
}

const fill = <T>(rows: number, cols: number, v: T): T[][] => Array.from({ length: rows }, () => Array.from({ length: cols }, () => v));

/**
 * Inserts the standard register on a new sheet and shows it, the header's first cell selected.
 * Never overwrites: a taken name gets "(2)". Events are off while it is drawn (our write is no
 * edit); a failed drawing takes its half-drawn sheet away again.
 */
export async function insertLedger(context: Excel.RequestContext): Promise<LedgerInsertOutcome> {
  const sheets = context.workbook.worksheets.load('items/name');
  context.runtime.load('enableEvents');
  await context.sync();
  const drawing = registerDrawing();
  const name = uniqueSheetName(
    sheets.items.map((s) => s.name),
    drawing.name,
  );
  const events = context.runtime.enableEvents;
  try {
    context.runtime.enableEvents = false;
    context.application.suspendScreenUpdatingUntilNextSync();
    const ws = context.workbook.worksheets.add(name);
    drawRegister(ws, drawing);
    ws.activate();
    ws.getRangeByIndexes(drawing.firstDataRow, 0, 1, 1).select();
    await context.sync();
  } catch (e) {
    const half = context.workbook.worksheets.getItemOrNullObject(name);
    await context.sync().catch(() => undefined);
    if (!half.isNullObject) {
      half.delete();
      await context.sync().catch(() => undefined);
    }
    throw e;
  } finally {
    context.runtime.enableEvents = events;
    await context.sync();
  }
  return { status: 'inserted', sheet: name };
}

/** Data validation list sources longer than this go into cells (Excel's limit for a typed list is 255 characters). */
const MAX_LIST_SOURCE = 255;

/** Queues the whole register into an empty sheet. */
export function drawRegister(ws: Excel.Worksheet, d: RegisterDrawing): void {
  const range = (row: number, col: number, rows = 1, cols = 1) => ws.getRangeByIndexes(row, col, rows, cols);
  d.colWidths.forEach((w, c) => (range(0, c).format.columnWidth = columnPoints(w)));

  const rows = Math.max(...d.cells.map((c) => c.row)) + 1;
  const cols = d.colWidths.length;
  const grid = fill<string | number>(rows, cols, '');
  for (const c of d.cells) grid[c.row][c.col] = typeof c.value === 'string' && !c.value.startsWith('=') ? asText(c.value) : c.value;
  range(0, 0, rows, cols).formulas = grid;
  for (const m of d.merges) range(m.row, m.col, m.rows, m.cols).merge(false);

  const look = (r: Excel.Range, style: 'title' | 'header' | 'note') => {
    const l = style === 'title' ? LOOKS.title : style === 'header' ? LOOKS.header : LOOKS.note;
    r.format.font.name = l.font.name;
    r.format.font.size = l.font.size;
    r.format.font.bold = l.font.bold === true;
    r.format.horizontalAlignment = style === 'note' ? 'Left' : 'Center';
    r.format.verticalAlignment = 'Center';
    r.format.wrapText = style === 'header';
    if (l.fill) r.format.fill.color = l.fill;
  };
  look(range(0, 0), 'title');
  look(range(1, 0), 'note');
  const header = range(d.headerRow, 0, 1, cols);
  look(header, 'header');
  for (const edge of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical'] as const) {
    const b = header.format.borders.getItem(edge);
    b.style = 'Continuous';
    b.weight = 'Thin';
    b.color = '#000000';
  }

  // Real date cells: a date format, and validation that takes only dates.
  const dataRows = d.lastDataRow - d.firstDataRow + 1;
  for (const col of d.dateCols) {
    const r = range(d.firstDataRow, col, dataRows, 1);
    r.numberFormat = fill(dataRows, 1, d.dateFormat);
    r.dataValidation.rule = { date: { formula1: '2000-01-01', formula2: '2100-12-31', operator: 'Between' } };
    r.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: '请填写日期', message: '请填写日期，如 2025-03-04' };
  }
  for (const col of d.amountCols) {
    const r = range(d.firstDataRow, col, dataRows, 1);
    r.dataValidation.rule = { decimal: { formula1: 0, operator: 'GreaterThanOrEqualTo' } };
    r.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: '请填写金额', message: '收费金额应为不小于0的数字' };
  }
  // Lists too long to type go into cells to the right of the register, which the rule points at.
  let spare = cols + 1;
  for (const list of d.lists) {
    let source = list.items.join(',');
    if (source.length > MAX_LIST_SOURCE) {
      range(0, spare, list.items.length, 1).values = list.items.map((i) => [asText(i)]);
      const letter = columnLetter(spare);
      source = `=$${letter}$1:$${letter}$${list.items.length}`;
      range(0, spare).columnHidden = true;
      spare++;
    }
    const r = range(d.firstDataRow, list.col, dataRows, 1);
    r.dataValidation.rule = { list: { inCellDropDown: true, source } };
    r.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: '请从列表中选择', message: '请从下拉列表中选择' };
  }

  ws.freezePanes.freezeRows(d.freezeRows);
  ws.pageLayout.orientation = 'Landscape';
  ws.pageLayout.paperSize = 'A4';
  ws.pageLayout.setPrintTitleRows(`$${d.headerRow + 1}:$${d.headerRow + 1}`);
}
