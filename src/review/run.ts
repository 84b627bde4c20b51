/**
 * The review of a batch: each file is read, checked, summed into the running total and reduced
 * to its summary; its findings go to the spool. Nothing else of a report is kept, so memory does
 * not grow with the number of reports.
 */
import { check } from '../core/engine';
import { Finding, countBySeverity } from '../core/findings';
import { SEVERITY_NAME, renderFinding } from '../core/render';
import { Report } from '../core/report';
import { rule } from '../core/rules';
import { TABLES } from '../core/tables';
import { Flags, flagAcrossReports } from './flags';
import { LoadedSheet, Loader } from './load';
import { findingLocation } from './location';
import { PriorIndex } from './prior';
import { FindingRow, FindingsSpool } from './spool';
import { RunningSum } from './sum';
import { ReportSummary, summarise, unreadableSummary } from './summary';

export interface ReviewOptions {
  load: Loader;
  /** Last year's reports by body (--prior). */
  prior?: PriorIndex | null;
  /** Called after each file. */
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface ReviewResult {
  /** In the order of the inputs. */
  summaries: ReportSummary[];
  sum: RunningSum;
  /** The findings, for 问题清单; the caller disposes of it. */
  spool: FindingsSpool;
  flags: Flags;
  files: number;
  /** Reports read (a workbook may hold several). */
  reports: number;
}

/** In a workbook holding two consecutive years' templates, the earlier one is the later one's prior (as `check` does). */
function priorWithin(all: readonly LoadedSheet[], r: LoadedSheet): Report | null {
  if (r.report.year === null) return null;
  return all.find((o) => o !== r && o.report.year === r.report.year! - 1)?.report ?? null;
}

const tableName = (f: Finding): string => (f.table ? TABLES[f.table].name : '报告');

export async function reviewFiles(files: readonly string[], options: ReviewOptions): Promise<ReviewResult> {
  const summaries: ReportSummary[] = [];
  const sum = new RunningSum();
  const spool = FindingsSpool.create();
  let reports = 0;
  try {
    for (const [i, file] of files.entries()) {
      const loaded = await options.load(file);
      if (!loaded.ok) {
        summaries.push(unreadableSummary(summaries.length, file, loaded.error));
      } else {
        for (const r of loaded.reports) {
          reports++;
          const sheet = loaded.reports.length > 1 ? r.sheet : undefined;
          const fromFolder = options.prior ? options.prior.match(r.report.org, r.report.year) : null;
          const prior = fromFolder ?? priorWithin(loaded.reports, r);
          const findings = [...r.findings, ...check(r.report, { prior, unreadable: r.unreadable })];
          const summary = summarise(summaries.length, file, sheet, r.report, r.unreadable, findings);
          if (options.prior && !fromFolder) summary.notes.push('上年年报中没有该机关，未做跨年度核对');
          const label = sheet ? `${file}（工作表“${sheet}”）` : file;
          if (findings.length > 0) {
            const rows = findings.map((f): FindingRow => [label, r.report.org, tableName(f), rule(f.rule).title ?? f.rule, SEVERITY_NAME[f.severity], findingLocation(f, r), renderFinding(f)]);
            // Row 1 of 问题清单 is its header.
            summary.findingsRow = spool.add(rows, countBySeverity(findings).errors) + 2;
          }
          sum.add(r.report, r.unreadable, label);
          summaries.push(summary);
        }
      }
      options.onProgress?.(i + 1, files.length, file);
    }
  } catch (e) {
    spool.dispose();
    throw e;
  }
  const flags = flagAcrossReports(summaries);
  return { summaries, sum, spool, flags, files: files.length, reports };
}
