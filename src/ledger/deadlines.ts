/**
 * Answer deadlines under the 条例 (2019):
 *   第三十三条 — 20 working days from receipt (counted from the next day), 20 more when extended;
 *     time spent consulting third parties and other bodies is not counted;
 *   第三十条 — when a correction (补正) was needed, the period runs from receipt of the corrected application;
 *   第三十二条 — the consultation itself.
 * Working days are those of China's official calendar (calendar.ts); a span the calendar does not
 * know is reported, never guessed.
 */
import { Day, LedgerEntry, LedgerFinding, LedgerStats, RESULT_CATEGORIES } from './columns';
import { WorkCalendar } from './calendar';
import { chineseDay, yearEnd, yearStart } from './dates';
import { finding } from './read';

export const ANSWER_DAYS = 20;
export const EXTENSION_DAYS = 20;

/** Ended by the applicant's default (逾期不补正, 逾期未缴费): no answer period to keep. */
const NO_DEADLINE_ROWS = new Set(RESULT_CATEGORIES.filter((c) => c.name.startsWith('申请人')).map((c) => c.row));

export interface Timing {
  /** The day after which working days count: receipt, or receipt of the correction. */
  start: Day;
  limit: number;
  /** Working days counted in (start, until], consultation days left out. */
  taken: number;
}

export class DeadlineClock {
  constructor(private readonly calendar: WorkCalendar) {}

  /** Working days in (start, until] that count toward the deadline; null when the calendar does not know a day in it. */
  counted(e: LedgerEntry, start: Day, until: Day): number | null {
    const all = this.calendar.workdaysAfter(start, until);
    if (all === null) return null;
    if (!e.consulted || e.consultStart === null || e.consultEnd === null) return all;
    // The consultation days, both ends included, within (start, until].
    const a = Math.max(start, e.consultStart - 1);
    const b = Math.min(until, e.consultEnd);
    const paused = b > a ? this.calendar.workdaysAfter(a, b) : 0;
    return paused === null ? null : all - paused;
  }

  /** The last day to answer: the day the counted working days reach the limit (walked; used only for messages). */
  deadline(e: LedgerEntry, start: Day, limit: number): Day | null {
    let count = 0;
    for (let d = start + 1; d <= start + 400; d++) {
      const work = this.calendar.isWorkday(d);
      if (work === null) return null;
      const paused = e.consulted && e.consultStart !== null && e.consultEnd !== null && d >= e.consultStart && d <= e.consultEnd;
      if (work && !paused) count++;
      if (count === limit) return d;
    }
    return null;
  }
}

export const startOf = (e: LedgerEntry): Day => (e.corrected && e.correctionReceived !== null ? e.correctionReceived : e.received!);
export const limitOf = (e: LedgerEntry): number => ANSWER_DAYS + (e.extended ? EXTENSION_DAYS : 0);

function basis(e: LedgerEntry): string {
  const from = e.corrected && e.correctionReceived !== null ? `${chineseDay(e.correctionReceived)}收到补正` : `${chineseDay(e.received!)}收到申请`;
  return `${from}，自次日起算`;
}

function note(e: LedgerEntry, clock: DeadlineClock, start: Day, until: Day): string {
  const parts: string[] = [];
  if (e.extended) parts.push('含延期20个工作日');
  if (e.consulted && e.consultStart !== null && e.consultEnd !== null) {
    const all = clock.counted({ ...e, consulted: false }, start, until);
    const kept = clock.counted(e, start, until);
    if (all !== null && kept !== null && all > kept) parts.push(`已扣除征求意见${all - kept}个工作日`);
  }
  if (!e.extended) parts.push('未登记延期');
  return parts.length ? `（${parts.join('，')}）` : '';
}

export interface DeadlineResult {
  findings: LedgerFinding[];
  stats: Omit<LedgerStats, 'complete'>;
  /** Rows of the year whose deadline could not be checked because the calendar does not know a day. */
  unknownCalendar: Map<number, number>;
}

/**
 * Checks every application of `year` against its deadline: answered in the year (ledger.late) or
 * still open at its end (ledger.openLate). Entries marked untimed have their reason reported already.
 */
export function checkDeadlines(entries: readonly LedgerEntry[], year: number, calendar: WorkCalendar): DeadlineResult {
  const clock = new DeadlineClock(calendar);
  const from = yearStart(year);
  const to = yearEnd(year);
  const findings: LedgerFinding[] = [];
  const unknownCalendar = new Map<number, number>();
  let answered = 0;
  let timed = 0;
  let onTime = 0;
  let totalTaken = 0;

  for (const e of entries) {
    if (e.received === null || e.received > to) continue;
    if (e.answered !== null && e.answered < from) continue;
    const answeredInYear = e.answered !== null && e.answered <= to;
    if (answeredInYear) answered++;
    if (e.untimed || (answeredInYear && NO_DEADLINE_ROWS.has(e.resultRow!))) continue;
    const start = startOf(e);
    const limit = limitOf(e);
    const until = answeredInYear ? e.answered! : to;
    const taken = clock.counted(e, start, until);
    if (taken === null) {
      const unknown = calendar.unknownYearIn(start, until)!;
      unknownCalendar.set(unknown, (unknownCalendar.get(unknown) ?? 0) + 1);
      continue;
    }
    if (answeredInYear) {
      timed++;
      totalTaken += taken;
      if (taken <= limit) onTime++;
      else {
        const deadline = clock.deadline(e, start, limit)!;
        findings.push(finding('ledger.late', e.row, 'answered', { basis: basis(e), limit, deadline: chineseDay(deadline), answered: chineseDay(e.answered!), taken, note: note(e, clock, start, until) }));
      }
    } else if (taken >= limit) {
      const deadline = clock.deadline(e, start, limit)!;
      findings.push(finding('ledger.openLate', e.row, 'answered', { yearEnd: chineseDay(to), basis: basis(e), limit, deadline: chineseDay(deadline), note: e.extended ? '（含延期20个工作日）' : '' }));
    }
  }
  for (const [y, count] of [...unknownCalendar].sort((a, b) => a[0] - b[0])) findings.push(finding('ledger.calendar', null, null, { year: y, count }));
  const averageWorkingDays = timed === 0 ? null : Math.round((totalTaken / timed) * 10) / 10;
  return { findings, stats: { answered, timed, onTime, averageWorkingDays }, unknownCalendar };
}
