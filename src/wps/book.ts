/// <reference types="et-jsapi-declare" />
/**
 * Small helpers over the ET workbook that the inserter, the reader, the host and the
 * acknowledgements share: the sheets, a sheet by name, the names that point into a sheet, and
 * reading and writing with our own events switched off.
 *
 * ET's object model is synchronous and in-process (VBA's), so a call costs no round trip; what
 * costs is touching many cells one by one, so tables are read whole (one Value2 per table).
 */
import { parseRefs } from '../core/refs';
import type { Area } from '../core/sheet';
import type { GridValue } from '../core/grid';

/** What nianbao needs of `window.Application` in ET: the Et.Application with the add-in root (ApiEvent, task panes, custom functions). */
export type EtApplication = WPSMergedRoot;

/** The Application WPS gives every add-in page, or null outside WPS. */
export function wpsApplication(): EtApplication | null {
  const g = globalThis as { Application?: unknown; wps?: unknown };
  const app = (g.Application ?? g.wps) as EtApplication | undefined;
  return app && typeof app === 'object' && 'ActiveWorkbook' in app ? app : null;
}

/** Every worksheet of the workbook, in tab order (ET's collections count from 1). */
export function worksheets(book: Et.Workbook): Et.Worksheet[] {
  const all = book.Worksheets;
  const out: Et.Worksheet[] = [];
  for (let i = 1; i <= all.Count; i++) out.push(all.Item(i) as Et.Worksheet);
  return out;
}

/** A worksheet by name, compared as ET compares sheet names (without case); null when there is none. */
export function findSheet(book: Et.Workbook, name: string): Et.Worksheet | null {
  const wanted = name.toLowerCase();
  return worksheets(book).find((ws) => ws.Name.toLowerCase() === wanted) ?? null;
}

export function sheetOrThrow(book: Et.Workbook, name: string): Et.Worksheet {
  const ws = findSheet(book, name);
  if (!ws) throw new Error(`找不到工作表“${name}”`);
  return ws;
}

/** A sheet name as a formula quotes it: '2024年政府信息公开年报'. */
export const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** A defined name's bare name: sheet-scoped names come as "Sheet1!NB_T2" (or "'年报'!NB_T2"). */
export const bareName = (name: string): string => name.slice(name.lastIndexOf('!') + 1);

export interface NamedArea {
  /** Upper-case bare name. */
  name: string;
  area: Area;
  /** As a user reads it: A4:G12. */
  address: string;
}

/**
 * The names that point into a sheet: the sheet's own names first (what the add-ins insert), then
 * the workbook's names whose reference lies on the sheet (what the xlsx writer and older files
 * carry). A workbook name scoped to another sheet is left out.
 */
export function namesOnSheet(book: Et.Workbook, ws: Et.Worksheet, wanted: ReadonlySet<string>): Map<string, NamedArea> {
  const out = new Map<string, NamedArea>();
  const take = (n: Et.Name, own: boolean): void => {
    const full = String(n.Name);
    const name = bareName(full).toUpperCase();
    if (!wanted.has(name) || out.has(name)) return;
    if (!own && full.includes('!')) return; // another sheet's own name, listed in the workbook's collection
    const refersTo = n.RefersTo;
    if (typeof refersTo !== 'string') return;
    const part = parseRefs(refersTo).find((p) => (p.sheet === null ? own : p.sheet.toLowerCase() === ws.Name.toLowerCase()));
    if (part) out.set(name, { name, area: part.area, address: part.address });
  };
  const own = ws.Names;
  for (let i = 1; i <= own.Count; i++) take(own.Item(i), true);
  const all = book.Names;
  for (let i = 1; i <= all.Count; i++) take(all.Item(i), false);
  return out;
}

/** Value2 as a grid: ET gives a scalar for one cell and rows of values for a block; empty cells come as undefined or null. */
export function asGrid(v: unknown): GridValue[][] {
  const cell = (x: unknown): GridValue => (x === undefined || x === null ? null : typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean' ? x : String(x));
  if (!Array.isArray(v)) return [[cell(v)]];
  return v.map((row) => (Array.isArray(row) ? row.map(cell) : [cell(row)]));
}

/**
 * Runs our own writes with ET's events off, so they do not come back as edits (ours or another
 * add-in's handlers), and puts the setting back as it was even when a write fails.
 */
export function quietly<T>(app: EtApplication, write: () => T): T {
  const events = app.EnableEvents;
  app.EnableEvents = false;
  try {
    return write();
  } finally {
    app.EnableEvents = events;
  }
}
