/**
 * Last year's reports, found by body name. Only the cells the cross-year rules read are kept (a
 * handful per body), so a prior folder as large as this year's costs little memory.
 */
import { REPORT_FORMAT, Report } from '../core/report';
import { EQUATION_RULES } from '../core/rules';
import { CellId, TableId, inputCell } from '../core/tables';
import { bodyKey, bodyTails } from '../core/body';
import { LoadedSheet, Loader } from './load';

/** The cells of last year's report that some cross-year rule reads. */
export const PRIOR_CELLS: readonly CellId[] = [
  ...new Set(EQUATION_RULES.flatMap((r) => r.equations.flatMap((eq) => [...eq.lhs, ...eq.rhs].filter((t) => t.prior).map((t) => t.cell)))),
];

/** Last year's report as the cross-year rules need it; a cell of a table that could not be read is left out (absent, not blank). */
export function slimPrior(r: Pick<LoadedSheet, 'report' | 'unreadable'>): Report {
  const skipped = new Set<TableId>([...r.unreadable, ...(r.report.unreadable ?? [])]);
  const cells: Report['cells'] = {};
  for (const id of PRIOR_CELLS) {
    const v = r.report.cells[id];
    if (v !== undefined && !skipped.has(inputCell(id).table)) cells[id] = v;
  }
  return { format: REPORT_FORMAT, org: r.report.org, year: r.report.year, cells };
}

export class PriorIndex {
  private readonly byBody = new Map<string, Report[]>();
  /** Names of the prior reports by each shorter name they go by: 洪泽区人民政府 → 淮安市洪泽区人民政府. */
  private readonly byTail = new Map<string, string[]>();
  /** Files of the prior folder that gave no report, with their reasons. */
  readonly problems: { file: string; error: string }[] = [];
  reports = 0;

  static async load(files: readonly string[], load: Loader): Promise<PriorIndex> {
    const index = new PriorIndex();
    for (const file of files) {
      const loaded = await load(file);
      if (!loaded.ok) {
        index.problems.push({ file, error: loaded.error });
        continue;
      }
      for (const r of loaded.reports) index.add(slimPrior(r));
    }
    return index;
  }

  add(report: Report): void {
    const key = bodyKey(report.org);
    if (key === '') return;
    this.reports++;
    if (!this.byBody.has(key)) {
      this.byBody.set(key, []);
      for (const tail of bodyTails(key).slice(1)) this.byTail.set(tail, [...(this.byTail.get(tail) ?? []), key]);
    }
    this.byBody.get(key)!.push(report);
  }

  /** The body's report for the year before; failing that the latest earlier one, then the latest of all. */
  match(org: string, year: number | null): Report | null {
    const key = bodyKey(org);
    // The same name first; else the same body named with or without higher-level places in front.
    const shorter = bodyTails(key).slice(1).find((t) => this.byBody.has(t));
    const longer = this.byTail.get(key);
    const candidates = this.byBody.get(key) ?? (shorter !== undefined ? this.byBody.get(shorter) : longer?.length === 1 ? this.byBody.get(longer[0]) : undefined);
    if (!candidates) return null;
    const latest = (rs: Report[]): Report | null => rs.reduce<Report | null>((a, b) => (a === null || (b.year ?? -1) > (a.year ?? -1) ? b : a), null);
    if (year === null) return latest(candidates);
    return candidates.find((r) => r.year === year - 1) ?? latest(candidates.filter((r) => r.year !== null && r.year < year)) ?? latest(candidates);
  }
}
