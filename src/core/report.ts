/**
 * A report as data: the interchange format `nianbao/report@1`.
 *
 *   {"format":"nianbao/report@1","org":"…","year":2024,"cells":{"T3.R1.C7":12,…}}
 *
 * A cell value is a number, a string exactly as typed ("１２", "/", "22（其中修订16件）"), or null
 * for blank; a cell left out is blank too. An optional "unreadable": ["T3"] names tables whose
 * cells are unknown (the source could not be read), which the rules then skip. Validating a
 * file is report-schema.ts, kept apart so that the pane's first screen does not load zod.
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
