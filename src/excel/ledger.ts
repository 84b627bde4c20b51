/// <reference types="office-js" />
/**
 * The register (台账) through Office.js: inserting the standard register and its summary drawn
 * from their plan (src/ledger/sheet.ts), finding the sheets that look like
 * registers, reading one as a grid, and selecting a register row.
 *
 * Round trips: `readLedgerGrid` is one sync (the used range's values and where it starts);
 * `ledgerSheets` two (the sheet list, then every sheet's first rows in one batch);
 * `insertLedger` two (the sheet names, then the whole sheet in one batch).
 */
import { Area, areaA1 } from '../core/sheet';
import type { Look } from '../core/looks';
import type { LedgerGrid, LedgerInsertOutcome, LedgerInsertRequest, LedgerSheetInfo } from '../host/contract';
import { PROBE_COLS, PROBE_ROWS, gridFromA1, ledgerCell, ledgerHeaderIndex } from '../host/ledger-probe';
import { LEDGER_LOOKS, LedgerPlannedCell, LedgerRule, LedgerSheetPlan, REGISTER_SHEET, SUMMARY_SHEET, ledgerPlan } from '../ledger/sheet';
import { applyLookFormat, columnPoints, thinBorders } from './styles';
import { asText, drawMarks, uniqueSheetName } from './template';

