/**
 * The template's marks: conditional formats written once with the sheet, so a wrong cell turns
 * red in Excel with or without the add-in, in WPS and in LibreOffice, and clears when it is fixed.
 * Nothing at run time writes, reads or deletes them.
 *
 * A mark is data (what it tests, which rules it stands for) and a formula compiled from that data.
 * The formulas use only functions Excel 2007 already had, and each mirrors the engine's cell rules
 * (src/core/read.ts, rules.ts) as closely as a spreadsheet formula can; src/preview/native.ts
 * evaluates the same data in TypeScript, and the tests hold both to what LibreOffice computes.
 */
import { MAX_VALUE, PLACEHOLDERS } from './read';
import type { Area } from './sheet';
import type { InputKind } from './tables';

export type MarkSeverity = 'error' | 'warning';

export type MarkTest =
  /**
   * An input cell's own value. 'error': an error value, TRUE/FALSE, text that is no number, a
   * negative number, a fraction where a count belongs, a number past MAX_VALUE (numbers stored
   * as text included). 'warning': a placeholder ("/", "—", "无"…) or a number stored as text
   * ("１２", " 12", "1,234"). Blank cells are never marked.
   */
  | { type: 'input'; kind: InputKind }
  /** A native check cell. 'error': it shows a difference or an error value; 'warning': it shows `text` (含文本). */
  | { type: 'check'; text: string }
  /** A total checked against its parts: its check cell, `dRow`/`dCol` away, shows a difference. */
  | { type: 'total'; dRow: number; dCol: number };

/**
 * A conditional format of the template: Excel, WPS and LibreOffice evaluate it, so no runtime
 * write is needed.
 */
export interface PlannedMark {
  /** The cells the format covers: one rectangle. */
  area: Area;
  /** A formula without the leading "=", relative to the top-left cell of `area`; true means marked. */
  formula: string;
  /** 'error' is the red fill; 'warning' the lighter one. */
  severity: MarkSeverity;
  /** What the formula tests, as data: what src/preview/native.ts evaluates. */
  test: MarkTest;
  /** The engine rules the mark stands for. */
  rules: string[];
}

/** The engine rules behind an input cell's marks. */
export const INPUT_MARK_RULES: Record<InputKind, Record<MarkSeverity, string[]>> = {
  count: { error: ['cell.notNumber', 'cell.excelError', 'cell.negative', 'cell.fraction', 'cell.tooLarge'], warning: ['cell.placeholder', 'cell.normalized'] },
  amount: { error: ['cell.notNumber', 'cell.excelError', 'cell.negative', 'cell.tooLarge'], warning: ['cell.placeholder', 'cell.normalized'] },
};

const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Text as the engine trims it: ideographic and no-break spaces count as spaces, control characters go. */
const trimmed = (x: string): string => `TRIM(CLEAN(SUBSTITUTE(SUBSTITUTE(${x},"\u3000"," "),"\u00a0"," ")))`;

/**
 * The number a text stands for, or an error: full-width characters made half-width (ASC), digit
 * group commas dropped. The appended "e0" keeps VALUE from reading dates, times, percentages or
 * currency ("1/2", "12%") as numbers: only a plain decimal followed by "e0" is one.
 */
const textNumber = (x: string): string => `VALUE(SUBSTITUTE(ASC(${trimmed(x)}),",","")&"e0")`;

/**
 * MATCH, not OR(t={…}): LibreOffice does not evaluate a comparison with an inline array inside a
 * conditional format as Excel does (it does in a cell), and the marks test caught it. None of the
 * placeholders holds a wildcard (* ? ~), and MATCH ignores case as the engine does.
 */
const placeholder = (x: string): string => `ISNUMBER(MATCH(${trimmed(x)},{${[...PLACEHOLDERS].map(quote).join(',')}},0))`;

/** A value that breaks the cell rules for numbers (negative, fraction, too large). */
const badNumber = (v: string, kind: InputKind): string => (kind === 'count' ? `OR(${v}<>INT(ABS(${v})),${v}>${MAX_VALUE})` : `OR(${v}<0,${v}>${MAX_VALUE})`);

/**
 * The formula of a mark, its references made from `ref(dRow, dCol)`: the cell that far from the
 * top-left cell of the mark's area.
 */
export function markFormula(test: MarkTest, severity: MarkSeverity, ref: (dRow: number, dCol: number) => string): string {
  switch (test.type) {
    case 'input': {
      const x = ref(0, 0);
      if (severity === 'warning') return `IF(ISTEXT(${x}),OR(${placeholder(x)},ISNUMBER(${textNumber(x)})))`;
      const v = textNumber(x);
      return (
        `IF(OR(ISERROR(${x}),ISLOGICAL(${x})),TRUE,IF(ISNUMBER(${x}),${badNumber(x, test.kind)},` +
        `IF(ISTEXT(${x}),IF(ISNUMBER(${v}),${badNumber(v, test.kind)},AND(${trimmed(x)}<>"",NOT(${placeholder(x)}))))))`
      );
    }
    case 'check': {
      const x = ref(0, 0);
      return severity === 'error' ? `OR(ISERROR(${x}),ISNUMBER(${x}))` : `${x}=${quote(test.text)}`;
    }
    case 'total':
      return `ISNUMBER(${ref(test.dRow, test.dCol)})`;
  }
}

/**
 * Few rectangles covering exactly the given cells: runs along a row, grown downwards while the
 * next row holds the same run. One conditional format per rectangle keeps the count small.
 */
export function rectangles(positions: readonly { row: number; col: number }[]): Area[] {
  const key = (r: number, c: number) => `${r},${c}`;
  const left = new Set(positions.map((p) => key(p.row, p.col)));
  const sorted = [...positions].sort((a, b) => a.row - b.row || a.col - b.col);
  const out: Area[] = [];
  for (const p of sorted) {
    if (!left.has(key(p.row, p.col))) continue;
    let cols = 1;
    while (left.has(key(p.row, p.col + cols))) cols++;
    const rowFull = (r: number) => Array.from({ length: cols }, (_, i) => left.has(key(r, p.col + i))).every(Boolean);
    let rows = 1;
    while (rowFull(p.row + rows)) rows++;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) left.delete(key(p.row + r, p.col + c));
    out.push({ row: p.row, col: p.col, rows, cols });
  }
  return out;
}
