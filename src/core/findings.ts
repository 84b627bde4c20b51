/**
 * A finding: structured data about one failing rule instance. The Chinese sentence is rendered
 * from it (render.ts); hosts select `cells`, tests compare fields, JSON output carries both.
 */
import type { Anchor, Severity } from './rules';
import type { CellId, TableId } from './tables';

export interface Finding {
  rule: string;
  severity: Severity;
  /** The table the finding belongs to; null for the report as a whole. */
  table: TableId | null;
  /** This year's input cells involved, for selection and highlighting. */
  cells: CellId[];
  /** Last year's cells involved, for cross-year rules. */
  priorCells?: CellId[];
  /** Equations: the column, row or group. */
  anchor?: Anchor;
  /** Equations: both sides and lhs − rhs. */
  lhs?: number;
  rhs?: number;
  difference?: number;
  /** Cell rules: the value as typed, and the number read from it. */
  raw?: string;
  value?: number;
  /** Anything else a message needs (layout, years), by slot name. */
  params?: Record<string, string | number>;
}

export const isError = (f: Finding): boolean => f.severity === 'error';

export function countBySeverity(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const f of findings) if (f.severity === 'error') errors++;
  return { errors, warnings: findings.length - errors };
}

/**
 * Identifies a finding together with the values it is about, so an acknowledgement (说明) made for
 * it stops applying as soon as those values change.
 */
export function fingerprint(f: Finding): string {
  const where = f.anchor ? `${f.anchor.table}.${f.anchor.axis}${f.anchor.index}` : [...f.cells, ...(f.priorCells ?? []).map((c) => `prior:${c}`)].join('+');
  const what = f.difference !== undefined ? `${f.lhs}:${f.rhs}` : f.raw !== undefined ? `raw:${f.raw}` : f.value !== undefined ? `v:${f.value}` : JSON.stringify(f.params ?? {});
  return `${f.rule}|${where}|${what}`;
}
