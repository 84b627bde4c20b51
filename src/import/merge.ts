/**
 * Filling a template from an imported report without overwriting what the user typed: the plan
 * says which cells can be filled outright and which already hold something else, so the pane can
 * ask before changing those ("导入本年数据").
 */
import { CellValue, Report } from '../core/report';
import { CELL_IDS, CellId } from '../core/tables';

export interface FillConflict {
  id: CellId;
  /** What the template holds now. */
  current: CellValue;
  /** What the imported report has. */
  incoming: CellValue;
}

export interface FillPlan {
  /** Blank cells of the template that the import fills. */
  fill: Partial<Record<CellId, CellValue>>;
  /** Cells the user already filled with something else: ask before replacing. */
  conflicts: FillConflict[];
  /** The body and year, where the template has none or another. */
  org: { current: string; incoming: string; conflict: boolean } | null;
  year: { current: number | null; incoming: number; conflict: boolean } | null;
}

const isBlank = (v: CellValue | undefined): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
const same = (a: CellValue | undefined, b: CellValue | undefined): boolean => (isBlank(a) && isBlank(b)) || String(a).trim() === String(b).trim();

/** Compares the template's report with an imported one, cell by cell. */
export function planFill(current: Report, incoming: Report): FillPlan {
  const fill: FillPlan['fill'] = {};
  const conflicts: FillConflict[] = [];
  for (const id of CELL_IDS) {
    const now = current.cells[id];
    const next = incoming.cells[id];
    if (next === undefined || isBlank(next) || same(now, next)) continue;
    if (isBlank(now)) fill[id] = next;
    else conflicts.push({ id, current: now ?? null, incoming: next });
  }
  const org = incoming.org.trim() !== '' && incoming.org.trim() !== current.org.trim() ? { current: current.org, incoming: incoming.org, conflict: current.org.trim() !== '' } : null;
  const year = incoming.year !== null && incoming.year !== current.year ? { current: current.year, incoming: incoming.year, conflict: current.year !== null } : null;
  return { fill, conflicts, org, year };
}
