/**
 * China's working days: weekends and the public holidays of the 国务院办公厅's yearly notice
 * (关于部分节假日安排的通知), with their 调休 working weekends.
 *
 * The data comes from the `chinese-days` package (MIT), which transcribes each year's notice; its
 * 2024–2026 days are tested against the notices themselves (test/ledger/calendar.test.ts). A year
 * the package has no notice for is unknown: never guessed as Monday–Friday.
 */
import calendarData from 'chinese-days/dist/chinese-days.json';
import type { Day } from './columns';
import { dayOf, weekday, yearEnd, yearOfDay, yearStart } from './dates';

export const CALENDAR_SOURCE = '国务院办公厅每年发布的《关于部分节假日安排的通知》（数据来自 chinese-days 软件包）';

interface CalendarData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const parseIso = (iso: string): Day | null => dayOf(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));

/** A working-day calendar over the years whose notice is known, with prefix counts for O(1) spans. */
export class WorkCalendar {
  readonly years: readonly number[];
  private readonly first: Day;
  private readonly last: Day;
  /** cumulative[i] = working days in [first, first + i). */
  private readonly cumulative: Int32Array;
  private readonly known: Set<number>;

  constructor(data: CalendarData) {
    const holidays = new Set<Day>();
    const workdays = new Set<Day>();
    const perYear = new Map<number, number>();
    for (const iso of Object.keys(data.holidays)) {
      const d = parseIso(iso);
      if (d === null) continue;
      holidays.add(d);
      perYear.set(yearOfDay(d), (perYear.get(yearOfDay(d)) ?? 0) + 1);
    }
    for (const iso of Object.keys(data.workdays)) {
      const d = parseIso(iso);
      if (d !== null) workdays.add(d);
    }
    // A year is known when its notice is there: every notice gives at least the 7 days of 春节.
    this.years = [...perYear].filter(([, n]) => n >= 7).map(([y]) => y).sort((a, b) => a - b);
    this.known = new Set(this.years);
    this.first = this.years.length ? yearStart(this.years[0]) : 0;
    this.last = this.years.length ? yearEnd(this.years[this.years.length - 1]) : -1;
    const n = Math.max(0, this.last - this.first + 1);
    this.cumulative = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const d = this.first + i;
      const wd = weekday(d);
      const work = workdays.has(d) || (!holidays.has(d) && wd !== 0 && wd !== 6);
      this.cumulative[i + 1] = this.cumulative[i] + (work ? 1 : 0);
    }
  }

  knowsYear(year: number): boolean {
    return this.known.has(year);
  }

  /** Whether every day in (a, b] is known; if not, the first unknown year. */
  unknownYearIn(a: Day, b: Day): number | null {
    if (b <= a) return null;
    for (let y = yearOfDay(a + 1); y <= yearOfDay(b); y++) if (!this.known.has(y)) return y;
    return null;
  }

  isWorkday(day: Day): boolean | null {
    if (!this.known.has(yearOfDay(day))) return null;
    const i = day - this.first;
    return this.cumulative[i + 1] - this.cumulative[i] === 1;
  }

  /** Working days in (a, b]; null when a day in it has no known calendar. 0 when b ≤ a. */
  workdaysAfter(a: Day, b: Day): number | null {
    if (b <= a) return 0;
    if (this.unknownYearIn(a, b) !== null) return null;
    return this.cumulative[b - this.first + 1] - this.cumulative[a - this.first + 1];
  }
}

export const CHINA_CALENDAR = new WorkCalendar(calendarData as CalendarData);
