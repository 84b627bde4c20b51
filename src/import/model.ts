/**
 * The intermediate model every importer produces: a document as paragraphs and tables, a table as
 * rows of cells with spans. Word (gridSpan/vMerge), HTML (rowspan/colspan) and the flattened text
 * format all become this, so one locator (locate.ts) places the official labels for all of them.
 *
 * Platform-free: no Node APIs, so the pane can run it in the browser.
 */

export interface SourceCell {
  /** The cell's text; paragraphs and line breaks inside the cell as "\n". */
  text: string;
  rowSpan?: number;
  colSpan?: number;
  /** Not a real cell: room Word leaves before a row's first cell (w:gridBefore). */
  filler?: boolean;
}

export interface SourceTable {
  rows: SourceCell[][];
}

export type Block = { kind: 'para'; text: string } | { kind: 'table'; table: SourceTable };

export interface SourceDoc {
  blocks: Block[];
  /** A title the container states apart from the body (HTML <title>). */
  title?: string;
}

/** Bounds that keep a hostile file from making the grid explode; no real report comes near them. */
export const LIMITS = {
  maxColSpan: 64,
  maxRowSpan: 500,
  maxCols: 128,
  maxRowsPerTable: 5000,
  maxBlocks: 50_000,
  maxCellText: 4000,
} as const;

/** One slot of an expanded grid: the cell covering it, and whether the cell started in an earlier row. */
export interface GridSlot {
  cell: SourceCell;
  /** Identifies the source cell, so a spanned cell is seen once per row. */
  id: number;
  /** The cell began in a row above (a vertical merge carried down). */
  continued: boolean;
}

/** A row as the locator reads it: each source cell once, left to right, spans resolved. */
export interface LocRow {
  cells: { text: string; continued: boolean }[];
}

const clampSpan = (n: number | undefined, max: number): number => (n === undefined || !Number.isFinite(n) || n < 1 ? 1 : Math.min(Math.floor(n), max));

/**
 * Expands spans into a grid the way browsers lay out tables: each cell takes the next free slot of
 * its row, a rowspan reserves slots in the rows below. Then each row lists its cells once, in order.
 */
export function expandTable(table: SourceTable): LocRow[] {
  const rows = table.rows.slice(0, LIMITS.maxRowsPerTable);
  const grid: (GridSlot | undefined)[][] = rows.map(() => []);
  let nextId = 0;
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (grid[r][c] !== undefined) c++;
      if (c >= LIMITS.maxCols) break;
      const id = nextId++;
      const colSpan = Math.min(clampSpan(cell.colSpan, LIMITS.maxColSpan), LIMITS.maxCols - c);
      const rowSpan = Math.min(clampSpan(cell.rowSpan, LIMITS.maxRowSpan), rows.length - r);
      for (let dr = 0; dr < rowSpan; dr++) {
        for (let dc = 0; dc < colSpan; dc++) {
          // A later cell never overwrites an earlier rowspan: the first claim wins, as in browsers.
          if (grid[r + dr][c + dc] === undefined) grid[r + dr][c + dc] = { cell, id, continued: dr > 0 };
        }
      }
      c += colSpan;
    }
  });
  return grid.map((slots) => {
    const cells: LocRow['cells'] = [];
    let last = -1;
    for (const slot of slots) {
      if (slot === undefined || slot.id === last) continue;
      last = slot.id;
      if (slot.cell.filler) continue;
      cells.push({ text: slot.cell.text, continued: slot.continued });
    }
    return { cells };
  });
}

/** Cell text as the importers keep it: lines trimmed, blank lines dropped, bounded in length. */
export function cellText(lines: readonly string[]): string {
  const text = lines
    .map((l) => l.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, ''))
    .filter((l) => l !== '')
    .join('\n');
  return text.length > LIMITS.maxCellText ? text.slice(0, LIMITS.maxCellText) : text;
}
