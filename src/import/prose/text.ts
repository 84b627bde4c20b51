/** Small readers shared by the prose checks: numbers as printed, sentences, quotes. */
export const compact = (s: string): string => s.replace(/[\s\u3000\u00a0]+/g, '');

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "36", "３６", "三十六", "两" as a number; NaN if it is none. */
export function parseCount(s: string): number {
  const half = s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(half)) return Number(half);
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in DIGITS) digit = DIGITS[ch];
    else if (ch in UNITS) {
      total += (digit < 0 ? 1 : digit) * UNITS[ch];
      digit = -1;
    } else return NaN;
  }
  return total + (digit < 0 ? 0 : digit);
}

/** A count as printed, captured. */
export const N = '([0-9０-９]+|[零〇一二两三四五六七八九十百千]+)';
export const PIECES = '(?:件|个|条|份|宗|起|次)';

const MAX_QUOTE = 80;
/** Sentences of some paragraphs: cut after 。；！？ and at line ends. */
export const sentencesOf = (paragraphs: readonly string[]): string[] =>
  paragraphs.flatMap((p) => p.split(/(?<=[。；;！!？?])|\n/)).map((s) => s.trim()).filter((s) => s !== '');
export const quoteOf = (sentence: string): string => (sentence.length > MAX_QUOTE ? `${sentence.slice(0, MAX_QUOTE - 1)}…` : sentence);
