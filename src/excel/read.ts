/// <reference types="office-js" />
/**
 * Reading a template sheet back through Office.js: its tables found through their defined
 * names, handed as value grids to the core (`reportFromGrids`), which checks shape and labels.
 *
 * Names are looked for on the sheet itself first (what the add-in inserts) and then among the
 * workbook's names that point into the sheet (what the xlsx writer and older files carry).
 */
import { GridReport, GridValue, PlacedTable, readPlacedTables } from '../core/grid';
import { refOnSheet as onSheet } from '../core/refs';
import { Area, ORG_NAME, YEAR_NAME, tableName } from '../core/sheet';
import { CellId, TABLE_IDS, TableId } from '../core/tables';

export interface SheetRead extends GridReport {
  sheet: string;
  /** False when the sheet has none of our table names: not a template. */
  isTemplate: boolean;
  /** Where each input cell sits on the sheet, as a user finds it: D24. */
  addresses: Partial<Record<CellId, string>>;
}

const WANTED = [...TABLE_IDS.map(tableName), ORG_NAME, YEAR_NAME];

/** A named area on the sheet: 0-based, with its address as a user reads it. */
export type Ref = Area & { address: string };

/** The part of a name's formula that lies on the given sheet. */
export function refOnSheet(formula: string, sheet: string | null): Ref | null {
  const r = onSheet(formula, sheet);
  return r ? { ...r.area, address: r.address } : null;
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
 * the workbook (what older files carry); the sheet's own name wins, and either counts only when
 * it points into this sheet.
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
      // Either counts only when it points into this sheet: on the web a worksheet's names also
      // list the workbook's (office-js#1011), which may point anywhere.
      const onThis = (r: Excel.Range) => !r.isNullObject && refOnSheet(r.address, ws.name) !== null;
      const range = onThis(p.own) ? p.own : onThis(p.global) ? p.global : null;
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
