/**
 * What only shows across reports: a body that sent more than one file, and a year that differs
 * from the others. Both go into the 备注 column; the reports stay in the rows and in the sum,
 * because the reviewer, not the tool, decides which inputs count.
 */
import { ReportSummary } from './summary';

const EXAMPLES = 3;

/** A body's name as compared: spaces and bracket widths do not make another body. */
export function bodyKey(org: string): string {
  return org.replace(/[\s\u3000\u00a0]+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

const fileOf = (s: ReportSummary): string => (s.sheet ? `${s.file}（工作表“${s.sheet}”）` : s.file);

/** The year most reports are for; on a tie the later one. null when no report names a year. */
export function commonYear(summaries: readonly ReportSummary[]): number | null {
  const counts = new Map<number, number>();
  for (const s of summaries) if (s.verdict !== 'unreadable' && s.year !== null) counts.set(s.year, (counts.get(s.year) ?? 0) + 1);
  let best: number | null = null;
  for (const [year, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && year > best)) best = year;
  return best;
}

export interface Flags {
  /** Bodies named in more than one report. */
  duplicateBodies: number;
  /** Reports whose year differs from the common one. */
  otherYears: number;
  year: number | null;
}

/** Adds the duplicate-body and other-year notes to the summaries, in place. */
export function flagAcrossReports(summaries: readonly ReportSummary[]): Flags {
  const byBody = new Map<string, ReportSummary[]>();
  for (const s of summaries) {
    const key = bodyKey(s.org);
    if (s.verdict === 'unreadable' || key === '') continue;
    if (!byBody.has(key)) byBody.set(key, []);
    byBody.get(key)!.push(s);
  }
  let duplicateBodies = 0;
  for (const group of byBody.values()) {
    if (group.length < 2) continue;
    duplicateBodies++;
    for (const s of group) {
      const others = group.filter((o) => o !== s);
      const named = others.slice(0, EXAMPLES).map(fileOf).join('、');
      s.notes.push(`同一机关另有 ${others.length} 份年报：${named}${others.length > EXAMPLES ? ' 等' : ''}`);
    }
  }
  const year = commonYear(summaries);
  let otherYears = 0;
  for (const s of summaries) {
    if (s.verdict === 'unreadable' || s.year === null || year === null || s.year === year) continue;
    otherYears++;
    s.notes.push(`年度为${s.year}年，与其他年报（${year}年）不同`);
  }
  return { duplicateBodies, otherYears, year };
}
