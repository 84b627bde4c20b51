/**
 * Reading a table as the grid of values a host hands over (a custom function's range parameter,
 * a named range read from a workbook): the inputs by position, after checking the grid still has
 * the official shape and labels.
 */
import { Finding } from './findings';
import { CellValue, MAX_TEXT, REPORT_FORMAT, Report } from './report';
import { a1 } from './sheet';
import { CellId, TABLE_IDS, TABLES, TableId } from './tables';

export type GridValue = string | number | boolean | null | undefined;

export interface TableRead {
  /** Input values by cell id; empty when the grid could not be placed. */
  cells: Partial<Record<CellId, CellValue>>;
  findings: Finding[];
  /** False when the shape is wrong: the table's cells are unknown, not blank. */
  readable: boolean;
}

/** Folds the variation real labels show: spaces, line breaks, half-width brackets and quotes. */
export function normalizeLabel(text: string): string {
  return text
    .replace(/[\s\u3000\u00a0]+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/[“”"]/g, '"')
    .replace(/[:]/g, '：')
    .replace(/[,]/g, '，');
}

/** A host value as a report cell value: empty strings are blank; booleans become text so the cell rules see them. */
export function toCellValue(v: GridValue): CellValue {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.length > MAX_TEXT) return `${v.slice(0, MAX_TEXT - 1)}…`;
  return v;
}

export function readTableGrid(table: TableId, grid: readonly (readonly GridValue[])[] | null | undefined): TableRead {
  const layout = TABLES[table];
  const rows = grid?.length ?? 0;
  let cols = 0;
  // A whole-column range can hold a million rows: no spread, and no need to look past a wrong height.
  if (rows === layout.rows) for (const r of grid!) cols = Math.max(cols, r.length);
  else if (rows > 0) cols = grid![0].length;
  if (!grid || rows !== layout.rows || cols !== layout.cols) {
    return {
      cells: {},
      readable: false,
      findings: [
        {
          rule: 'layout.shape',
          severity: 'error',
          table,
          cells: [],
          params: { expectedRows: layout.rows, expectedCols: layout.cols, rows, cols },
        },
      ],
    };
  }
  const findings: Finding[] = [];
  for (const label of layout.labels) {
    const found = grid[label.r][label.c];
    const text = found === null || found === undefined ? '' : String(found);
    if (normalizeLabel(text) !== normalizeLabel(label.text)) {
      findings.push({
        rule: 'layout.label',
        severity: 'warning',
        table,
        cells: [],
        raw: text,
        params: { row: label.r + 1, col: label.c + 1, expected: label.text },
      });
    }
  }
  const cells: Partial<Record<CellId, CellValue>> = {};
  for (const input of layout.inputs) cells[input.id] = toCellValue(grid[input.r][input.c]);
  return { cells, findings, readable: true };
}

export interface GridReport {
  report: Report;
  findings: Finding[];
  /** Tables whose grid could not be placed; the engine treats their cells as absent. */
  unreadable: TableId[];
}

/** Builds a report from the three table grids (and the org and year), as a template sheet holds them. */
export function reportFromGrids(
  grids: Partial<Record<TableId, readonly (readonly GridValue[])[] | null>>,
  org: GridValue = '',
  year: GridValue = null,
): GridReport {
  const report: Report = { format: REPORT_FORMAT, org: org === null || org === undefined ? '' : String(org).trim(), year: parseYear(year), cells: {} };
  const findings: Finding[] = [];
  const unreadable: TableId[] = [];
  for (const t of TABLE_IDS) {
    const read = readTableGrid(t, grids[t]);
    Object.assign(report.cells, read.cells);
    findings.push(...read.findings);
    if (!read.readable) unreadable.push(t);
  }
  return { report, findings, unreadable };
}

export function parseYear(v: GridValue): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(String(v).replace(/[年度\s]/g, '').replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
  return Number.isInteger(n) && n >= 1990 && n <= 2100 ? n : null;
}

/** A table's grid as found on a sheet, with its top-left cell (0-based). */
export interface PlacedTable {
  grid: readonly (readonly GridValue[])[];
  row: number;
  col: number;
}

export interface PlacedRead extends GridReport {
  /** Where each input cell was read from, as a user finds it: D24. */
  addresses: Partial<Record<CellId, string>>;
}

/** One template sheet read into a report: what every sheet reader returns. */
export interface SheetReport extends PlacedRead {
  sheet: string;
}

/**
 * The one way every sheet reader (the command line's, the pane's, the browser's) turns found
 * tables into a report: a table not found is layout.missing (with the reader's own words of where
 * it looked), never a 0×0 table; the others are read and their inputs' addresses noted.
 */
export function readPlacedTables(placed: Partial<Record<TableId, PlacedTable>>, org: GridValue, year: GridValue, missingDetail: (t: TableId) => string): PlacedRead {
  const grids: Partial<Record<TableId, readonly (readonly GridValue[])[]>> = {};
  const addresses: Partial<Record<CellId, string>> = {};
  const missing: Finding[] = [];
  for (const t of TABLE_IDS) {
    const p = placed[t];
    if (!p) {
      missing.push({ rule: 'layout.missing', severity: 'error', table: t, cells: [], params: { detail: missingDetail(t) } });
      continue;
    }
    grids[t] = p.grid;
    for (const input of TABLES[t].inputs) addresses[input.id] = a1(p.row + input.r, p.col + input.c);
  }
  const read = reportFromGrids(grids, org, year);
  const findings = [...missing, ...read.findings.filter((f) => !(f.rule === 'layout.shape' && !grids[f.table as TableId]))];
  return { report: read.report, findings, unreadable: read.unreadable, addresses };
}
