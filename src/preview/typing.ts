/**
 * What a spreadsheet stores when someone types into a cell: the preview grid holds text as
 * typed, and this turns it into the value Excel would keep, so the preview reads, checks and
 * shows exactly what the same keystrokes would give in Excel.
 *
 * Excel turns "12", "-3.5", "1e3" and "1,234" into numbers; everything else stays text exactly
 * as typed ("１２", " 12", "/", "22（其中修订16件）"), and a leading apostrophe forces text.
 * Text is what the engine's cell rules are about, so it must not be cleaned up here.
 */
import type { CellValue } from '../core/report';
import { formatNumber } from '../core/render';

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export function typedValue(text: string): CellValue {
  if (text === '') return null;
  if (text.startsWith("'")) return text.length > 1 ? text.slice(1) : null;
  const s = GROUPED.test(text) ? text.replace(/,/g, '') : text;
  if (PLAIN.test(s)) {
    const n = Number(s);
    if (Number.isFinite(n)) return n === 0 ? 0 : n; // no -0: Excel has none
  }
  return text;
}

/** The text a cell shows for a value written by the pane (a quick fix writes numbers). */
export const shownText = (value: CellValue): string => (value === null ? '' : typeof value === 'number' ? formatNumber(value) : value);
