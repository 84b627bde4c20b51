/// <reference types="et-jsapi-declare" />
/**
 * Reading a template sheet back through ET: its tables found through their defined names (the
 * sheet's own, then the workbook's that point into it), each table read with ONE Value2 read and
 * handed as a grid to the core, which checks shape and labels.
 */
import { GridValue, PlacedTable, readPlacedTables } from '../core/grid';
import { ORG_NAME, YEAR_NAME, tableName } from '../core/sheet';
import { TABLE_IDS, TableId } from '../core/tables';
import type { TemplateAreas } from '../excel/read';
import type { SheetRead } from '../host/contract';
import { asGrid, nameOf, namesOnSheet } from './book';

const WANTED = new Set([...TABLE_IDS.map(tableName), ORG_NAME, YEAR_NAME]);

export interface WpsSheetRead extends SheetRead {
  areas: TemplateAreas;
}

/** Whether a sheet carries any of the template's table names (its own, or the workbook's pointing into it). */
export function isTemplateSheet(book: Et.Workbook, ws: Et.Worksheet): boolean {
  const found = namesOnSheet(book, ws, WANTED);
  return TABLE_IDS.some((t) => found.has(tableName(t)));
}

export function readTemplateSheet(book: Et.Workbook, ws: Et.Worksheet): WpsSheetRead {
  const sheet = nameOf(ws);
  const found = namesOnSheet(book, ws, WANTED);
  const placed: Partial<Record<TableId, PlacedTable>> = {};
  const areas: TemplateAreas = {};
  for (const t of TABLE_IDS) {
    const n = found.get(tableName(t));
    if (!n) continue;
    placed[t] = { grid: asGrid(ws.Range(n.address).Value2), row: n.area.row, col: n.area.col };
    areas[t] = { ...n.area, address: n.address };
  }
  const single = (name: string, key: 'ORG' | 'YEAR'): GridValue => {
    const n = found.get(name);
    if (!n) return null;
    areas[key] = { ...n.area, rows: 1, cols: 1, address: n.address.split(':')[0] };
    return asGrid(ws.Range(areas[key]!.address).Value2)[0][0];
  };
  const org = single(ORG_NAME, 'ORG');
  const year = single(YEAR_NAME, 'YEAR');
  const read = readPlacedTables(placed, org, year, (t) => `工作表“${sheet}”中没有名称 ${tableName(t)}`);
  return { sheet, isTemplate: Object.keys(placed).length > 0, ...read, areas };
}
