/**
 * A block pasted into the preview grid: text from the clipboard as spreadsheets put it there
 * (tab-separated cells, one line per row, a cell holding a tab, line break or quote wrapped in
 * double quotes), placed the way Excel places a paste: the block's top-left on the cell pasted
 * into, each value at the same offset to the right and below.
 */
import type { CellId } from '../core/tables';

/** The rows of a clipboard text; one trailing line break (which spreadsheets always add) ends the block. */
export function parseBlock(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const s = text.replace(/\r\n?/g, '\n');
  while (i < s.length) {
    const ch = s[i];
    if (ch === '"' && cell === '' && isQuotedCell(s, i)) {
      // A quoted cell: up to the closing quote, with "" standing for one quote.
      i++;
      while (i < s.length) {
        if (s[i] === '"' && s[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (s[i] === '"') {
          i++;
          break;
        } else cell += s[i++];
      }
      continue;
    }
    if (ch === '\t') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A quote opens a quoted cell only when a matching close is followed by a tab, a line break or the end. */
function isQuotedCell(s: string, start: number): boolean {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] !== '"') continue;
    if (s[i + 1] === '"') {
      i++;
      continue;
    }
    const next = s[i + 1];
    return next === undefined || next === '\t' || next === '\n';
  }
  return false;
}

/** Whether a paste is a block (more than one cell) rather than text typed into one cell. */
export const isBlock = (rows: readonly (readonly string[])[]): boolean => rows.length > 1 || (rows[0]?.length ?? 0) > 1;

/**
 * The input cells a block lands on, from the sheet position of the cell pasted into. Positions
 * that hold no input (labels, check cells, the space beside a table) keep what they have, as a
 * protected template keeps its labels; those values are counted so the user can be told.
 */
export function placeBlock(
  rows: readonly (readonly string[])[],
  at: { row: number; col: number },
  inputAt: (row: number, col: number) => CellId | undefined,
): { cells: Map<CellId, string>; skipped: number } {
  const cells = new Map<CellId, string>();
  let skipped = 0;
  rows.forEach((values, i) =>
    values.forEach((text, j) => {
      const id = inputAt(at.row + i, at.col + j);
      if (id === undefined) {
        if (text !== '') skipped++;
      } else cells.set(id, text);
    }),
  );
  return { cells, skipped };
}
