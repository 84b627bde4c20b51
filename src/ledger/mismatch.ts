/** 表三 as typed against 表三 as the register implies: one ledger.mismatch per cell that differs. */
import { readCell, usableValue } from '../core/read';
import { Report, unknownCells } from '../core/report';
import { CellId, T3_RESULTS, TableId, inputCell } from '../core/tables';
import type { Finding } from '../core/findings';

/** Nothing when the report's 表三 could not be read (`unreadable`): its own findings say so. */
export function ledgerMismatches(report: Report, ledgerCells: Readonly<Record<CellId, number>>, unreadable: readonly TableId[] = []): Finding[] {
  const out: Finding[] = [];
  if (unreadable.includes('T3') || report.unreadable?.includes('T3')) return out;
  // Cells the report does not give one by one (a 2019-style single （六） row) are compared only
  // through the total it does give: never as a blank read as 0.
  const unknown = unknownCells(report);
  for (const sum of report.sums ?? []) {
    const cells = sum.cells.filter((id) => id in ledgerCells);
    if (cells.length !== sum.cells.length) continue;
    const reported = usableValue(readCell(sum.value));
    const expected = cells.reduce((total, id) => total + ledgerCells[id], 0);
    if (reported === undefined || reported === expected) continue;
    out.push({ rule: 'ledger.mismatch', severity: 'error', table: 'T3', cells, params: { cell: `表三 ${inputCell(cells[0]).colName}/${sumName(cells)}（原文合为一行）`, reported, ledger: expected } });
  }
  for (const [id, expected] of Object.entries(ledgerCells)) {
    if (unknown.has(id)) continue;
    const raw = report.cells[id];
    // A blank cell reads as 0, as the engine reads it; text that is not a number has its own finding.
    const typed = usableValue(readCell(raw ?? null));
    if (typed === undefined || typed === expected) continue;
    out.push({ rule: 'ledger.mismatch', severity: 'error', table: 'T3', cells: [id], params: { reported: typed, ledger: expected } });
  }
  return out;
}

/** How a sum of 表三 rows is named: the heading the rows stand under (（六）其他处理), else the rows. */
function sumName(cells: readonly CellId[]): string {
  const rows = cells.map((id) => inputCell(id).rowName);
  const heading = T3_RESULTS.find(([sub, details]) => rows.every((r) => details.some((d) => r === `${sub}${d}`)));
  return heading ? heading[0] : rows.join('、');
}
