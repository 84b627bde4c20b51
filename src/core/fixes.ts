/**
 * Fixes the pane offers, computed here without any host: each is a list of cell changes the
 * host writes, so a fix touches exactly the cells it names and nothing else.
 */
import { Finding } from './findings';
import { check, readReport } from './engine';
import { usableValue } from './read';
import { Report } from './report';
import { EQUATION_RULES, Equation, isIntraReport } from './rules';
import { CellId, INPUT_CELLS, cellName } from './tables';
import { formatNumber, scopeName } from './render';

export interface CellChange {
  cell: CellId;
  value: number;
}

/** "Fill every blank input cell with 0": only cells that are truly empty. */
export function fillBlanks(report: Report): CellChange[] {
  const readings = readReport(report);
  return INPUT_CELLS.filter((_, i) => readings[i].state === 'blank').map((c) => ({ cell: c.id, value: 0 }));
}

/** Equations whose left side is one total cell and whose right side are its parts (all added). */
const TOTALS: Equation[] = EQUATION_RULES.filter((r) => r.recomputesTotal).flatMap((r) => r.equations.filter(isIntraReport));

/**
 * "Recompute the 总计 cells from their parts": each total whose parts are all numbers gets their
 * sum; totals of totals (T3 row 24, column 总计) are computed after their parts.
 */
export function recomputeTotals(report: Report): CellChange[] {
  const values = new Map<CellId, number | undefined>();
  const readings = readReport(report);
  INPUT_CELLS.forEach((c, i) => values.set(c.id, usableValue(readings[i])));
  const blank = new Set(INPUT_CELLS.filter((_, i) => readings[i].state === 'blank').map((c) => c.id));
  const totals = new Set(TOTALS.map((e) => e.lhs[0].cell));
  const changes = new Map<CellId, number>();
  // A total whose part is itself a total waits for it: resolve in dependency order.
  const pending = [...TOTALS];
  for (let pass = 0; pending.length > 0 && pass < TOTALS.length; pass++) {
    for (let i = pending.length - 1; i >= 0; i--) {
      const eq = pending[i];
      if (eq.rhs.some((t) => totals.has(t.cell) && pending.some((p) => p !== eq && p.lhs[0].cell === t.cell))) continue;
      pending.splice(i, 1);
      const parts = eq.rhs.map((t) => values.get(t.cell));
      if (parts.some((v) => v === undefined)) continue;
      const sum = Math.round(parts.reduce((a: number, v) => a + (v as number), 0) * 1e6) / 1e6;
      const target = eq.lhs[0].cell;
      // A blank total over parts that sum to 0 already reads as 0: filling blanks is the other fix's job.
      if (sum === 0 && blank.has(target)) continue;
      if (values.get(target) !== sum || report.cells[target] !== sum) {
        values.set(target, sum);
        changes.set(target, sum);
      }
    }
  }
  return [...changes].map(([cell, value]) => ({ cell, value }));
}

export interface Suggestion {
  cell: CellId;
  from: number;
  to: number;
  /** The failing rule instances this change would satisfy. */
  resolves: Pick<Finding, 'rule' | 'anchor'>[];
}

/**
 * One cell whose new value would satisfy several failing equations at once, without breaking an
 * equation that holds now. Cells that are not clean numbers are left to their own findings.
 */
export function suggestions(report: Report, findings: readonly Finding[] = check(report)): Suggestion[] {
  const failing = findings.filter((f) => f.anchor && f.difference !== undefined && !f.priorCells?.length);
  if (failing.length < 2) return [];
  const readings = readReport(report);
  const valueOf = new Map(INPUT_CELLS.map((c, i) => [c.id, readings[i]]));
  const candidates = new Map<string, Suggestion>();
  for (const f of failing) {
    const eq = equationOf(f);
    if (!eq) continue;
    for (const [term, coefficient] of [...eq.lhs.map((t) => [t, 1] as const), ...eq.rhs.map((t) => [t, -1] as const)]) {
      const reading = valueOf.get(term.cell)!;
      if (reading.state !== 'number') continue;
      const to = Math.round((reading.value - f.difference! / (coefficient * (term.sign ?? 1))) * 1e6) / 1e6;
      if (to < 0 || !Number.isInteger(to)) continue;
      const key = `${term.cell}=${to}`;
      const s = candidates.get(key) ?? { cell: term.cell, from: reading.value, to, resolves: [] };
      s.resolves.push({ rule: f.rule, anchor: f.anchor });
      candidates.set(key, s);
    }
  }
  const out: Suggestion[] = [];
  for (const s of candidates.values()) {
    if (s.resolves.length < 2) continue;
    const after = check({ ...report, cells: { ...report.cells, [s.cell]: s.to } });
    const broken = after.some((f) => f.anchor && f.cells.includes(s.cell) && !failing.some((g) => g.rule === f.rule && sameAnchor(g, f)));
    if (!broken) out.push(s);
  }
  return out.sort((a, b) => b.resolves.length - a.resolves.length);
}

const sameAnchor = (a: Pick<Finding, 'anchor'>, b: Pick<Finding, 'anchor'>): boolean =>
  a.anchor?.table === b.anchor?.table && a.anchor?.axis === b.anchor?.axis && a.anchor?.index === b.anchor?.index;

function equationOf(f: Finding): Equation | undefined {
  return EQUATION_RULES.find((r) => r.id === f.rule)?.equations.find((e) => sameAnchor({ anchor: e.anchor }, f));
}

/** 将 表三 自然人/（七）总计 改为 57，可同时满足 2 条规则. */
export function renderSuggestion(s: Suggestion): string {
  const where = [...new Set(s.resolves.map((r) => (r.anchor ? scopeName(r.anchor) : r.rule)))].join('、');
  return `将 ${cellName(s.cell)} 由 ${formatNumber(s.from)} 改为 ${formatNumber(s.to)}，可同时满足 ${s.resolves.length} 条规则（${where}）`;
}
