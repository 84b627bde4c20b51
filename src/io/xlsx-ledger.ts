/**
 * Every worksheet of an .xlsx as a grid of values, read the light way (the zip guard, saxes, no
 * exceljs): for registers of applications, which run to thousands of rows. Works in the browser
 * too. Date cells come back as Excel serial numbers, as Office.js and WPS return them; the
 * register core reads numbers in date columns as such, so styles need not be read.
 */
import { cellPosition } from '../core/refs';
import type { LedgerCell, LedgerGrid } from '../ledger/columns';
import { attrValue, prefixedAttr } from '../import/xml';
import { inflateLimited } from './inflate';
import { MAX_XLSX_BYTES, XlsxLiteError, openWorkbook, parse, parts, readCells } from './xlsx-lite';
import type { Inflate } from './zip';

export interface SheetGrid {
  sheet: string;
  grid: LedgerGrid;
}

/** The sheets in workbook order with their part names. */
async function sheetList(bytes: Uint8Array, inflate: Inflate): Promise<{ sheets: { name: string; part: string }[]; shared: string[] }> {
  const { workbook, targets, shared } = await openWorkbook(bytes, inflate);
  const sheets: { name: string; part: string }[] = [];
  parse('xl/workbook.xml', workbook, {
    open(tag) {
      if (tag.local === 'sheet') sheets.push({ name: attrValue(tag, 'name') ?? '', part: targets.get(prefixedAttr(tag, 'id') ?? '') ?? '' });
    },
  });
  return { sheets, shared };
}

/** One sheet's cells into rows from A1; a cell without its `r` follows the one before it. */
function readGrid(part: string, xml: string, shared: readonly string[]): LedgerGrid {
  const grid: LedgerGrid = [];
  let row = -1;
  let col = -1;
  readCells(
    part,
    xml,
    shared,
    (tag) => {
      if (tag.local === 'row') {
        const r = Number(attrValue(tag, 'r'));
        row = Number.isInteger(r) && r > 0 ? r - 1 : row + 1;
        col = -1;
      } else if (tag.local === 'c') {
        const pos = cellPosition(attrValue(tag, 'r') ?? '');
        col = pos ? pos.col : col + 1;
        return { row: pos ? pos.row : row, col };
      }
      return null;
    },
    (at, cellValue) => {
      const value = cellValue as LedgerCell | undefined;
      if (value === null || value === undefined || value === '') return;
      while (grid.length <= at.row) grid.push([]);
      const cells = grid[at.row];
      while (cells.length < at.col) cells.push(null);
      cells[at.col] = value;
    },
  );
  return grid;
}

/** Every worksheet's values, in workbook order. */
export async function readSheetGrids(bytes: Uint8Array, inflate: Inflate = inflateLimited): Promise<SheetGrid[]> {
  if (bytes.length > MAX_XLSX_BYTES) throw new XlsxLiteError(`文件过大（${(bytes.length / 1048576).toFixed(1)} MB），不超过 ${MAX_XLSX_BYTES / 1048576} MB`);
  const { sheets, shared } = await sheetList(bytes, inflate);
  const xml = await parts(bytes, (n) => sheets.some((s) => s.part === n), inflate);
  return sheets.flatMap((s) => {
    const text = xml.get(s.part);
    return text === undefined ? [] : [{ sheet: s.name, grid: readGrid(s.part, text, shared) }];
  });
}
