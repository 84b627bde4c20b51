/**
 * What the review needs from a file: the reports in it, or why there are none. The command line
 * passes its own loader (the same one `check` uses), so the review reads every format `check` reads.
 */
import { Finding } from '../core/findings';
import { Report } from '../core/report';
import { CellId, TableId } from '../core/tables';

export interface LoadedSheet {
  /** The worksheet, for reports read from a workbook. */
  sheet?: string;
  report: Report;
  /** Findings from reading (layout, import), before any rule runs. */
  findings: Finding[];
  unreadable: TableId[];
  addresses: Partial<Record<CellId, string>>;
}

export type LoadResult = { ok: true; reports: LoadedSheet[] } | { ok: false; error: string };

/** Never throws for a bad file: a file that cannot be read gives its Chinese reason (without the file name). */
export type Loader = (file: string) => Promise<LoadResult>;
