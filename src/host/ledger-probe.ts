/**
 * Which sheets look like registers (台账), and a used range as the grid from A1 the ledger core
 * reads. The hosts read the first rows of each sheet in one round trip and ask here; the
 * decision is the ledger core's (findHeader in src/ledger/read.ts): by meaning, in any order,
 * extra columns ignored.
 */
import type { LedgerCell, LedgerGrid } from '../ledger/columns';
import { findHeader } from '../ledger/read';

/** The header row is looked for within these first rows and columns (titles and notes above it). */
export const PROBE_ROWS = 20;
export const PROBE_COLS = 40;

/** The header row's index in `rows` (0-based), or null when the rows name no register's columns. */
export function ledgerHeaderIndex(rows: readonly (readonly LedgerCell[])[]): number | null {
  const header = findHeader(rows.slice(0, PROBE_ROWS) as LedgerGrid);
  return header === null ? null : header.row - 1;
}

/** A host's cell value as the ledger core takes it: empty text is an empty cell. */
export const ledgerCell = (v: unknown): LedgerCell => (typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v !== '') ? v : null);

/**
 * A used range starting at (row, col) as a grid from A1: the rows and columns before it are
 * empty. Empty rows at its end are left out: ET's UsedRange also covers cells that are only
 * formatted (the standard register's prepared rows), Excel's values-only used range does not.
 */
export function gridFromA1(row: number, col: number, values: readonly (readonly unknown[])[]): LedgerGrid {
  let end = values.length;
  while (end > 0 && values[end - 1].every((v) => ledgerCell(v) === null)) end--;
  const out: LedgerGrid = [];
  for (let r = 0; r < row && end > 0; r++) out.push([]);
  const pad = new Array<LedgerCell>(col).fill(null);
  for (let i = 0; i < end; i++) out.push(col === 0 ? values[i].map(ledgerCell) : [...pad, ...values[i].map(ledgerCell)]);
  return out;
}
