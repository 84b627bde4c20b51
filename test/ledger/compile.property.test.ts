/**
 * 表三 from a register: what it produces always satisfies every 表三 rule of the engine, last
 * year's 结转下年度 is this year's 上年结转, and each count is what an independent oracle (the
 * issue's wording applied to the generated meaning of each row, not to its text) says.
 */
import fc from 'fast-check';
import { check } from '../../src/core/engine';
import { REPORT_FORMAT, Report } from '../../src/core/report';
import { T3_ROW } from '../../src/core/tables';
import { APPLICANT_TYPES, LedgerCell, RESULT_CATEGORIES, analyseLedger } from '../../src/ledger';
import { dayOf, excelSerial, isoDay, yearEnd, yearStart } from '../../src/ledger/dates';
import { Row, app, register } from './helpers';

const YEAR = 2025;

/** How a day is written: a date cell (serial or Date) or one of the text forms. */
const writtenDay = (day: number): fc.Arbitrary<LedgerCell> => {
  const [y, m, d] = isoDay(day).split('-').map(Number);
  return fc.constantFrom<LedgerCell>(excelSerial(day), new Date(day * 86_400_000), isoDay(day), `${y}/${m}/${d}`, `${y}.${m}.${d}`, `${y}年${m}月${d}日`);
};

/** Days near the year boundaries more often than not. */
const dayArb = fc.oneof(
  fc.integer({ min: yearStart(YEAR - 2), max: yearEnd(YEAR + 1) }),
  fc.constantFrom(yearStart(YEAR), yearEnd(YEAR), yearStart(YEAR) - 1, yearEnd(YEAR) + 1).chain((d) => fc.integer({ min: d - 6, max: d + 6 })),
);

interface Generated {
  row: Row;
  /** What the row means, when it can be counted: days, 表三 column, 表三 result row. */
  meaning: { received: number; answered: number | null; col: number; resultRow: number | null } | null;
}

const categoryForm = (c: (typeof RESULT_CATEGORIES)[number]): fc.Arbitrary<string> => fc.constantFrom(c.label, c.name, c.choice, c.parent ? `${c.parent}${c.label}` : c.label);

const clean: fc.Arbitrary<Generated> = fc
  .record({
    received: dayArb,
    wait: fc.option(fc.integer({ min: 0, max: 90 }), { nil: null }),
    type: fc.constantFrom(...APPLICANT_TYPES),
    category: fc.constantFrom(...RESULT_CATEGORIES),
  })
  .chain(({ received, wait, type, category }) => {
    const answered = wait === null ? null : received + wait;
    return fc
      .record({
        r: writtenDay(received),
        a: answered === null ? fc.constant(null) : writtenDay(answered),
        typeText: fc.constantFrom(type.name, ...type.synonyms),
        result: answered === null ? fc.constant(null) : categoryForm(category),
      })
      .map(({ r, a, typeText, result }) => ({
        row: app(r, a, { applicantType: typeText, result }),
        meaning: { received, answered, col: type.col, resultRow: answered === null ? null : category.row },
      }));
  });

/** Rows no one can count: each gives a finding, never a count. */
const broken: fc.Arbitrary<Generated> = fc
  .oneof(
    dayArb.map((d) => app('2025-02-30', isoDay(d))),
    dayArb.map((d) => app(isoDay(d), isoDay(d + 3), { applicantType: '事业单位' })),
    dayArb.map((d) => app(isoDay(d), isoDay(d + 3), { result: '不予公开' })),
    dayArb.map((d) => app(isoDay(d), null, { result: '予以公开' })),
    dayArb.map((d) => app(isoDay(d + 2), isoDay(d))),
  )
  .map((row) => ({ row, meaning: null }));

const registerArb = fc.array(fc.oneof({ weight: 5, arbitrary: clean }, { weight: 1, arbitrary: broken }), { maxLength: 40 });

const toReport = (cells: Record<string, number>, year: number): Report => ({ format: REPORT_FORMAT, org: '某某局', year, cells });
const T3_RULES = ['T3.balance', 'T3.resultTotal', 'T3.applicantTotal', 'T3.onlyTotals'];

