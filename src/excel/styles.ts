/** The looks of planned cells in Excel's terms, and Excel's unit for column widths. */
import type { Look } from '../core/looks';

export * from '../core/looks';

/** A look's font, alignment, wrapping, fill and lock on a range; number formats and borders are the caller's (they depend on the range's size). */
export function applyLookFormat(f: Excel.RangeFormat, look: Look): void {
  f.font.name = look.font.name;
  f.font.size = look.font.size;
  f.font.bold = look.font.bold === true;
  if (look.font.color) f.font.color = look.font.color;
  f.horizontalAlignment = look.horizontal;
  f.verticalAlignment = look.vertical;
  f.wrapText = look.wrap;
  if (look.fill) f.fill.color = look.fill;
  if (look.unlocked) f.protection.locked = false;
}

/** Thin black lines on the given edges of a range. */
export function thinBorders(f: Excel.RangeFormat, edges: readonly ('EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideVertical' | 'InsideHorizontal')[]): void {
  for (const edge of edges) {
    const b = f.borders.getItem(edge);
    b.style = 'Continuous';
    b.weight = 'Thin';
    b.color = '#000000';
  }
}

/** Column width in points for a width in characters (Excel's unit: 7 px per character plus 5 px padding). */
export const columnPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
