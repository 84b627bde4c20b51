/**
 * Which rules an edit can change: from the cells a burst of edits touched to the rule instances
 * that read them. Hosts report edited cells; the pane uses this to skip re-checking after an edit
 * that no rule looks at, and to re-read last year's report only when a cross-year rule reads
 * the edited cell.
 */
import { Anchor, CELL_RULES, EQUATION_RULES } from './rules';
import { CellId, isCellId } from './tables';

export interface RuleInstance {
  rule: string;
  /** For equations: which column, row or group. */
  anchor?: Anchor;
}

/** Cell id → the equations reading it, for this year's report and for last year's. */
const READERS: Record<'current' | 'prior', Map<CellId, RuleInstance[]>> = { current: new Map(), prior: new Map() };
for (const r of EQUATION_RULES) {
  for (const eq of r.equations) {
    for (const t of [...eq.lhs, ...eq.rhs]) {
      const map = READERS[t.prior ? 'prior' : 'current'];
      const list = map.get(t.cell) ?? [];
      if (!list.some((x) => x.rule === r.id && x.anchor === eq.anchor)) list.push({ rule: r.id, anchor: eq.anchor });
      map.set(t.cell, list);
    }
  }
}

/**
 * The rule instances that read any of these cells. `side` says whose report the cells belong
 * to: this year's (every cell rule reads every input cell, and 表三 cells feed T3.onlyTotals) or
 * last year's (only the cross-year equations, and prior.notNumber for their operands).
 */
export function affectedRules(cells: readonly CellId[], side: 'current' | 'prior' = 'current'): RuleInstance[] {
  const out: RuleInstance[] = [];
  const seen = new Set<string>();
  const add = (i: RuleInstance): void => {
    const key = `${i.rule}|${i.anchor ? `${i.anchor.table}.${i.anchor.axis}${i.anchor.index}` : ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(i);
  };
  const known = cells.filter(isCellId);
  for (const cell of known) for (const i of READERS[side].get(cell) ?? []) add(i);
  if (side === 'current' && known.length > 0) {
    for (const r of CELL_RULES) add({ rule: r.id });
    if (known.some((c) => c.startsWith('T3.'))) add({ rule: 'T3.onlyTotals' });
  }
  if (side === 'prior' && known.some((c) => READERS.prior.has(c))) add({ rule: 'prior.notNumber' });
  return out;
}