describe('表三 compiled from a register', () => {
  it('always satisfies every 表三 rule of the engine, and last year carries into this year', () => {
    fc.assert(
      fc.property(registerArb, fc.integer({ min: 2024, max: 2026 }), (rows, year) => {
        const grid = register(rows.map((g) => g.row));
        const now = analyseLedger(grid, { year });
        const before = analyseLedger(grid, { year: year - 1 });
        const findings = check(toReport(now.cells, year), { prior: toReport(before.cells, year - 1) });
        const t3 = findings.filter((f) => f.table === 'T3' || f.rule.startsWith('prior.carryOver') || f.rule.startsWith('cell.'));
        expect(t3.filter((f) => f.severity === 'error' || T3_RULES.includes(f.rule)).map((f) => f.rule)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('counts each row as the issue says (an oracle over what the rows mean)', () => {
    fc.assert(
      fc.property(registerArb, (rows) => {
        const from = yearStart(YEAR);
        const to = yearEnd(YEAR);
        const expected: Record<string, number> = {};
        const add = (r: number, c: number) => {
          for (const col of [c, 7]) expected[`T3.R${r}.C${col}`] = (expected[`T3.R${r}.C${col}`] ?? 0) + 1;
        };
        for (const { meaning: m } of rows) {
          if (!m) continue;
          const answeredBefore = m.answered !== null && m.answered < from;
          const answeredIn = m.answered !== null && m.answered >= from && m.answered <= to;
          if (m.received >= from && m.received <= to) add(T3_ROW.received, m.col);
          if (m.received < from && !answeredBefore) add(T3_ROW.carriedIn, m.col);
          if (answeredIn) {
            add(m.resultRow!, m.col);
            add(T3_ROW.total, m.col);
          }
          if (m.received <= to && !answeredBefore && !answeredIn) add(T3_ROW.carriedOut, m.col);
        }
        const cells = analyseLedger(register(rows.map((g) => g.row)), { year: YEAR }).cells;
        const nonZero = Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== 0));
        expect(nonZero).toEqual(expected);
        expect(Object.keys(cells)).toHaveLength(175);
      }),
      { numRuns: 300 },
    );
  });

  it('reports every row it could not count', () => {
    fc.assert(
      fc.property(registerArb, (rows) => {
        const grid = register(rows.map((g) => g.row));
        // Looked at over all years, every broken row has a finding naming its worksheet row.
        const flagged = new Set<number | null>();
        for (const year of [YEAR - 3, YEAR - 2, YEAR - 1, YEAR, YEAR + 1, YEAR + 2]) {
          for (const f of analyseLedger(grid, { year }).findings) if (f.severity === 'error') flagged.add(f.row);
        }
        rows.forEach((g, i) => {
          if (g.meaning === null) expect(flagged).toContain(i + 3);
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('year boundaries, both directions', () => {
  const d = (y: number, m: number, day: number) => isoDay(dayOf(y, m, day)!);
  const cellsOf = (row: Row, year: number) => {
    const cells = analyseLedger(register([row]), { year }).cells;
    return Object.fromEntries(Object.entries(cells).filter(([k, v]) => v !== 0 && k.endsWith('.C1')));
  };

  it('received 31 December of last year, answered 1 January: 上年结转 and a result this year; nothing last year but 新收 and 结转', () => {
    const row = app(d(2024, 12, 31), d(2025, 1, 2));
    expect(cellsOf(row, 2025)).toEqual({ 'T3.R2.C1': 1, 'T3.R3.C1': 1, 'T3.R24.C1': 1 });
    expect(cellsOf(row, 2024)).toEqual({ 'T3.R1.C1': 1, 'T3.R25.C1': 1 });
  });

  it('received 31 December, answered next year: 新收 and 结转下年度 this year', () => {
    const row = app(d(2025, 12, 31), d(2026, 1, 5));
    expect(cellsOf(row, 2025)).toEqual({ 'T3.R1.C1': 1, 'T3.R25.C1': 1 });
    expect(cellsOf(row, 2026)).toEqual({ 'T3.R2.C1': 1, 'T3.R3.C1': 1, 'T3.R24.C1': 1 });
  });

  it('received 1 January and answered 31 December: counted within the year only', () => {
    const row = app(d(2025, 1, 1), d(2025, 12, 31));
    expect(cellsOf(row, 2025)).toEqual({ 'T3.R1.C1': 1, 'T3.R3.C1': 1, 'T3.R24.C1': 1 });
    expect(cellsOf(row, 2024)).toEqual({});
    expect(cellsOf(row, 2026)).toEqual({});
  });

  it('answered before the year: does not count at all', () => {
    expect(cellsOf(app(d(2024, 12, 1), d(2024, 12, 31)), 2025)).toEqual({});
  });

  it('still open: carried from year to year', () => {
    const row = app(d(2023, 12, 28));
    expect(cellsOf(row, 2023)).toEqual({ 'T3.R1.C1': 1, 'T3.R25.C1': 1 });
    expect(cellsOf(row, 2024)).toEqual({ 'T3.R2.C1': 1, 'T3.R25.C1': 1 });
    expect(cellsOf(row, 2025)).toEqual({ 'T3.R2.C1': 1, 'T3.R25.C1': 1 });
  });
});
