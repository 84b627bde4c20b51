/**
 * Last year's report from a file, in the pane, read as any report file is (report-file.ts). The
 * pane takes any reader of this shape (PaneOptions.readPriorFile), so another source can be
 * plugged in without touching it.
 */
import { Report } from '../core/report';
import { REPORT_EXTENSIONS, readReportFile, reportOfYear } from './report-file';

export type PriorFile =
  | {
      ok: true;
      report: Report;
      /** The workbook sheet read, for .xlsx. */
      sheet?: string;
      /** Findings from reading the file (an older format, a row not found…): how many, for the status line. */
      problems: number;
    }
  | { ok: false; error: string };

/** Reads a file chosen as last year's report; `year` is this year's, to pick last year's sheet in a workbook holding several. */
export type PriorFileReader = (bytes: Uint8Array, fileName: string, year: number | null) => Promise<PriorFile>;

/** What the file chooser offers. */
export const PRIOR_EXTENSIONS: readonly string[] = REPORT_EXTENSIONS;

export const readPriorFile: PriorFileReader = async (bytes, fileName, year) => {
  const result = await readReportFile(bytes, fileName);
  if (!result.ok) return { ok: false, error: result.error };
  const pick = reportOfYear(result.reports, year === null ? null : year - 1);
  return {
    ok: true,
    report: pick.report,
    ...(pick.sheet ? { sheet: pick.sheet } : {}),
    problems: pick.findings.filter((f) => f.severity === 'error').length,
  };
};
