/**
 * One report as the review workbook's first sheet shows it: who, which year, the verdict, how many
 * errors and warnings, and the few figures a reviewer looks at first. A summary is small and
 * keeps nothing of the report's cells, so a province's ten thousand reports fit in memory.
 */
import { Finding, countBySeverity } from '../core/findings';
import { readCell, usableValue } from '../core/read';
import { Report } from '../core/report';
import { CellId, T3_COLUMNS, T3_ROW, TableId, cellId, inputCell } from '../core/tables';

export type Verdict = 'errors' | 'unreadable' | 'pass';

export const VERDICT_NAME: Readonly<Record<Verdict, string>> = { errors: '有错误', unreadable: '无法读取', pass: '通过' };

/** Errors first, then files that could not be read, then the reports that passed. */
const VERDICT_RANK: Readonly<Record<Verdict, number>> = { errors: 0, unreadable: 1, pass: 2 };

const T3_TOTAL = T3_COLUMNS.length;
const t3Total = (row: number): CellId => cellId('T3', row, T3_TOTAL);

/** The figures of the first sheet: each is the sum of its cells (all 总计 cells of the official tables). */
export const FIGURES = [
  { key: 'received', name: '本年新收', cells: [t3Total(T3_ROW.received)] },
  { key: 'carriedIn', name: '上年结转', cells: [t3Total(T3_ROW.carriedIn)] },
  { key: 'done', name: '办结', cells: [t3Total(T3_ROW.total)] },
  { key: 'carriedOut', name: '结转下年度', cells: [t3Total(T3_ROW.carriedOut)] },
  { key: 'review', name: '行政复议', cells: [cellId('T4', 1, 5)] },
  { key: 'litigation', name: '行政诉讼', cells: [cellId('T4', 1, 10), cellId('T4', 1, 15)] },
] as const;

export type FigureKey = (typeof FIGURES)[number]['key'];

export interface ReportSummary {
  /** Position in the order the inputs were given, for a stable sort. */
  order: number;
  file: string;
  /** The worksheet, when the file holds more than one report. */
  sheet?: string;
  org: string;
  year: number | null;
  verdict: Verdict;
  errors: number;
  warnings: number;
  /** null where the figure could not be read. */
  figures: Record<FigureKey, number | null>;
  /** The 备注 column: why a file could not be read, duplicate bodies, odd years, missing prior. */
  notes: string[];
  /** The first row (1-based) of this report's findings on 问题清单, when it has any. */
  findingsRow?: number;
}

const NO_FIGURES = Object.fromEntries(FIGURES.map((f) => [f.key, null])) as Record<FigureKey, number | null>;

/** A figure's value: the sum of its cells as the engine reads them; null when one is not a usable number, or all are blank. */
function figure(report: Report, unreadable: readonly TableId[], cells: readonly CellId[]): number | null {
  let sum = 0;
  let filled = false;
  for (const id of cells) {
    if (unreadable.includes(inputCell(id).table)) return null;
    const reading = readCell(report.cells[id]);
    if (reading.state === 'blank') continue;
    const v = usableValue(reading);
    if (v === undefined) return null;
    sum += v;
    filled = true;
  }
  return filled ? sum : null;
}

export function summarise(order: number, file: string, sheet: string | undefined, report: Report, unreadable: readonly TableId[], findings: readonly Finding[]): ReportSummary {
  const { errors, warnings } = countBySeverity(findings);
  const figures = { ...NO_FIGURES };
  for (const f of FIGURES) figures[f.key] = figure(report, [...unreadable, ...(report.unreadable ?? [])], f.cells);
  return { order, file, ...(sheet ? { sheet } : {}), org: report.org, year: report.year, verdict: errors > 0 ? 'errors' : 'pass', errors, warnings, figures, notes: [] };
}

/** A file that gave no report at all: a row with its Chinese reason. */
export function unreadableSummary(order: number, file: string, reason: string): ReportSummary {
  return { order, file, org: '', year: null, verdict: 'unreadable', errors: 0, warnings: 0, figures: { ...NO_FIGURES }, notes: [`无法读取：${reason}`] };
}

/** The first sheet's order: errors first, then unreadable files, then passes; the inputs' order within each. */
export function sortSummaries(summaries: readonly ReportSummary[]): ReportSummary[] {
  return [...summaries].sort((a, b) => VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || a.order - b.order);
}
