/**
 * Finding a register's header row by meaning, from the register schema (src/ledger/columns.ts):
 * a row that names every column 表三 needs (收到日期, 申请人类型, 答复日期, 办理结果 or one of
 * their synonyms), in any order, extra columns ignored.
 */
import { LEDGER_COLUMNS, LedgerCell } from '../ledger/columns';

const clean = (v: LedgerCell): string => (typeof v === 'string' ? v.replace(/[\s:：*＊]+/g, '') : '');

const REQUIRED = LEDGER_COLUMNS.filter((c) => c.required).map((c) => new Set([c.label, ...c.synonyms].map((n) => n.replace(/\s+/g, ''))));

/** The index of the first row naming every required column, or null. */
export function findLedgerHeader(rows: readonly (readonly LedgerCell[])[]): number | null {
  for (let i = 0; i < rows.length; i++) {
    const names = new Set(rows[i].map(clean));
    if (REQUIRED.every((names2) => [...names2].some((n) => names.has(n)))) return i;
  }
  return null;
}
