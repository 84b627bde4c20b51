/**
 * The one place the hosts ask the ledger core (src/ledger/read.ts) whether a sheet's first rows
 * hold a register's header: by meaning, in any order, extra columns ignored.
 */
import type { LedgerCell, LedgerGrid } from '../ledger/columns';
import { findHeader } from '../ledger/read';

/** The index (0-based) of the register's header row within `rows`, or null. */
export function findLedgerHeader(rows: readonly (readonly LedgerCell[])[]): number | null {
  const header = findHeader(rows as LedgerGrid);
  return header === null ? null : header.row - 1;
}
