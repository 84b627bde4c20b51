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

/**
 * A member as this build of WPS exposes it. Some builds expose members as zero-argument methods
 * rather than properties (docs/notes wps-addin.md; pi-for-excel src/host/wps/jsapi.ts): `Count`,
 * `Name`, `RefersTo`, `UsedRange`, `ActiveWorkbook`, `ActiveSheet` are read through this, never
 * directly. Only for members that are never methods in the typings.
 */
export function member<T>(owner: object, name: string): T {
  const v = (owner as Record<string, unknown>)[name];
  return (typeof v === 'function' ? (v as () => unknown).call(owner) : v) as T;
}

export const countOf = (collection: object): number => Number(member(collection, 'Count'));
export const nameOf = (o: object): string => String(member(o, 'Name'));

/** The active workbook, or null when none is open. */
export function activeWorkbook(app: EtApplication): Et.Workbook | null {
  return member<Et.Workbook | null | undefined>(app, 'ActiveWorkbook') ?? null;
}

export function activeSheet(app: EtApplication): Et.Worksheet | null {
  return member<Et.Worksheet | null | undefined>(app, 'ActiveSheet') ?? null;
}

/**
 * Whether a sheet is visible, read as tri-state: xlSheetHidden (0) and xlSheetVeryHidden (2) are
 * hidden, and so is `false` from a build that reports a boolean; anything else (-1, true) is shown.
 */
export function isVisible(ws: Et.Worksheet): boolean {
  const v = ws.Visible as unknown;
  return !(v === 0 || v === 2 || v === false);
}

/** The Application WPS gives every add-in page, or null outside WPS. */
export function wpsApplication(): EtApplication | null {
  const g = globalThis as { Application?: unknown; wps?: unknown };
  const app = (g.Application ?? g.wps) as EtApplication | undefined;
  if (!app || typeof app !== 'object') return null;
  // Touched, not tested with `in`: a host object need not list its members to `in`.
  try {
    return (app as { ActiveWorkbook?: unknown }).ActiveWorkbook !== undefined ? app : null;
  } catch {
    return null;
  }
}

/** Every worksheet of the workbook, in tab order (ET's collections count from 1). */
export function worksheets(book: Et.Workbook): Et.Worksheet[] {
  const all = book.Worksheets;
  const out: Et.Worksheet[] = [];
  for (let i = 1, n = countOf(all); i <= n; i++) out.push(all.Item(i) as Et.Worksheet);
  return out;
}

/** A worksheet by name, compared as ET compares sheet names (without case); null when there is none. */
export function findSheet(book: Et.Workbook, name: string): Et.Worksheet | null {
  const wanted = name.toLowerCase();
  return worksheets(book).find((ws) => nameOf(ws).toLowerCase() === wanted) ?? null;
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
  const sheetName = nameOf(ws).toLowerCase();
  const take = (n: Et.Name, own: boolean): void => {
    const full = nameOf(n);
    const name = bareName(full).toUpperCase();
    if (!wanted.has(name) || out.has(name)) return;
    if (!own && full.includes('!')) return; // another sheet's own name, listed in the workbook's collection
    const refersTo = member<unknown>(n, 'RefersTo');
    if (typeof refersTo !== 'string') return;
    const part = parseRefs(refersTo).find((p) => (p.sheet === null ? own : p.sheet.toLowerCase() === sheetName));
    if (part) out.set(name, { name, area: part.area, address: part.address });
  };
  const own = ws.Names;
  for (let i = 1, n = countOf(own); i <= n; i++) take(own.Item(i), true);
  const all = book.Names;
  for (let i = 1, n = countOf(all); i <= n; i++) take(all.Item(i), false);
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
 * add-in's handlers), and puts the setting back as it was even when a write fails. (Whether
 * EnableEvents also silences ApiEvent listeners is not documented; if it does not, our writes
 * come back as one extra re-check, never a loop: nothing writes in answer to an edit.)
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

/** Takes away a half-drawn sheet after a failed insertion, without ET's "delete this sheet?" prompt. */
export function removeSheet(app: EtApplication, sheet: Et.Worksheet): void {
  const alerts = app.DisplayAlerts;
  try {
    app.DisplayAlerts = false;
    quietly(app, () => {
      sheet.Unprotect();
      sheet.Delete();
    });
  } catch {
    /* the sheet stays; the error that stopped the drawing is what the user is told */
  } finally {
    app.DisplayAlerts = alerts;
  }
}
