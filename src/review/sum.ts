/**
 * The cell-by-cell sum of every readable report, kept as one running total: 200 numbers however
 * many reports go in. A value the engine cannot use (text, an error value, a table that could not
 * be read, a cell the report does not give) is left out and counted, so the 汇总 sheet can say which cells are short and why.
 */
import { readCell, usableValue } from '../core/read';
import { REPORT_FORMAT, Report, unknownCells } from '../core/report';
import { CellId, INPUT_CELLS, TABLE_IDS, TableId } from '../core/tables';

/** How many example files a left-out note names; the rest are counted. */
export const MAX_EXAMPLES = 3;

export interface LeftOut {
  table: TableId;
  /** The cell left out; null when the whole table could not be read. */
  cell: CellId | null;
  /** How many reports' values were left out. */
  count: number;
  /** The first few, as "file（“/”）" or the file alone for a whole table. */
  examples: string[];
}

/** Rounds away binary noise from decimal sums, as the engine does. */
const clean = (n: number): number => Math.round(n * 1e6) / 1e6;

export class RunningSum {
  /** Reports added, duplicates and other years included. */
  reports = 0;
  private readonly totals = new Float64Array(INPUT_CELLS.length);
  /** Reports that gave the cell a usable value; a cell no report filled stays blank. */
  private readonly filled = new Uint32Array(INPUT_CELLS.length);
  private readonly cellsLeftOut = new Map<number, LeftOut>();
  private readonly tablesLeftOut = new Map<TableId, LeftOut>();

  add(report: Report, unreadable: readonly TableId[], label: string): void {
    this.reports++;
    const skipped = new Set([...unreadable, ...(report.unreadable ?? [])]);
    for (const t of skipped) note(this.tablesLeftOut, t, { table: t, cell: null }, label);
    const cells = report.cells as Record<CellId, unknown>;
    const unknown = unknownCells(report);
    INPUT_CELLS.forEach((cell, i) => {
      if (skipped.has(cell.table)) return;
      // A figure the report does not give (the 2019 format's single （六） row): left out and said, never 0.
      if (unknown.has(cell.id)) return note(this.cellsLeftOut, i, { table: cell.table, cell: cell.id }, `${label}（原文未分列）`);
      const reading = readCell(cells[cell.id] as never);
      if (reading.state === 'blank') return;
      const v = usableValue(reading);
      if (v === undefined) {
        const shown = 'raw' in reading ? reading.raw : 'value' in reading ? String(reading.value) : '';
        note(this.cellsLeftOut, i, { table: cell.table, cell: cell.id }, `${label}（“${shown.length > 20 ? `${shown.slice(0, 20)}…` : shown}”）`);
        return;
      }
      this.totals[i] += v;
      this.filled[i]++;
    });
  }

  /** The sum as a report of the given body and year; a cell no report filled is left out (blank). */
  report(org: string, year: number | null): Report {
    const cells: Partial<Record<CellId, number>> = {};
    INPUT_CELLS.forEach((cell, i) => {
      if (this.filled[i] > 0) cells[cell.id] = clean(this.totals[i]);
    });
    return { format: REPORT_FORMAT, org, year, cells };
  }

  /** Whole tables first, in table order, then single cells in the tables' order. */
  leftOut(): LeftOut[] {
    const tables = TABLE_IDS.flatMap((t) => (this.tablesLeftOut.has(t) ? [this.tablesLeftOut.get(t)!] : []));
    const cells = [...this.cellsLeftOut.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
    return [...tables, ...cells];
  }
}

function note<K>(map: Map<K, LeftOut>, key: K, what: Pick<LeftOut, 'table' | 'cell'>, example: string): void {
  let entry = map.get(key);
  if (!entry) map.set(key, (entry = { ...what, count: 0, examples: [] }));
  entry.count++;
  if (entry.examples.length < MAX_EXAMPLES) entry.examples.push(example);
}