/** A sheet's used range (values only) as a grid from A1, with the sheet's name and id for following edits. One sync. */
export async function readLedgerGrid(context: Excel.RequestContext, key: string): Promise<{ sheet: string; id: string; grid: LedgerGrid; col: number; cols: number }> {
  const ws = context.workbook.worksheets.getItem(key).load('name,id');
  const used = ws.getUsedRangeOrNullObject(true).load('values,rowIndex,columnIndex,columnCount');
  await context.sync();
  if (used.isNullObject) return { sheet: ws.name, id: ws.id, grid: [], col: 0, cols: 1 };
  return { sheet: ws.name, id: ws.id, grid: gridFromA1(used.rowIndex, used.columnIndex, used.values as unknown[][]), col: used.columnIndex, cols: used.columnCount };
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
    const index = ledgerHeaderIndex((p.head.values as unknown[][]).map((r) => r.map(ledgerCell)));
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
 * Inserts the standard register and its summary on two new sheets and shows the register, its
 * first data cell selected. Never overwrites: a taken name gets "(2)". Events are off while it is
 * drawn (our write is no edit); a failed drawing takes its half-drawn sheets away again.
 */
export async function insertLedger(context: Excel.RequestContext, request: LedgerInsertRequest = {}): Promise<LedgerInsertOutcome> {
  const sheets = context.workbook.worksheets.load('items/name');
  context.runtime.load('enableEvents');
  await context.sync();
  const taken = sheets.items.map((s) => s.name);
  const registerName = uniqueSheetName(taken, REGISTER_SHEET);
  const summaryName = uniqueSheetName([...taken, registerName], SUMMARY_SHEET);
  const plan = ledgerPlan({ org: request.org ?? '', year: request.year ?? null, registerName, summaryName });
  const events = context.runtime.enableEvents;
  let inserted = false;
  try {
    context.runtime.enableEvents = false;
    context.application.suspendApiCalculationUntilNextSync();
    context.application.suspendScreenUpdatingUntilNextSync();
    const register = context.workbook.worksheets.add(registerName);
    const summary = context.workbook.worksheets.add(summaryName);
    const on = { register, summary };
    // Names before the validation and formulas that use them.
    for (const n of plan.names) on[n.scope].names.add(n.name, on[n.sheet].getRangeByIndexes(n.area.row, n.area.col, n.area.rows, n.area.cols));
    drawSheet(summary, plan.summary);
    drawSheet(register, plan.register);
    register.activate();
    register.getRangeByIndexes(plan.firstRow, 0, 1, 1).select();
    await context.sync();
    inserted = true;
  } catch (e) {
    for (const name of [registerName, summaryName]) {
      const half = context.workbook.worksheets.getItemOrNullObject(name);
      await context.sync().catch(() => undefined);
      if (!half.isNullObject) {
        half.delete();
        await context.sync().catch(() => undefined);
      }
    }
    throw e;
  } finally {
    context.runtime.enableEvents = events;
    if (inserted) context.application.calculate('Recalculate');
    await context.sync();
  }
  return { status: 'inserted', sheet: registerName, summary: summaryName };
}

const asCell = (c: LedgerPlannedCell): string | number => (c.formula !== undefined ? `=${c.formula}` : typeof c.value === 'string' ? asText(c.value) : (c.value ?? ''));

function applyLook(r: Excel.Range, look: Look): void {
  applyLookFormat(r.format, look);
  if (look.border) thinBorders(r.format, ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight']);
}

function rule(r: LedgerRule): Excel.DataValidationRule {
  switch (r.type) {
    case 'list':
      return { list: { inCellDropDown: true, source: r.items.join(',') } };
    case 'listName':
      return { list: { inCellDropDown: true, source: `=${r.name}` } };
    case 'date':
      return { date: { formula1: r.from, formula2: r.to, operator: 'Between' } };
    case 'decimal':
      return { decimal: { formula1: r.min, operator: 'GreaterThanOrEqualTo' } };
    case 'whole':
      return { wholeNumber: { formula1: r.min, formula2: r.max, operator: 'Between' } };
  }
}

/** Queues one planned sheet into an empty sheet (src/ledger/sheet.ts says what; this says it in Office.js). */
export function drawSheet(ws: Excel.Worksheet, plan: LedgerSheetPlan): void {
  const range = (a: Area) => ws.getRangeByIndexes(a.row, a.col, a.rows, a.cols);
  const dataRows = Math.max(1, ...plan.validations.map((v) => v.area.row + v.area.rows)) - 1;
  const lastLabel = Math.max(...plan.cells.map((c) => c.row));
  plan.columns.forEach((c, col) => {
    range({ row: 0, col, rows: 1, cols: 1 }).format.columnWidth = columnPoints(c.width);
    // The column's own format below the labels, over the prepared rows.
    if (dataRows > lastLabel) {
      const area = { row: lastLabel + 1, col, rows: dataRows - lastLabel, cols: 1 };
      const r = range(area);
      r.numberFormat = fill(area.rows, 1, c.numberFormat);
      r.format.horizontalAlignment = c.horizontal;
      if (c.wrap) r.format.wrapText = true;
    }
  });
  for (const [row, height] of plan.rowHeights) range({ row, col: 0, rows: 1, cols: 1 }).format.rowHeight = height;

  const rows = lastLabel + 1;
  const cols = Math.max(plan.columns.length, ...plan.cells.map((c) => c.col + 1));
  const grid = fill<string | number>(rows, cols, '');
  for (const c of plan.cells) grid[c.row][c.col] = asCell(c);
  range({ row: 0, col: 0, rows, cols }).formulas = grid;
  for (const m of plan.merges) range({ row: m.r1, col: m.c1, rows: m.r2 - m.r1 + 1, cols: m.c2 - m.c1 + 1 }).merge(false);
  const merged = new Map(plan.merges.map((m) => [`${m.r1},${m.c1}`, { row: m.r1, col: m.c1, rows: m.r2 - m.r1 + 1, cols: m.c2 - m.c1 + 1 }]));
  for (const c of plan.cells) {
    const area = merged.get(`${c.row},${c.col}`) ?? { row: c.row, col: c.col, rows: 1, cols: 1 };
    const look = LEDGER_LOOKS[c.style];
    applyLook(range(area), look);
    const format = c.numberFormat ?? look.numberFormat;
    if (format) range(area).numberFormat = fill(area.rows, area.cols, format);
  }

  for (const v of plan.validations) {
    const dv = range(v.area).dataValidation;
    dv.ignoreBlanks = true;
    dv.rule = rule(v.rule);
    dv.errorAlert = { showAlert: true, style: 'Stop', title: v.title, message: v.message };
  }
  // The plan's marks (a row's own mistakes red as typed), evaluated by Excel itself.
  drawMarks(ws, plan.marks);
  if (plan.autoFilter) ws.autoFilter.apply(range(plan.autoFilter));
  if (plan.frozenRows > 0) ws.freezePanes.freezeRows(plan.frozenRows);
  ws.pageLayout.orientation = plan.print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  ws.pageLayout.paperSize = 'A4';
  ws.pageLayout.printGridlines = plan.print.gridlines;
  if (plan.print.titleRows) ws.pageLayout.setPrintTitleRows(`$${plan.print.titleRows.from + 1}:$${plan.print.titleRows.to + 1}`);
  if (plan.print.area) ws.pageLayout.setPrintArea(areaA1(plan.print.area, true));
  // No password: labels and formulas stay put, and a user can still lift the protection.
  if (plan.protect) ws.protection.protect({ allowFormatCells: true, allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: true, allowSort: true, selectionMode: 'Normal' });
}
