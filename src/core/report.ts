/**
 * A report as data: the interchange format `nianbao/report@1`.
 *
 *   {"format":"nianbao/report@1","org":"…","year":2024,"cells":{"T3.R1.C7":12,…}}
 *
 * A cell value is a number, a string exactly as typed ("１２", "/", "22（其中修订16件）"), or null
 * for blank; a cell left out is blank too. An optional "unreadable": ["T3"] names tables whose
 * cells are unknown (the source could not be read), which the rules then skip. Optional
 * "unknown": ["T3.R21.C1", …] does the same for single cells, and "sums" keeps what the source
 * does say about them: a total of several unknown cells (the 2019 format's single （六）其他处理
 * row is the sum of the current format's three), which the rules use where those cells are added
 * up together. Files without these fields read exactly as before. Validating a file is
 * report-schema.ts, kept apart so that the pane's first screen does not load zod.
 */
import type { CellId, TableId } from './tables';

export const REPORT_FORMAT = 'nianbao/report@1';

export type CellValue = number | string | null;

export interface Report {
  format: typeof REPORT_FORMAT;
  org: string;
  year: number | null;
  cells: Partial<Record<CellId, CellValue>>;
  /**
   * Tables that could not be read from the source (a converted Word file whose 表三 lost a row,
   * say): their cells are unknown, not blank, and the rules skip them.
   */
  unreadable?: TableId[];
  /**
   * Cells the source does not give (the 2019 format has one （六）其他处理 row where ours has
   * three): unknown, not blank, never 0. Their value in `cells`, if any, is ignored.
   */
  unknown?: CellId[];
  /** Totals of unknown cells that the source does give; an equation adding up all of a sum's cells uses it. */
  sums?: KnownSum[];
}

/** What the source says about several cells it does not give one by one: their total. */
export interface KnownSum {
  cells: CellId[];
  value: CellValue;
}

/** The cells a report does not know, for writers that must leave them blank and readers that must not count them. */
export function unknownCells(report: Pick<Report, 'unknown'>): ReadonlySet<CellId> {
  return new Set(report.unknown ?? []);
}

/** Longest text a cell may hold in a report file. */
export const MAX_TEXT = 2000;

/** The report year a person most likely means: reports are compiled in the winter after the year ends. */
export function defaultReportYear(now: Date = new Date()): number {
  return now.getMonth() >= 9 ? now.getFullYear() : now.getFullYear() - 1;
}

export function emptyReport(org = '', year: number | null = null): Report {
  return { format: REPORT_FORMAT, org, year, cells: {} };
}
