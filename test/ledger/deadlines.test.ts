/**
 * Deadlines under 条例 第三十三条 (20 working days from the day after receipt, 20 more with 延期,
 * consultation not counted), 第三十条 (from receipt of the 补正), by the official calendar.
 * Each expected date is counted by hand on the 2025 calendar (国办发明电〔2024〕12号).
 */
import { analyseLedger } from '../../src/ledger';
import { app, findingsOf, only, register } from './helpers';

const lateOf = (row: ReturnType<typeof app>) => findingsOf('ledger.late', register([row]));

describe('ledger.late', () => {
  it('20 working days counted from the day after receipt: the 20th day is on time, the 21st late', () => {
    expect(lateOf(app('2025-03-03', '2025-03-31'))).toEqual([]);
    const f = only('ledger.late', register([app('2025-03-03', '2025-04-01')]));
    expect(f).toMatchObject({ row: 3, column: 'answered', params: { limit: 20, taken: 21, deadline: '2025年3月31日', answered: '2025年4月1日' } });
  });

  it('an answer the same day takes 0 working days', () => {
    const a = analyseLedger(register([app('2025-03-03', '2025-03-03')]), { year: 2025 });
    expect(a.stats).toMatchObject({ answered: 1, timed: 1, onTime: 1, averageWorkingDays: 0 });
  });

  it('counts by the official calendar, not Monday to Friday: 春节 off, its working Saturday and Sunday on', () => {
    // From 2025-01-20: 21–24 Jan, 26 Jan (Sun, works), 27 Jan, 5–7 Feb, 8 Feb (Sat, works), 10–14, 17–21 Feb.
    expect(lateOf(app('2025-01-20', '2025-02-21'))).toEqual([]);
    expect(only('ledger.late', register([app('2025-01-20', '2025-02-24')])).params).toMatchObject({ deadline: '2025年2月21日', taken: 21 });
  });

  it('延期 gives 20 more working days', () => {
    expect(lateOf(app('2025-03-03', '2025-04-28', { extended: '是' }))).toEqual([]);
    const f = only('ledger.late', register([app('2025-03-03', '2025-04-29', { extended: '是' })]));
    expect(f.params).toMatchObject({ limit: 40, taken: 41, deadline: '2025年4月28日' });
  });

  it('补正: counted from the day after the corrected application was received', () => {
    expect(lateOf(app('2025-03-03', '2025-04-08', { corrected: '是', correctionReceived: '2025-03-10' }))).toEqual([]);
    expect(lateOf(app('2025-03-03', '2025-04-08'))).toHaveLength(1);
  });

  it('征求意见: the consultation days, both ends included, are not counted', () => {
    const consult = { consulted: '是', consultStart: '2025-03-10', consultEnd: '2025-03-14' };
    expect(lateOf(app('2025-03-03', '2025-04-08', consult))).toEqual([]);
    const f = only('ledger.late', register([app('2025-03-03', '2025-04-09', consult)]));
    expect(f.params).toMatchObject({ taken: 21, deadline: '2025年4月8日' });
    expect(String(f.params!.note)).toContain('已扣除征求意见5个工作日');
  });

  it('is not checked for applications ended by the applicant (逾期不补正, 逾期未缴费)', () => {
    const rows = [
      app('2025-03-03', '2025-06-30', { corrected: '是', result: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' }),
      app('2025-03-03', '2025-06-30', { result: '其他处理-申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' }),
    ];
    const a = analyseLedger(register(rows), { year: 2025 });
    expect(a.findings).toEqual([]);
    expect(a.stats).toMatchObject({ answered: 2, timed: 0, complete: true });
  });
});

describe('ledger.openLate', () => {
  it('unanswered past its deadline at the end of the year', () => {
    const f = only('ledger.openLate', register([app('2025-11-03')]));
    expect(f).toMatchObject({ row: 3, params: { deadline: '2025年12月1日', yearEnd: '2025年12月31日', limit: 20 } });
  });

  it('not while the deadline runs into next year, which needs no calendar of next year', () => {
    expect(analyseLedger(register([app('2025-12-10')]), { year: 2025 }).findings).toEqual([]);
    expect(analyseLedger(register([app('2026-12-10')]), { year: 2026 }).findings).toEqual([]);
  });

  it('an application answered late next year was open and late at this year’s end', () => {
    const row = app('2025-11-03', '2026-01-20');
    expect(findingsOf('ledger.openLate', register([row]), 2025)).toHaveLength(1);
    expect(findingsOf('ledger.late', register([row]), 2026)).toHaveLength(1);
  });
});

describe('applications still waiting at the year end', () => {
  it('for a 补正: no answer period runs yet, nothing to say', () => {
    const a = analyseLedger(register([app('2025-10-09', null, { corrected: '是' })]), { year: 2025 });
    expect(a.findings).toEqual([]);
    expect(a.cells['T3.R25.C1']).toBe(1);
  });

  it('for a third party’s opinion: the consultation’s days are not counted while it is open', () => {
    // Received 2025-11-03; consulting from 2025-11-10: only 4 working days counted by the year end.
    const open = app('2025-11-03', null, { consulted: '是', consultStart: '2025-11-10' });
    expect(analyseLedger(register([open]), { year: 2025 }).findings).toEqual([]);
    expect(findingsOf('ledger.openLate', register([app('2025-11-03')]))).toHaveLength(1);
  });
});

describe('a year whose calendar is not known', () => {
  it('is said once, with the number of applications left unchecked, and never guessed', () => {
    const rows = [app('2099-03-02', '2099-06-30'), app('2099-03-02', '2099-03-03'), app('2099-05-04')];
    const a = analyseLedger(register(rows), { year: 2099 });
    expect(a.findings.map((f) => f.rule)).toEqual(['ledger.calendar']);
    expect(a.findings[0]).toMatchObject({ row: null, params: { year: 2099, count: 3 } });
    expect(a.stats).toMatchObject({ complete: false, timed: 0 });
    expect(a.cells['T3.R1.C7']).toBe(3);
  });
});

describe('rows whose deadline cannot be checked', () => {
  it.each([
    ['ledger.correctionDate', { corrected: '是' }],
    ['ledger.consultDates', { consulted: '是', consultEnd: '2025-03-20' }],
    ['ledger.yesNo', { extended: '看情况' }],
    ['ledger.deadlineDate', { consultStart: '三月', consultEnd: '2025-03-20' }],
  ] as const)('%s: said, counted in 表三, left out of 按期答复', (rule, extra) => {
    const a = analyseLedger(register([app('2025-03-03', '2025-06-30', extra)]), { year: 2025 });
    expect(a.findings.map((f) => f.rule)).toEqual([rule]);
    expect(a.findings[0].severity).toBe('warning');
    expect(a.cells['T3.R3.C1']).toBe(1);
    expect(a.stats).toMatchObject({ answered: 1, timed: 0, complete: false });
  });
});

describe('stats for the report text', () => {
  it('按期答复 and 平均办理工作日 over the year’s answers', () => {
    const rows = [app('2025-03-03', '2025-03-10'), app('2025-03-03', '2025-03-17'), app('2025-03-03', '2025-04-07'), app('2024-03-03', '2024-03-10')];
    const a = analyseLedger(register(rows), { year: 2025 });
    // 5, 10 and 24 working days.
    expect(a.stats).toEqual({ complete: true, answered: 3, timed: 3, onTime: 2, averageWorkingDays: 13 });
  });

  it('a register with a row that cannot be counted is not complete', () => {
    const a = analyseLedger(register([app('2025-03-03', '2025-03-10'), app('2025-03-03', '2025-03-10', { applicantType: '' })]), { year: 2025 });
    expect(a.stats.complete).toBe(false);
  });
});
