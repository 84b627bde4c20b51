/**
 * Shared test helpers for the core suite: cell ids, a generator of consistent reports, the real
 * fixtures, and the template sheet as the grid of values a host would hand over.
 *
 * Nothing here calls engine internals; the consistent report is built from the spec's arithmetic.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Finding } from '../../src/core/findings';
import { CellValue, REPORT_FORMAT, Report } from '../../src/core/report';
import { Area, inputPosition, sheetPlan, SheetPlan } from '../../src/core/sheet';
import { GridValue } from '../../src/core/grid';
import { TABLE_IDS, TableId } from '../../src/core/tables';

import { SHARED } from '../helpers/shared';
export { SHARED };
export const SPEC_PATH = path.join(SHARED, 'spec/report-format.md');
export const readSpec = (): string => fs.readFileSync(SPEC_PATH, 'utf8');
export const fixturePath = (name: string): string => path.join(SHARED, 'fixtures/reports', name);
export const loadFixture = (name: string): Report => JSON.parse(fs.readFileSync(fixturePath(name), 'utf8')) as Report;

// ---- cell ids, written out from the spec's id scheme ---------------------------------------------

export const t2 = (r: number, c: number): string => `T2.R${r}.C${c}`;
export const t3 = (r: number, c: number): string => `T3.R${r}.C${c}`;
export const t4 = (c: number): string => `T4.R1.C${c}`;
export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** T3 columns 1–6 are the applicants (自然人 … 其他), 7 is 总计. */
export const APPLICANT_COLS = range(1, 6);
export const T3_ALL_COLS = range(1, 7);
export const TOTAL_COL = 7;
/** T3 rows: 1 received, 2 carried in, 3–23 results, 24 （七）总计, 25 carried out. */
export const RESULT_ROWS = range(3, 23);

// ---- a consistent report ---------------------------------------------------------------------------

export interface ConsistentOptions {
  org?: string;
  year?: number | null;
  /** Varies the detail figures. */
  seed?: number;
  /** T3 row 2 (上年结转) per applicant column 1–6. */
  carriedIn?: number[];
  /** T3 row 25 (结转下年度继续办理) per applicant column 1–6. */
  carriedOut?: number[];
  /** T2 rows 1–2 (规章, 行政规范性文件): [本年制发, 本年废止, 现行有效]. */
  t2Documents?: [number, number, number][];
}

/**
 * A report in which every equation of the spec holds: T3 detail rows are chosen, （七）总计 is
 * their sum, row 1 is whatever balances the column, 总计 is the sum of the six applicant columns,
 * and each T4 总计 the sum of its group. Several detail cells are 0.
 */
export function consistentReport(options: ConsistentOptions = {}): Report {
  const seed = options.seed ?? 0;
  const carriedIn = options.carriedIn ?? APPLICANT_COLS.map((c) => c);
  const carriedOut = options.carriedOut ?? APPLICANT_COLS.map((c) => c % 3);
  const cells: Record<string, CellValue> = {};

  for (const c of APPLICANT_COLS) {
    let total = 0;
    for (const r of RESULT_ROWS) {
      const v = (r * 7 + c * 3 + seed) % 5;
      cells[t3(r, c)] = v;
      total += v;
    }
    cells[t3(24, c)] = total;
    cells[t3(2, c)] = carriedIn[c - 1];
    cells[t3(25, c)] = carriedOut[c - 1];
    const received = total + carriedOut[c - 1] - carriedIn[c - 1];
    if (received < 0) throw new Error('consistentReport: carried-in too large for the detail figures');
    cells[t3(1, c)] = received;
  }
  for (const r of range(1, 25)) {
    cells[t3(r, TOTAL_COL)] = APPLICANT_COLS.reduce((s, c) => s + (cells[t3(r, c)] as number), 0);
  }

  const docs = options.t2Documents ?? [
    [2, 1, 30],
    [6, 1, 32],
  ];
  docs.forEach(([issued, repealed, inForce], i) => {
    cells[t2(i + 1, 1)] = issued;
    cells[t2(i + 1, 2)] = repealed;
    cells[t2(i + 1, 3)] = inForce;
  });
  cells[t2(3, 1)] = 10 + seed;
  cells[t2(4, 1)] = 20;
  cells[t2(5, 1)] = 3;
  cells[t2(6, 1)] = 12.5;

  const groups = [
    [1, 2, 0, 1],
    [0, 1, 1, 0],
    [2, 0, 0, 3],
  ];
  groups.forEach((outcomes, g) => {
    outcomes.forEach((v, i) => (cells[t4(g * 5 + i + 1)] = v));
    cells[t4(g * 5 + 5)] = outcomes.reduce((a, b) => a + b, 0);
  });

  return { format: REPORT_FORMAT, org: options.org ?? '某省人民政府', year: options.year === undefined ? 2024 : options.year, cells };
}

