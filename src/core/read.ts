/**
 * Reading one cell as typed into a number it stands for — or not.
 *
 * Real reports hold "１２", " 12 ", "1,234", "/", "—", "22（其中修订16件）", "#REF!" where numbers
 * belong. Each is read here exactly once, into a Reading that says what was found; the cell rules
 * turn readings into findings, the equations use `value` where there is one.
 */

/** A value as it arrives: a number, a string exactly as typed, or null/undefined for blank. */
export type RawValue = number | string | boolean | null | undefined;

export type Reading =
  | { state: 'number'; value: number }
  | { state: 'blank'; value: 0 }
  | { state: 'placeholder'; value: 0; raw: string }
  | { state: 'normalized'; value: number; raw: string; reasons: NormalizeReason[] }
  | { state: 'text'; raw: string; leadingNumber?: number }
  | { state: 'excelError'; raw: string }
  /** A cell the input does not carry at all (a partial prior-year report). */
  | { state: 'absent' };

export type NormalizeReason = 'fullWidth' | 'separators' | 'spaces' | 'storedAsText';

/** Largest value taken as a real figure; past it the cell is an error and not added up. */
export const MAX_VALUE = 999_999_999;

/** Marks people type for "nothing here"; read as 0, with a warning. Compared trimmed and in lower case. */
export const PLACEHOLDERS: ReadonlySet<string> = new Set(['/', '／', '\\', '、', '无', '暂无', '空', 'none', 'n/a', 'na', '-', '－', '—', '–', '―', '─', '－－', '--', '——', '――', '——', '—-', '……', '...', '…', '×']);
const EXCEL_ERROR = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!)$/i;
const TRIM = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g;
const FULL_WIDTH = /[０-９．＋－，]/g;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const LEADING_DIGITS = /^[0-9０-９]+/;

function toHalfWidth(s: string): string {
  return s.replace(FULL_WIDTH, (ch) => (ch === '，' ? ',' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0))).replace(/^\u2212/, '-');
}

export function readCell(raw: RawValue): Reading {
  if (raw === null || raw === undefined) return BLANK;
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? { state: 'number', value: raw } : { state: 'text', raw: String(raw) };
  }
  if (typeof raw === 'boolean') return { state: 'text', raw: raw ? 'TRUE' : 'FALSE' };
  return readText(String(raw));
}

const BLANK: Reading = Object.freeze({ state: 'blank', value: 0 }) as Reading;

function readText(raw: string): Reading {
  const trimmed = raw.replace(TRIM, '');
  if (trimmed === '') return BLANK;
  if (PLACEHOLDERS.has(trimmed.toLowerCase())) return { state: 'placeholder', value: 0, raw };
  if (EXCEL_ERROR.test(trimmed)) return { state: 'excelError', raw: trimmed.toUpperCase() };

  const reasons: NormalizeReason[] = [];
  if (trimmed !== raw) reasons.push('spaces');
  let s = toHalfWidth(trimmed);
  if (s !== trimmed) reasons.push('fullWidth');
  if (GROUPED_NUMBER.test(s)) {
    s = s.replace(/,/g, '');
    reasons.push('separators');
  }
  if (PLAIN_NUMBER.test(s)) {
    if (reasons.length === 0) reasons.push('storedAsText');
    return { state: 'normalized', value: Number(s), raw, reasons };
  }
  const leading = LEADING_DIGITS.exec(trimmed);
  return leading ? { state: 'text', raw, leadingNumber: Number(toHalfWidth(leading[0])) } : { state: 'text', raw };
}

/** The number a reading contributes to an equation, or undefined when it cannot take part. */
export function usableValue(reading: Reading): number | undefined {
  if (!('value' in reading)) return undefined;
  return Math.abs(reading.value) > MAX_VALUE ? undefined : reading.value;
}
