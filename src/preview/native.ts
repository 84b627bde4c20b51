/**
 * The template's native formulas, evaluated the way a spreadsheet evaluates them, for the
 * preview grid that has no spreadsheet behind it. Each function mirrors one formula of the sheet
 * plan (src/core/sheet.ts); test/preview/native.test.ts holds them to the formula text and to
 * what LibreOffice computes for the same files.
 */
import { compareSides } from '../core/engine';
import type { CellValue } from '../core/report';
import type { Equation } from '../core/rules';
import { PASS_MARK, TEXT_MARK, reportTitle } from '../core/sheet';
import type { CellId } from '../core/tables';

/**
 * A check cell: IF(COUNT(all)<COUNTA(all),"含文本",IF(ROUND(diff,6)=0,"✓",ROUND(diff,6))).
 * Any text operand (even "/" or "１２", which the engine reads as numbers) makes COUNT fall short
 * of COUNTA, so the formula shows 含文本 before it adds anything up; only then do the sums
 * compare as the engine compares them.
 */
export function checkCellValue(eq: Equation, valueOf: (id: CellId) => CellValue): string | number {
  const terms = [...eq.lhs, ...eq.rhs];
  if (terms.some((t) => typeof valueOf(t.cell) === 'string')) return TEXT_MARK;
  // A subtracted term moves to the other side: (L+ − L−) − (R+ − R−) = (L+ + R−) − (R+ + L−).
  const plus = [...eq.lhs.filter((t) => t.sign !== -1), ...eq.rhs.filter((t) => t.sign === -1)];
  const minus = [...eq.rhs.filter((t) => t.sign !== -1), ...eq.lhs.filter((t) => t.sign === -1)];
  const result = compareSides(
    plus.map((t) => valueOf(t.cell)),
    minus.map((t) => valueOf(t.cell)),
  );
  if (result.status === 'text') return TEXT_MARK; // not reached: strings were caught above
  return result.status === 'equal' ? PASS_MARK : result.difference!;
}

/** How a check cell's value reads on screen: Excel's General format of a rounded number. */
export const checkCellText = (v: string | number): string => (typeof v === 'number' ? String(v) : v);

/** The summary cell: "✓ 全部勾稽关系通过（N条）" or "✗ k 条勾稽关系不成立或含文本". */
export function summaryText(values: readonly (string | number)[]): string {
  const failed = values.filter((v) => v !== PASS_MARK).length;
  return failed === 0 ? `${PASS_MARK} 全部勾稽关系通过（${values.length}条）` : `✗ ${failed} 条勾稽关系不成立或含文本`;
}

/** The title: org&IF(ISNUMBER(year),year&"年","")&"政府信息公开工作年度报告". */
export function titleText(org: CellValue, year: CellValue): string {
  return reportTitle(org === null ? '' : String(org), typeof year === 'number' ? year : null);
}
