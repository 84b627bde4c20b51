/// <reference types="office-js" />
/**
 * Reading a template sheet back through Office.js: its tables found through their defined
 * names, handed as value grids to the core (`reportFromGrids`), which checks shape and labels.
 *
 * Names are looked for on the sheet itself first (what the add-in inserts) and then among the
 * workbook's names that point into the sheet (what the xlsx writer and older files carry).
 */
import { Finding } from '../core/findings';
import { GridReport, GridValue, reportFromGrids } from '../core/grid';
import { ORG_NAME, YEAR_NAME, a1, tableName } from '../core/sheet';
import { CellId, TABLE_IDS, TABLES, TableId } from '../core/tables';

export interface SheetRead extends GridReport {
  sheet: string;
  /** False when the sheet has none of our table names: not a template. */
  isTemplate: boolean;
  /** Where each input cell sits on the sheet, as a user finds it: D24. */
  addresses: Partial<Record<CellId, string>>;
}

const WANTED = [...TABLE_IDS.map(tableName), ORG_NAME, YEAR_NAME];

interface Ref {
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

/**
 * Reads a template sheet (the active one when no name is given) into a report. Two syncs: the
 * names first, then the values of the areas they point to.
 */
export async function readTemplateSheet(context: Excel.RequestContext, sheetName?: string): Promise<SheetRead> {
  const ws = sheetName === undefined ? context.workbook.worksheets.getActiveWorksheet() : context.workbook.worksheets.getItem(sheetName);
  ws.load('name');
  const own = ws.names.load('items/name,items/formula');
  const global = context.workbook.names.load('items/name,items/formula');
  await context.sync();

  const refs = new Map<string, Ref>();
  for (const item of global.items) {
    const upper = item.name.toUpperCase();
    if (!WANTED.includes(upper)) continue;
    const ref = refOnSheet(String(item.formula), ws.name);
    if (ref) refs.set(upper, ref);
  }
  for (const item of own.items) {
    const upper = item.name.toUpperCase();
    if (!WANTED.includes(upper)) continue;
    const ref = refOnSheet(String(item.formula), ws.name);
    if (ref) refs.set(upper, ref); // the sheet's own names win
  }

  const ranges = new Map<string, Excel.Range>();
  for (const [name, ref] of refs) ranges.set(name, ws.getRangeByIndexes(ref.row, ref.col, ref.rows, ref.cols).load('values'));
  if (ranges.size > 0) await context.sync();

  const grids: Partial<Record<TableId, GridValue[][]>> = {};
  const addresses: Partial<Record<CellId, string>> = {};
  const missing: Finding[] = [];
  for (const t of TABLE_IDS) {
    const range = ranges.get(tableName(t));
    const ref = refs.get(tableName(t));
    if (!range || !ref) {
      missing.push({ rule: 'layout.missing', severity: 'error', table: t, cells: [], params: { detail: `工作表“${ws.name}”中没有名称 ${tableName(t)}` } });
      continue;
    }
    grids[t] = range.values as GridValue[][];
    for (const input of TABLES[t].inputs) addresses[input.id] = a1(ref.row + input.r, ref.col + input.c);
  }
  const single = (name: string): GridValue => (ranges.get(name)?.values[0]?.[0] as GridValue) ?? null;
  const read = reportFromGrids(grids, single(ORG_NAME), single(YEAR_NAME));
  // A table without its name is reported as missing, not as a 0×0 table.
  const findings = [...missing, ...read.findings.filter((f) => !(f.rule === 'layout.shape' && !grids[f.table as TableId]))];
  return { sheet: ws.name, isTemplate: missing.length < TABLE_IDS.length, report: read.report, findings, unreadable: read.unreadable, addresses };
}
