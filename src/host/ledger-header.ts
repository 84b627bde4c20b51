/**
 * The one place the hosts reach the core's register schema (src/ledger/columns.ts) to find a
 * register's header row.
 */
import type { LedgerValue } from './contract';

const RECEIVED = /^(收到(申请)?日期|受理日期|申请日期|登记日期)$/;
const RESULT = /^(办理结果|答复结果|处理结果)$/;
const clean = (v: LedgerValue): string => (typeof v === 'string' ? v.replace(/\s+/g, '') : '');

/** The index of the first row naming both a receipt date column and a result column, or null. */
export function findLedgerHeader(rows: readonly (readonly LedgerValue[])[]): number | null {
  for (let i = 0; i < rows.length; i++) {
    const names = rows[i].map(clean);
    if (names.some((n) => RECEIVED.test(n)) && names.some((n) => RESULT.test(n))) return i;
  }
  return null;
}