/** Last year's report matching `report` across years: its carried-out is this year's carried-in, its 现行有效 adds up. */
export function priorFor(report: Report, seed = 3): Report {
  const num = (id: string): number => report.cells[id] as number;
  const carriedOut = APPLICANT_COLS.map((c) => num(t3(2, c)));
  const t2Documents = [1, 2].map((r): [number, number, number] => [1, 0, num(t2(r, 3)) - num(t2(r, 1)) + num(t2(r, 2))]);
  return consistentReport({ org: report.org, year: report.year === null ? null : report.year - 1, seed, carriedOut, t2Documents });
}

/** A copy of `report` with some cells replaced (undefined removes the cell). */
export function withCells(report: Report, changes: Record<string, CellValue | undefined>): Report {
  const cells = { ...report.cells };
  for (const [id, v] of Object.entries(changes)) {
    if (v === undefined) delete cells[id];
    else cells[id] = v;
  }
  return { ...report, cells };
}

/** Adds `delta` to numeric cells. */
export function bump(report: Report, deltas: Record<string, number>): Report {
  const changes: Record<string, number> = {};
  for (const [id, d] of Object.entries(deltas)) changes[id] = (report.cells[id] as number) + d;
  return withCells(report, changes);
}

/** The first T3 applicant cell whose value is 0 in the report (a cell that can be blanked without changing a sum). */
export function zeroT3Cell(report: Report): string {
  for (const r of RESULT_ROWS) for (const c of APPLICANT_COLS) if (report.cells[t3(r, c)] === 0) return t3(r, c);
  throw new Error('no zero cell');
}

// ---- findings ----------------------------------------------------------------------------------------

/** Findings in a canonical order, for comparisons that should not depend on the engine's ordering. */
export function canonical(findings: readonly Finding[]): Finding[] {
  const key = (f: Finding) => JSON.stringify([f.rule, f.table, f.anchor, f.cells, f.priorCells, f.raw, f.value]);
  return [...findings].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

// ---- the template sheet as a host's grid -------------------------------------------------------------

/** The whole template sheet as a host would read it: the plan's labels, and the report's values in the input cells. */
export function sheetValues(report: Report, plan: SheetPlan = sheetPlan(report.org, report.year)): GridValue[][] {
  const rows = Math.max(...plan.cells.map((c) => c.row)) + 1;
  const cols = Math.max(...plan.cells.map((c) => c.col)) + 1;
  const grid: GridValue[][] = Array.from({ length: rows }, () => Array<GridValue>(cols).fill(null));
  for (const cell of plan.cells) if (cell.input === undefined && cell.value !== undefined) grid[cell.row][cell.col] = cell.value;
  for (const [id, v] of Object.entries(report.cells)) {
    const pos = inputPosition(plan, id);
    grid[pos.row][pos.col] = v ?? null;
  }
  return grid;
}

/** The rectangle of a sheet a named table range covers. */
export const cut = (sheet: GridValue[][], area: Area): GridValue[][] =>
  sheet.slice(area.row, area.row + area.rows).map((row) => row.slice(area.col, area.col + area.cols));

/** The three table grids of a report, as the named ranges NB_T2/NB_T3/NB_T4 of the template hold them. */
export function tableGrids(report: Report): Record<TableId, GridValue[][]> {
  const plan = sheetPlan(report.org, report.year);
  const sheet = sheetValues(report, plan);
  return Object.fromEntries(TABLE_IDS.map((t) => [t, cut(sheet, plan.tables[t])])) as Record<TableId, GridValue[][]>;
}

/** Contains at least one CJK ideograph. */
export const CHINESE = /[\u4e00-\u9fff]/;
