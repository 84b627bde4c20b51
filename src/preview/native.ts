/**
 * The template's native formulas, evaluated the way a spreadsheet evaluates them, for the
 * preview grid that has no spreadsheet behind it. Each function mirrors one formula of the sheet
 * plan (src/core/sheet.ts) or one mark (src/core/marks.ts); the tests hold them to the formula
 * text and to what LibreOffice computes for the same files.
 */
import type { CellValue } from '../core/report';
import type { Equation } from '../core/rules';
import type { MarkSeverity, PlannedMark } from '../core/marks';
import { MAX_VALUE, PLACEHOLDERS } from '../core/read';
import { PASS_MARK, TEXT_MARK, reportTitle } from '../core/sheet';
import type { CellId, InputKind } from '../core/tables';

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
  // SUM adds every number, however large (the engine sets aside numbers past MAX_VALUE; a formula cannot).
  const sum = (terms: typeof plus) => terms.reduce((s, t) => s + ((valueOf(t.cell) as number | null) ?? 0), 0);
  const diff = round6(sum(plus) - sum(minus));
  return diff === 0 ? PASS_MARK : diff;
}

/** ROUND(x,6): halves away from zero, as spreadsheets round. */
const round6 = (x: number): number => (Math.sign(x) * Math.round(Math.abs(x) * 1e6)) / 1e6 || 0;

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

// ---------------------------------------------------------------------------------------------
// The template's marks (conditional formats), as src/core/marks.ts compiles them

/** A cell's value as a spreadsheet holds it: an error value is `{error: '#REF!'}`. */
export type SheetValue = number | string | boolean | null | { error: string };

const isError = (v: SheetValue): v is { error: string } => typeof v === 'object' && v !== null;

/** TRIM(CLEAN(SUBSTITUTE(SUBSTITUTE(x,"　"," ")," "," "))): TRIM also folds inner runs of spaces into one. */
function sheetTrim(s: string): string {
  return s
    .replace(/[\u3000\u00a0]/g, ' ')
    .replace(/[\u0000-\u001f]/g, '')
    .replace(/ +/g, ' ')
    .replace(/^ | $/g, '');
}

/** VALUE(SUBSTITUTE(ASC(t),",","")&"e0"): ASC makes full-width characters half-width; only a plain decimal survives the "e0". */
function sheetTextNumber(t: string): number | undefined {
  const s = t.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/,/g, '');
  return /^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : undefined;
}

/** ISNUMBER(MATCH(t,{…},0)): the comparison ignores case. */
const isPlaceholder = (t: string): boolean => PLACEHOLDERS.has(t.toLowerCase());

function badNumber(v: number, kind: InputKind): boolean {
  return kind === 'count' ? v !== Math.floor(Math.abs(v)) || v > MAX_VALUE : v < 0 || v > MAX_VALUE;
}

function inputMark(v: SheetValue, kind: InputKind, severity: MarkSeverity): boolean {
  if (v === null) return false;
  if (severity === 'error') {
    if (isError(v) || typeof v === 'boolean') return true;
    if (typeof v === 'number') return badNumber(v, kind);
    const t = sheetTrim(v);
    const n = sheetTextNumber(t);
    return n !== undefined ? badNumber(n, kind) : t !== '' && !isPlaceholder(t);
  }
  if (typeof v !== 'string') return false;
  const t = sheetTrim(v);
  return isPlaceholder(t) || sheetTextNumber(t) !== undefined;
}

/** Whether a mark's formula is true at a cell of its area. */
export function markHolds(mark: PlannedMark, valueAt: (row: number, col: number) => SheetValue, row: number, col: number): boolean {
  const test = mark.test;
  switch (test.type) {
    case 'input':
      return inputMark(valueAt(row, col), test.kind, mark.severity);
    case 'check': {
      const v = valueAt(row, col);
      return mark.severity === 'error' ? isError(v) || typeof v === 'number' : typeof v === 'string' && v.toLowerCase() === test.text.toLowerCase();
    }
    case 'total':
      return typeof valueAt(row + test.dRow, col + test.dCol) === 'number';
  }
}

/**
 * What the template's conditional formats show: each marked cell ("row,col") and the severity of
 * the first mark that holds there, as a spreadsheet lets the highest-priority format win.
 */
export function markedCells(marks: readonly PlannedMark[], valueAt: (row: number, col: number) => SheetValue): Map<string, MarkSeverity> {
  const out = new Map<string, MarkSeverity>();
  for (const mark of marks) {
    const { row, col, rows, cols } = mark.area;
    for (let r = row; r < row + rows; r++) {
      for (let c = col; c < col + cols; c++) {
        const key = `${r},${c}`;
        if (!out.has(key) && markHolds(mark, valueAt, r, c)) out.set(key, mark.severity);
      }
    }
  }
  return out;
}
