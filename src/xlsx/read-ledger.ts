/**
 * Registers of applications in an .xlsx: every worksheet whose header names the register's
 * columns (src/ledger), as the grid of values the ledger core reads. Date cells stay Date
 * objects (exceljs gives the day shown at UTC midnight); formulas give their cached result.
 */
import ExcelJS from 'exceljs';
import { LedgerCell, LedgerGrid, isLedgerGrid } from '../ledger';
import { HEADER_SEARCH_ROWS } from '../ledger/read';

export interface LedgerSheet {
  sheet: string;
  grid: LedgerGrid;
}

function ledgerValue(v: ExcelJS.CellValue): LedgerCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('error' in v) return String(v.error);
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as ExcelJS.CellFormulaValue).result;
    return result === undefined || result === null ? null : ledgerValue(result as ExcelJS.CellValue);
  }
  if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  return null;
}

/** A worksheet's values from A1, row 0 = worksheet row 1; `rows` limits how many rows are read. */
export function worksheetGrid(ws: ExcelJS.Worksheet, rows = Infinity): LedgerGrid {
  const values = ws.getSheetValues() as unknown as (ExcelJS.CellValue[] | undefined)[];
  const last = Math.min(values.length - 1, rows);
  const grid: LedgerGrid = [];
  for (let r = 1; r <= last; r++) {
    const row = values[r];
    const cells: LedgerCell[] = [];
    if (row) for (let c = 1; c < row.length; c++) cells.push(ledgerValue(row[c]));
    grid.push(cells);
  }
  return grid;
}

/** The worksheets that hold a register, found by their header (any sheet, any position of the first rows). */
export function ledgerSheetsIn(wb: ExcelJS.Workbook): LedgerSheet[] {
  const out: LedgerSheet[] = [];
  for (const ws of wb.worksheets) {
    if (!isLedgerGrid(worksheetGrid(ws, HEADER_SEARCH_ROWS))) continue;
    out.push({ sheet: ws.name, grid: worksheetGrid(ws) });
  }
  return out;
}
