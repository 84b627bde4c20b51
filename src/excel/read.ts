/// <reference types="office-js" />
/**
 * Reading a template sheet back through Office.js: its tables found through their defined
 * names, handed as value grids to the core (`reportFromGrids`), which checks shape and labels.
 *
 * Names are looked for on the sheet itself first (what the add-in inserts) and then among the
 * workbook's names that point into the sheet (what the xlsx writer and older files carry).
 */
import { GridReport, GridValue, PlacedTable, readPlacedTables } from '../core/grid';
import { ORG_NAME, YEAR_NAME, tableName } from '../core/sheet';
import { CellId, TABLE_IDS, TableId } from '../core/tables';

export interface SheetRead extends GridReport {
  sheet: string;
  /** False when the sheet has none of our table names: not a template. */
  isTemplate: boolean;
  /** Where each input cell sits on the sheet, as a user finds it: D24. */
  addresses: Partial<Record<CellId, string>>;
}

const WANTED = [...TABLE_IDS.map(tableName), ORG_NAME, YEAR_NAME];

export interface Ref {
  row: number;
  col: number;
  rows: number;
  cols: number;
  address: string;
}

const REF = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/;

function col(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

const unquote = (s: string): string => (s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s);

/** The part of a name's formula ("=Sheet!$A$1:$D$14", or a union of such) that lies on the given sheet. */
export function refOnSheet(formula: string, sheet: string | null): Ref | null {
  const parts = formula.replace(/^=/, '').split(/,(?=(?:[^']*'[^']*')*[^']*$)/);
  for (const part of parts) {
    const bang = part.lastIndexOf('!');
    const where = bang >= 0 ? unquote(part.slice(0, bang)) : null;
    if (sheet !== null && where !== null && where.toLowerCase() !== sheet.toLowerCase()) continue;
    const m = REF.exec(part.slice(bang + 1).trim());
    if (!m) continue;
    const r1 = Number(m[2]) - 1;
    const c1 = col(m[1]);
    const r2 = m[4] ? Number(m[4]) - 1 : r1;
    const c2 = m[3] ? col(m[3]) : c1;
    return { row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1, address: part.slice(bang + 1).replace(/\$/g, '') };
  }
  return null;
}

/** Where the template's named areas sit on the sheet: the three tables, the body and the year cell. */
export type TemplateAreas = Partial<Record<TableId | 'ORG' | 'YEAR', Ref>>;

export interface SheetReadWithAreas extends SheetRead {
  /** The worksheet's id, stable across renames. */
  sheetId: string;
  areas: TemplateAreas;
}

const LOADED = 'values,rowIndex,columnIndex,rowCount,columnCount,address';

/**
 * Queues the reading of a template sheet (the active one when no name is given) into the
 * context's current batch; `finish()` turns what the next sync brought into a report. Callers
 * add their own loads to the same batch, so a whole check reads in one sync.
 *
 * Each name is looked up twice in the same batch: on the sheet (what the add-in inserts) and in
 * the workbook (what the xlsx writer and older files carry); the sheet's own name wins, and a
 * workbook name counts only when it points into this sheet.
 */
export function queueTemplateRead(context: Excel.RequestContext, sheetName?: string): { worksheet: Excel.Worksheet; finish: () => SheetReadWithAreas } {
  const ws = sheetName === undefined ? context.workbook.worksheets.getActiveWorksheet() : context.workbook.worksheets.getItem(sheetName);
  ws.load('name,id');
  const probes = WANTED.map((name) => ({
    name,
    own: ws.names.getItemOrNullObject(name).getRangeOrNullObject().load(LOADED),
    global: context.workbook.names.getItemOrNullObject(name).getRangeOrNullObject().load(LOADED),
  }));
  const finish = (): SheetReadWithAreas => {
    const refs = new Map<string, Ref>();
    const values = new Map<string, GridValue[][]>();
    for (const p of probes) {
      const range = !p.own.isNullObject ? p.own : !p.global.isNullObject && refOnSheet(p.global.address, ws.name) ? p.global : null;
      if (!range) continue;
      const address = range.address.slice(range.address.lastIndexOf('!') + 1).replace(/\$/g, '');
      refs.set(p.name, { row: range.rowIndex, col: range.columnIndex, rows: range.rowCount, cols: range.columnCount, address });
      values.set(p.name, range.values as GridValue[][]);
    }
    return assemble(ws.name, ws.id, refs, values);
  };
  return { worksheet: ws, finish };
}

/** Reads a template sheet (the active one when no name is given) into a report, in one sync. */
export async function readTemplateSheet(context: Excel.RequestContext, sheetName?: string): Promise<SheetReadWithAreas> {
  const { finish } = queueTemplateRead(context, sheetName);
  await context.sync();
  return finish();
}

function assemble(sheet: string, sheetId: string, refs: Map<string, Ref>, values: Map<string, GridValue[][]>): SheetReadWithAreas {
  const placed: Partial<Record<TableId, PlacedTable>> = {};
  const areas: TemplateAreas = {};
  for (const t of TABLE_IDS) {
    const grid = values.get(tableName(t));
    const ref = refs.get(tableName(t));
    if (!grid || !ref) continue;
    placed[t] = { grid, row: ref.row, col: ref.col };
    areas[t] = ref;
  }
  if (refs.has(ORG_NAME)) areas.ORG = refs.get(ORG_NAME);
  if (refs.has(YEAR_NAME)) areas.YEAR = refs.get(YEAR_NAME);
  const single = (name: string): GridValue => (values.get(name)?.[0]?.[0] as GridValue) ?? null;
  const read = readPlacedTables(placed, single(ORG_NAME), single(YEAR_NAME), (t) => `工作表“${sheet}”中没有名称 ${tableName(t)}`);
  return { sheet, sheetId, isTemplate: Object.keys(placed).length > 0, ...read, areas };
}
