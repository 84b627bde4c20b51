/**
 * What only shows across reports: a body that sent more than one file, and a year that differs
 * from the others. Both go into the 备注 column; the reports stay in the rows and in the sum,
 * because the reviewer, not the tool, decides which inputs count.
 */
import { bodyKey, bodyTails } from '../core/body';
import { ReportSummary } from './summary';

const EXAMPLES = 3;

export { bodyKey };

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
  // A name with higher-level places in front is the same body (淮安市洪泽区人民政府 and 洪泽区人民政府); names are compared directly, never by chains.
  const longer = new Map<string, string[]>();
  for (const key of byBody.keys()) for (const tail of bodyTails(key).slice(1)) if (byBody.has(tail)) longer.set(tail, [...(longer.get(tail) ?? []), key]);
  const related = (key: string): string[] => [key, ...bodyTails(key).slice(1).filter((t) => byBody.has(t)), ...(longer.get(key) ?? [])];
  const component = new Map<string, string>();
  const root = (key: string): string => {
    let k = key;
    while (component.has(k) && component.get(k) !== k) k = component.get(k)!;
    return k;
  };
  for (const key of byBody.keys()) for (const other of related(key)) component.set(root(other), root(key));
  const duplicates = new Set<string>();
  for (const [key, group] of byBody) {
    const all = related(key).flatMap((k) => byBody.get(k)!);
    if (all.length < 2) continue;
    duplicates.add(root(key));
    for (const s of group) {
      const others = all.filter((o) => o !== s);
      const named = others.slice(0, EXAMPLES).map(fileOf).join('、');
      s.notes.push(`同一机关另有 ${others.length} 份年报：${named}${others.length > EXAMPLES ? ' 等' : ''}`);
    }
  }
  const duplicateBodies = duplicates.size;
  const year = commonYear(summaries);
  let otherYears = 0;
  for (const s of summaries) {
    if (s.verdict === 'unreadable' || s.year === null || year === null || s.year === year) continue;
    otherYears++;
    s.notes.push(`年度为${s.year}年，与其他年报（${year}年）不同`);
  }
  return { duplicateBodies, otherYears, year };
}
