/**
 * 表三 from the register for year Y, as the format means it:
 *   一、本年新收 = received in Y; 二、上年结转 = received before Y and not answered before Y;
 *   三、办理结果 = answered in Y, by category, （七）总计 their sum;
 *   四、结转下年度 = received by the end of Y and not answered in Y;
 *   columns by 申请人类型, 总计 their sum. Applications answered before Y do not count.
 * Every application counted lands once on each side of 一+二 = （七）+四, so the result balances.
 */
import { CellId, T3_ROW, T3_ROW_NAMES, cellId } from '../core/tables';
import { LedgerEntry, T3_TOTAL_COL } from './columns';
import { yearEnd, yearStart } from './dates';

/** Every 表三 cell at 0. */
export function emptyT3(): Record<CellId, number> {
  const cells: Record<CellId, number> = {};
  for (let r = 1; r <= T3_ROW_NAMES.length; r++) for (let c = 1; c <= T3_TOTAL_COL; c++) cells[cellId('T3', r, c)] = 0;
  return cells;
}

/** Where an entry counts in 表三 of `year`: its left row (1 or 2) and right row (a result or 25); null when it does not concern the year. */
export function t3Rows(entry: LedgerEntry, from: number, to: number): { left: number; right: number } | null {
  const { received, answered } = entry;
  if (received === null || received > to) return null;
  if (answered !== null && answered < from) return null;
  const left = received >= from ? T3_ROW.received : T3_ROW.carriedIn;
  const right = answered !== null && answered <= to ? entry.resultRow! : T3_ROW.carriedOut;
  return { left, right };
}

/** 表三 of `year` from the register's readable entries (readLedger gives only those). Pure. */
export function compileT3(entries: readonly LedgerEntry[], year: number): Record<CellId, number> {
  // Counted in a flat array first: 10,000 rows stay well under a millisecond.
  const rows = T3_ROW_NAMES.length;
  const counts = new Int32Array((rows + 1) * (T3_TOTAL_COL + 1));
  const add = (r: number, c: number): void => {
    counts[r * (T3_TOTAL_COL + 1) + c]++;
    counts[r * (T3_TOTAL_COL + 1) + T3_TOTAL_COL]++;
  };
  const from = yearStart(year);
  const to = yearEnd(year);
  for (const e of entries) {
    const place = t3Rows(e, from, to);
    if (!place || e.applicantCol === null) continue;
    add(place.left, e.applicantCol);
    add(place.right, e.applicantCol);
    if (place.right !== T3_ROW.carriedOut) add(T3_ROW.total, e.applicantCol);
  }
  const cells = emptyT3();
  for (let r = 1; r <= rows; r++) for (let c = 1; c <= T3_TOTAL_COL; c++) cells[cellId('T3', r, c)] = counts[r * (T3_TOTAL_COL + 1) + c];
  return cells;
}
