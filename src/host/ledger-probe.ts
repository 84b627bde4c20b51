/**
 * Which sheets look like registers (台账): the hosts read the first rows of each sheet in one
 * round trip and ask here. The decision is the core's (src/ledger/columns.ts: a header row naming
 * a register's columns by meaning); this file only says how much of a sheet to read for it.
 */
import type { LedgerValue } from './contract';
import { findLedgerHeader } from './ledger-header';

/** The header row is looked for within these first rows and columns (titles and notes above it). */
export const PROBE_ROWS = 20;
export const PROBE_COLS = 40;

/** The header row's index in `rows` (0-based), or null when the rows name no register's columns. */
export function ledgerHeaderIndex(rows: readonly (readonly LedgerValue[])[]): number | null {
  return findLedgerHeader(rows.slice(0, PROBE_ROWS));
}
