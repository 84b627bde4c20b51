/**
 * Where a finding is, as a reviewer looks for it: the sheet address in a workbook (the reviewer
 * opens the file and goes there), the table, row and column labels in any other file.
 */
import { Finding } from '../core/findings';
import { locationOf } from '../core/render';
import { cellPosition } from '../core/refs';
import { compactRefs } from '../core/sheet';
import { CellId, cellName } from '../core/tables';

export interface Source {
  sheet?: string;
  /** Where each cell was read from (D24); empty for files without a grid. */
  addresses: Partial<Record<CellId, string>>;
}

export function findingLocation(f: Finding, source: Source): string {
  const positions = f.cells.map((id) => cellPosition(source.addresses[id] ?? ''));
  if (source.sheet === undefined || positions.length === 0 || positions.some((p) => p === null)) return locationOf(f);
  const refs = compactRefs(positions as { row: number; col: number }[]).join(',');
  const prior = f.priorCells?.length ? `（上年 ${cellName(f.priorCells[0])}${f.priorCells.length > 1 ? ' 等' : ''}）` : '';
  return `${source.sheet}!${refs}${prior}`;
}
