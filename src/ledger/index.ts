/**
 * The register of applications (依申请公开登记台账), host-free: a worksheet's values in, 表三,
 * the deadlines and the register's findings out. Runs under Node, in the pane and in a worker.
 *
 *   analyseLedger(grid, { year }) → { year, cells, findings, stats, header }
 */
import { CHINA_CALENDAR, WorkCalendar } from './calendar';
import { LedgerAnalysis, LedgerGrid } from './columns';
import { compileT3, emptyT3 } from './compile';
import { checkDeadlines } from './deadlines';
import { findHeader, readLedger } from './read';

export * from './columns';
export { CALENDAR_SOURCE, CHINA_CALENDAR, WorkCalendar } from './calendar';
export { chineseDay, dayOf, excelSerial, isoDay, readDate } from './dates';
export { compileT3, emptyT3 } from './compile';
export { ANSWER_DAYS, EXTENSION_DAYS, checkDeadlines } from './deadlines';
export { findHeader, readLedger, columnLetter, HEADER_SEARCH_ROWS } from './read';
export type { LedgerHeader, ReadLedger } from './read';
export { LEDGER_RULES, LEDGER_RULE_IDS } from './rules';
export { ledgerMismatches } from './mismatch';
export { applicantColumn, readResult, readYesNo, headerKey } from './values';

export interface AnalyseOptions {
  /** The report year. */
  year: number;
  /** The working-day calendar; China's official one unless a test gives another. */
  calendar?: WorkCalendar;
}

/** Whether a grid looks like a register: its header can be found. */
export const isLedgerGrid = (grid: LedgerGrid): boolean => findHeader(grid) !== null;

/** 表三 of `year`, every deadline and every finding of the register, from a worksheet's values. Pure. */
export function analyseLedger(grid: LedgerGrid, options: AnalyseOptions): LedgerAnalysis {
  const { year } = options;
  const read = readLedger(grid, year);
  const header = read.header ? { row: read.header.row, lastRow: read.header.lastRow, columns: read.header.columns } : null;
  const usable = read.header !== null && !read.findings.some((f) => f.rule === 'ledger.missingColumn');
  if (!usable) {
    return { year, cells: emptyT3(), findings: read.findings, header, stats: { complete: false, answered: 0, onTime: 0, timed: 0, averageWorkingDays: null } };
  }
  const cells = compileT3(read.entries, year);
  const deadlines = checkDeadlines(read.entries, year, options.calendar ?? CHINA_CALENDAR);
  const findings = [...read.findings, ...deadlines.findings].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const complete = !findings.some((f) => f.severity === 'error' || f.rule === 'ledger.calendar' || TIMING_GAPS.has(f.rule));
  return { year, cells, findings, header, stats: { complete, ...deadlines.stats } };
}

/** Findings that leave a row's deadline unchecked: with any of them the year's 按期答复 is not known. */
const TIMING_GAPS = new Set(['ledger.yesNo', 'ledger.correctionDate', 'ledger.correctionBeforeReceipt', 'ledger.consultDates', 'ledger.consultOrder', 'ledger.deadlineDate']);
