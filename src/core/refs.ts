/**
 * A1 references as defined names hold them ("=’2024年…’!$A$21:$J$48", or a union of such):
 * parsed once here for every reader — the command line's (exceljs), the pane's (in Excel) and
 * the browser's (.xlsx files).
 */
import type { Area } from './sheet';

export interface SheetArea {
  /** The sheet the part names, unquoted; null when the reference names none. */
  sheet: string | null;
  /** 0-based. */
  area: Area;
  /** The reference without sheet and dollars, as a user reads it: A21:J48. */
  address: string;
}

const REF = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/;
/** Commas outside quoted sheet names separate the parts of a union. */
const UNION = /,(?=(?:[^']*'[^']*')*[^']*$)/;

/** The 0-based column of letters such as "AB". */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/** A sheet name as a reference spells it: quoted, its quotes doubled. */
export const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

const unquote = (s: string): string => (s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s);

/** Every part of a reference that is a cell or a rectangle; anything else (#REF!, a formula) is left out. */
export function parseRefs(formula: string): SheetArea[] {
  const out: SheetArea[] = [];
  for (const part of formula.trim().replace(/^=/, '').split(UNION)) {
    const f = part.trim();
    const bang = f.lastIndexOf('!');
    const m = REF.exec(f.slice(bang + 1).trim());
    if (!m) continue;
    const row = Number(m[2]) - 1;
    const col = columnIndex(m[1]);
    const row2 = m[4] ? Number(m[4]) - 1 : row;
    const col2 = m[3] ? columnIndex(m[3]) : col;
    out.push({
      sheet: bang >= 0 ? unquote(f.slice(0, bang)) : null,
      area: { row, col, rows: row2 - row + 1, cols: col2 - col + 1 },
      address: f.slice(bang + 1).replace(/\$/g, ''),
    });
  }
  return out;
}

/** The first part of a reference on the given sheet (sheet names compare without case, as Excel does); a part naming no sheet counts. */
export function refOnSheet(formula: string, sheet: string | null): SheetArea | null {
  return parseRefs(formula).find((r) => sheet === null || r.sheet === null || r.sheet.toLowerCase() === sheet.toLowerCase()) ?? null;
}

/** A single cell reference such as "D24", 0-based. */
export function cellPosition(ref: string): { row: number; col: number } | null {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(ref);
  return m ? { row: Number(m[2]) - 1, col: columnIndex(m[1]) } : null;
}
