/**
 * Findings to Chinese sentences. The template is the rule's `message`; each slot in braces is
 * filled here from the finding's structured fields.
 */
import { Finding } from './findings';
import { Anchor, rule } from './rules';
import { TABLES, T3_COLUMNS, T3_ROW_NAMES, T4_GROUPS, TableId, cellName } from './tables';

const MAX_QUOTE = 40;

export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toFixed(6)));
}

function quote(raw: string): string {
  const oneLine = raw.replace(/\s+/g, ' ');
  return oneLine.length > MAX_QUOTE ? `${oneLine.slice(0, MAX_QUOTE)}…` : oneLine;
}

/** 表三“总计”列 / 表三“（七）总计”行 / 表四“复议后起诉” / 表二“规章”. */
export function scopeName(anchor: Anchor): string {
  const table = TABLES[anchor.table].name;
  if (anchor.table === 'T3') {
    return anchor.axis === 'col' ? `${table}“${T3_COLUMNS[anchor.index - 1]}”列` : `${table}“${T3_ROW_NAMES[anchor.index - 1]}”行`;
  }
  if (anchor.table === 'T4') return `${table}“${T4_GROUPS[anchor.index - 1].name}”`;
  const rowName = TABLES.T2.inputs.find((c) => c.row === anchor.index)?.rowName ?? `第${anchor.index}行`;
  return `${table}“${rowName}”`;
}

const REASONS: Record<string, string> = {
  fullWidth: '全角数字',
  separators: '千位分隔符',
  spaces: '首尾有空格',
  storedAsText: '文本格式的数字',
};

/** Every slot a message template may use, computed from a finding. */
export function slots(f: Finding): Record<string, string> {
  const out: Record<string, string> = {};
  const r = rule(f.rule);
  if (f.anchor) out.scope = scopeName(f.anchor);
  if (r.kind === 'equation') [out.lhsLabel, out.rhsLabel] = r.sides;
  if (f.lhs !== undefined) out.lhs = formatNumber(f.lhs);
  if (f.rhs !== undefined) out.rhs = formatNumber(f.rhs);
  if (f.difference !== undefined) out.diff = formatNumber(Math.abs(f.difference));
  const cell = f.cells[0] ?? f.priorCells?.[0];
  if (cell) out.cell = cellName(cell);
  if (f.raw !== undefined) out.raw = quote(f.raw);
  if (f.value !== undefined) out.value = formatNumber(f.value);
  out.shown = out.raw ?? out.value ?? '';
  for (const [k, v] of Object.entries(f.params ?? {})) out[k] = typeof v === 'number' ? formatNumber(v) : v;
  if (f.params?.reasons !== undefined) {
    out.reasons = String(f.params.reasons).split(',').map((k) => REASONS[k] ?? k).join('、');
  }
  out.hint = f.params?.leadingNumber !== undefined ? `；如本格应为${f.params.leadingNumber}，请只填数字，说明文字写在正文中` : '';
  if (f.table && f.params?.table === undefined) out.table = TABLES[f.table as TableId].name;
  return out;
}

export function renderFinding(f: Finding): string {
  const values = slots(f);
  return rule(f.rule).message.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** 表三 自然人/（七）总计 — for a finding's location column. */
export function locationOf(f: Finding): string {
  if (f.anchor) return scopeName(f.anchor);
  // The register's findings are about its rows (ledger.mismatch, about a 表三 cell, falls through).
  if (f.rule.startsWith('ledger.') && f.cells.length === 0) return f.params?.row !== undefined ? `台账第${f.params.row}行` : '台账';
  const cell = f.cells[0] ?? f.priorCells?.[0];
  if (cell) return (f.priorCells?.length && !f.cells.length ? '上年 ' : '') + cellName(cell);
  return f.table ? TABLES[f.table].name : '报告';
}

export const SEVERITY_NAME = { error: '错误', warning: '提示' } as const;
