/** 表三 as typed against 表三 as the register implies: one ledger.mismatch per cell that differs. */
import { readCell, usableValue } from '../core/read';
import type { Report } from '../core/report';
import { CellId, TableId } from '../core/tables';
import type { Finding } from '../core/findings';

/** Nothing when the report's 表三 could not be read (`unreadable`): its own findings say so. */
export function ledgerMismatches(report: Report, ledgerCells: Readonly<Record<CellId, number>>, unreadable: readonly TableId[] = []): Finding[] {
  const out: Finding[] = [];
  if (unreadable.includes('T3') || report.unreadable?.includes('T3')) return out;
  for (const [id, expected] of Object.entries(ledgerCells)) {
    const raw = report.cells[id];
    // A blank cell reads as 0, as the engine reads it; text that is not a number has its own finding.
    const typed = usableValue(readCell(raw ?? null));
    if (typed === undefined || typed === expected) continue;
    out.push({ rule: 'ledger.mismatch', severity: 'error', table: 'T3', cells: [id], params: { reported: typed, ledger: expected } });
  }
  return out;
}
