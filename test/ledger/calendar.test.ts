/**
 * The working-day calendar against the 国务院办公厅's notices themselves, day by day:
 *   2024 — 国办发明电〔2023〕7号《国务院办公厅关于2024年部分节假日安排的通知》
 *   2025 — 国办发明电〔2024〕12号《国务院办公厅关于2025年部分节假日安排的通知》
 *   2026 — 国办发明电〔2025〕7号《国务院办公厅关于2026年部分节假日安排的通知》
 * Each notice's days off (放假) and working weekend days (上班) are written out below from the notice text.
 */
import { CHINA_CALENDAR } from '../../src/ledger/calendar';
import { dayOf, isoDay, weekday, yearEnd, yearStart } from '../../src/ledger/dates';

const span = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = parse(from); d <= parse(to); d++) out.push(isoDay(d));
  return out;
};
const parse = (iso: string): number => dayOf(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)))!;

const NOTICES: Record<number, { notice: string; off: string[]; work: string[] }> = {
  2024: {
    notice: '国办发明电〔2023〕7号',
    // 元旦 1月1日放假，与周末连休；春节 2月10日至17日；清明 4月4日至6日；劳动节 5月1日至5日；端午 6月10日；中秋 9月15日至17日；国庆 10月1日至7日
    off: ['2024-01-01', ...span('2024-02-10', '2024-02-17'), ...span('2024-04-04', '2024-04-06'), ...span('2024-05-01', '2024-05-05'), '2024-06-10', ...span('2024-09-15', '2024-09-17'), ...span('2024-10-01', '2024-10-07')],
    // 2月4日（周日）、2月18日（周日）、4月7日（周日）、4月28日（周日）、5月11日（周六）、9月14日（周六）、9月29日（周日）、10月12日（周六）上班
    work: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  2025: {
    notice: '国办发明电〔2024〕12号',
    // 元旦 1月1日；春节 1月28日至2月4日；清明 4月4日至6日；劳动节 5月1日至5日；端午 5月31日至6月2日；国庆、中秋 10月1日至8日
    off: ['2025-01-01', ...span('2025-01-28', '2025-02-04'), ...span('2025-04-04', '2025-04-06'), ...span('2025-05-01', '2025-05-05'), ...span('2025-05-31', '2025-06-02'), ...span('2025-10-01', '2025-10-08')],
    // 1月26日（周日）、2月8日（周六）、4月27日（周日）、9月28日（周日）、10月11日（周六）上班
    work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    notice: '国办发明电〔2025〕7号',
    // 元旦 1月1日至3日；春节 2月15日至23日；清明 4月4日至6日；劳动节 5月1日至5日；端午 6月19日至21日；中秋 9月25日至27日；国庆 10月1日至7日
    off: [...span('2026-01-01', '2026-01-03'), ...span('2026-02-15', '2026-02-23'), ...span('2026-04-04', '2026-04-06'), ...span('2026-05-01', '2026-05-05'), ...span('2026-06-19', '2026-06-21'), ...span('2026-09-25', '2026-09-27'), ...span('2026-10-01', '2026-10-07')],
    // 1月4日（周日）、2月14日（周六）、2月28日（周六）、5月9日（周六）、9月20日（周日）、10月10日（周六）上班
    work: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

describe.each(Object.entries(NOTICES))('the %s calendar', (yearText, { notice, off, work }) => {
  const year = Number(yearText);
  it(`has every day as ${notice} arranges it`, () => {
    const offSet = new Set(off);
    const workSet = new Set(work);
    const wrong: string[] = [];
    for (let d = yearStart(year); d <= yearEnd(year); d++) {
      const iso = isoDay(d);
      const expected = workSet.has(iso) || (!offSet.has(iso) && weekday(d) !== 0 && weekday(d) !== 6);
      if (CHINA_CALENDAR.isWorkday(d) !== expected) wrong.push(`${iso} should be ${expected ? 'a working day' : 'a day off'}`);
    }
    expect(wrong).toEqual([]);
  });

  it('is known', () => {
    expect(CHINA_CALENDAR.knowsYear(year)).toBe(true);
  });
});

describe('a year without a notice', () => {
  it('is unknown, not Monday to Friday', () => {
    const last = CHINA_CALENDAR.years[CHINA_CALENDAR.years.length - 1];
    const next = last + 1;
    expect(CHINA_CALENDAR.knowsYear(next)).toBe(false);
    expect(CHINA_CALENDAR.isWorkday(yearStart(next) + 10)).toBeNull();
    expect(CHINA_CALENDAR.workdaysAfter(yearEnd(last) - 5, yearStart(next) + 5)).toBeNull();
    expect(CHINA_CALENDAR.unknownYearIn(yearEnd(last) - 5, yearStart(next) + 5)).toBe(next);
  });
});

describe('counting working days', () => {
  it('counts (a, b]: the day of receipt is not counted, the day of the answer is', () => {
    // Fri 2025-03-07 → Mon 2025-03-10: one working day.
    expect(CHINA_CALENDAR.workdaysAfter(parse('2025-03-07'), parse('2025-03-10'))).toBe(1);
    expect(CHINA_CALENDAR.workdaysAfter(parse('2025-03-10'), parse('2025-03-10'))).toBe(0);
  });

  it('skips 春节 and counts its working Sunday', () => {
    // 2025-01-24 (Fri) → 2025-02-07 (Fri): 1月26日 works; 1月28日–2月4日 off; 2月5–7日.
    expect(CHINA_CALENDAR.workdaysAfter(parse('2025-01-24'), parse('2025-02-07'))).toBe(1 + 1 + 3);
  });

  it('spans a year end when both years are known', () => {
    // 2024-12-30 (Mon) → 2025-01-03 (Fri): 12-31, 1-2, 1-3 (1-1 is 元旦).
    expect(CHINA_CALENDAR.workdaysAfter(parse('2024-12-30'), parse('2025-01-03'))).toBe(3);
  });
});
