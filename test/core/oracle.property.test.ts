/**
 * Property tests against an independent oracle.
 *
 * Each random cell is generated together with what it means (a number, or "unusable": text, an
 * Excel error, a figure too large to be real, or a cell last year's report leaves out). The oracle
 * then applies the spec's arithmetic (report-format.md, “Cross-table rules”) directly — it does not
 * use rules.ts or the engine — and the engine's equation findings must be exactly the oracle's.
 */
import fc from 'fast-check';
import { check } from '../../src/core/engine';
import { Finding } from '../../src/core/findings';
import { GridValue, readTableGrid, reportFromGrids } from '../../src/core/grid';
import { readCell } from '../../src/core/read';
import { CellValue, REPORT_FORMAT, Report } from '../../src/core/report';
import { renderFinding } from '../../src/core/render';
import { CELL_IDS, TABLES, TableId } from '../../src/core/tables';
import { APPLICANT_COLS, RESULT_ROWS, T3_ALL_COLS, TOTAL_COL, consistentReport, priorFor, range, t2, t3, t4 } from './helpers';

// ---- cells with their meaning ----------------------------------------------------------------------

const UNUSABLE = 'unusable' as const;
type Meaning = number | typeof UNUSABLE;
/** `raw` undefined: the cell is left out of the report. */
interface Cell {
  raw: CellValue | undefined;
  meaning: Meaning;
}

const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const small = fc.integer({ min: 0, max: 30 });

const cellArb = (leftOut: Meaning): fc.Arbitrary<Cell> =>
  fc.oneof(
    { weight: 6, arbitrary: small.map((n) => ({ raw: n, meaning: n })) },
    { weight: 1, arbitrary: fc.constant({ raw: null, meaning: 0 }) },
    { weight: 1, arbitrary: fc.constant({ raw: undefined, meaning: leftOut }) },
    { weight: 1, arbitrary: fc.constantFrom('/', '—', '无', '-', '／', '——', '  ', '\u3000').map((raw) => ({ raw, meaning: 0 })) },
    { weight: 1, arbitrary: small.map((n) => ({ raw: fullWidth(String(n)), meaning: n })) },
    { weight: 1, arbitrary: small.map((n) => ({ raw: ` ${n} `, meaning: n })) },
    { weight: 1, arbitrary: small.map((n) => ({ raw: String(n), meaning: n })) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 999_999 }).map((n) => ({ raw: n.toLocaleString('en-US'), meaning: n })) },
    { weight: 1, arbitrary: fc.constantFrom('abc', '<img src=x onerror=alert(1)>', '见附件', 'x12').map((raw) => ({ raw, meaning: UNUSABLE })) },
    { weight: 1, arbitrary: small.map((n) => ({ raw: `${n}（其中修订16件）`, meaning: UNUSABLE })) },
    { weight: 1, arbitrary: fc.constantFrom('#REF!', '#DIV/0!', '#N/A', '#VALUE!').map((raw) => ({ raw, meaning: UNUSABLE })) },
    { weight: 1, arbitrary: fc.integer({ min: -30, max: -1 }).map((n) => ({ raw: n, meaning: n })) },
    { weight: 1, arbitrary: fc.tuple(small, fc.constantFrom(0.5, 0.25, 0.1, 0.208)).map(([n, f]) => ({ raw: n + f, meaning: n + f })) },
    { weight: 1, arbitrary: fc.constantFrom(1e308, 1e10, 9007199254740993, 1_000_000_000).map((raw) => ({ raw, meaning: UNUSABLE })) },
    { weight: 1, arbitrary: fc.constant({ raw: 999_999_999, meaning: 999_999_999 }) },
  );

type Generated = Record<string, Cell>;

/** A report made of generated cells; the cells not generated keep the base report's clean numbers. */
function assemble(base: Report, generated: Generated): { report: Report; meaning: Record<string, Meaning> } {
  const cells: Record<string, CellValue> = { ...(base.cells as Record<string, CellValue>) };
  const meaning: Record<string, Meaning> = {};
  for (const id of CELL_IDS) meaning[id] = base.cells[id] as number;
  for (const [id, cell] of Object.entries(generated)) {
    if (cell.raw === undefined) delete cells[id];
    else cells[id] = cell.raw;
    meaning[id] = cell.meaning;
  }
  return { report: { ...base, cells }, meaning };
}

// ---- the oracle: the spec's arithmetic, written out ----------------------------------------------------

interface SpecEquation {
  rule: string;
  anchor: NonNullable<Finding['anchor']>;
  /** [cell, sign, from last year's report] */
  lhs: [string, 1 | -1, boolean][];
  rhs: [string, 1 | -1, boolean][];
}

const now = (id: string): [string, 1, false] => [id, 1, false];
const SPEC_EQUATIONS: SpecEquation[] = [
  // T3, per column: row1 + row2 = row24 + row25
  ...T3_ALL_COLS.map((c) => ({ rule: 'T3.balance', anchor: { table: 'T3' as const, axis: 'col' as const, index: c }, lhs: [now(t3(1, c)), now(t3(2, c))], rhs: [now(t3(24, c)), now(t3(25, c))] })),
  // T3, per column: row24 = rows 3–23
  ...T3_ALL_COLS.map((c) => ({ rule: 'T3.resultTotal', anchor: { table: 'T3' as const, axis: 'col' as const, index: c }, lhs: [now(t3(24, c))], rhs: RESULT_ROWS.map((r) => now(t3(r, c))) })),
  // T3, per row: 总计 = the six applicant columns
  ...range(1, 25).map((r) => ({ rule: 'T3.applicantTotal', anchor: { table: 'T3' as const, axis: 'row' as const, index: r }, lhs: [now(t3(r, TOTAL_COL))], rhs: APPLICANT_COLS.map((c) => now(t3(r, c))) })),
  // T4, per group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结
  ...[1, 2, 3].map((g) => ({ rule: 'T4.groupTotal', anchor: { table: 'T4' as const, axis: 'group' as const, index: g }, lhs: [now(t4(g * 5))], rhs: range(g * 5 - 4, g * 5 - 1).map((c) => now(t4(c))) })),
  // across years, per T3 column: this year's row2 = last year's row25
  ...T3_ALL_COLS.map((c) => ({ rule: 'prior.carryOver', anchor: { table: 'T3' as const, axis: 'col' as const, index: c }, lhs: [now(t3(2, c))], rhs: [[t3(25, c), 1, true] as [string, 1, boolean]] })),
  // across years, T2 规章 and 行政规范性文件: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止
  ...[1, 2].map((r) => ({
    rule: 'prior.inForce',
    anchor: { table: 'T2' as const, axis: 'row' as const, index: r },
    lhs: [now(t2(r, 3))],
    rhs: [[t2(r, 3), 1, true], [t2(r, 1), 1, false], [t2(r, 2), -1, false]] as [string, 1 | -1, boolean][],
  })),
];

const SEVERITY: Record<string, 'error' | 'warning'> = { 'prior.inForce': 'warning' };

interface Expected {
  rule: string;
  severity: 'error' | 'warning';
  anchor: NonNullable<Finding['anchor']>;
  cells: string[];
  priorCells: string[];
  lhs: number;
  rhs: number;
  difference: number;
}

function oracle(current: Record<string, Meaning>, prior: Record<string, Meaning> | null): Expected[] {
  const out: Expected[] = [];
  for (const eq of SPEC_EQUATIONS) {
    const terms = [...eq.lhs, ...eq.rhs];
    if (terms.some(([, , p]) => p) && prior === null) continue;
    const valueOf = ([id, , p]: [string, number, boolean]) => (p ? prior![id] : current[id]);
    if (terms.some((t) => valueOf(t) === UNUSABLE)) continue;
    const side = (ts: [string, 1 | -1, boolean][]) => ts.reduce((s, t) => s + t[1] * (valueOf(t) as number), 0);
    const lhs = side(eq.lhs);
    const rhs = side(eq.rhs);
    if (Math.abs(lhs - rhs) < 5e-7) continue;
    out.push({
      rule: eq.rule,
      severity: SEVERITY[eq.rule] ?? 'error',
      anchor: eq.anchor,
      cells: [...new Set(terms.filter(([, , p]) => !p).map(([id]) => id))].sort(),
      priorCells: [...new Set(terms.filter(([, , p]) => p).map(([id]) => id))].sort(),
      lhs,
      rhs,
      difference: lhs - rhs,
    });
  }
  return out;
}

const ORACLE_RULES = new Set(SPEC_EQUATIONS.map((e) => e.rule));
const order = (x: { rule: string; anchor: { table: string; axis: string; index: number } }) => `${x.rule} ${x.anchor.table} ${x.anchor.axis} ${String(x.anchor.index).padStart(2, '0')}`;

/** The engine's equation findings must be the oracle's: same instances, same cells, same sides (to 1e-6). */
function expectMatchesOracle(findings: Finding[], expected: Expected[]): void {
  const equationFindings = findings.filter((f) => f.anchor !== undefined);
  expect(equationFindings.every((f) => ORACLE_RULES.has(f.rule))).toBe(true);
  const got = equationFindings
    .map((f) => ({ rule: f.rule, severity: f.severity, anchor: f.anchor!, cells: [...f.cells].sort(), priorCells: [...(f.priorCells ?? [])].sort(), lhs: f.lhs!, rhs: f.rhs!, difference: f.difference! }))
    .sort((a, b) => order(a).localeCompare(order(b)));
  const want = [...expected].sort((a, b) => order(a).localeCompare(order(b)));
  expect(got.map(order)).toEqual(want.map(order));
  got.forEach((g, i) => {
    const w = want[i];
    expect({ ...g, lhs: 0, rhs: 0, difference: 0 }).toEqual({ ...w, lhs: 0, rhs: 0, difference: 0 });
    expect(Math.abs(g.lhs - w.lhs)).toBeLessThan(1e-6);
    expect(Math.abs(g.rhs - w.rhs)).toBeLessThan(1e-6);
    expect(Math.abs(g.difference - w.difference)).toBeLessThan(1e-6);
  });
}

// ---- properties --------------------------------------------------------------------------------------

const cellId = fc.constantFrom(...CELL_IDS);
const overrides = (leftOut: Meaning, maxKeys: number) => fc.dictionary(cellId, cellArb(leftOut), { maxKeys });
const seed = fc.integer({ min: 0, max: 9 });

describe('the engine’s equation findings equal the oracle’s', () => {
  test('a consistent report with a few random cells', () => {
    fc.assert(
      fc.property(seed, overrides(0, 8), (s, gen) => {
        const { report, meaning } = assemble(consistentReport({ seed: s }), gen);
        expectMatchesOracle(check(report), oracle(meaning, null));
      }),
      { numRuns: 400 },
    );
  });

  test('a report of random cells throughout', () => {
    const everyCell = fc.tuple(...CELL_IDS.map(() => cellArb(0))).map((cells) => Object.fromEntries(CELL_IDS.map((id, i) => [id, cells[i]])));
    fc.assert(
      fc.property(everyCell, (gen) => {
        const { report, meaning } = assemble(consistentReport(), gen);
        expectMatchesOracle(check(report), oracle(meaning, null));
      }),
      { numRuns: 100 },
    );
  });

  test('with last year’s report, random in both years (cells last year leaves out are skipped)', () => {
    fc.assert(
      fc.property(seed, overrides(0, 6), overrides(UNUSABLE, 6), (s, genNow, genPrior) => {
        const base = consistentReport({ seed: s });
        const { report, meaning } = assemble(base, genNow);
        const last = assemble(priorFor(base), genPrior);
        expectMatchesOracle(check(report, { prior: last.report }), oracle(meaning, last.meaning));
      }),
      { numRuns: 400 },
    );
  });

  test('with last year’s report focused on the cross-year cells', () => {
    const crossYearCell = fc.constantFrom(...T3_ALL_COLS.flatMap((c) => [t3(2, c), t3(25, c)]), ...[1, 2].flatMap((r) => [t2(r, 1), t2(r, 2), t2(r, 3)]));
    const focused = (leftOut: Meaning) => fc.dictionary(crossYearCell, cellArb(leftOut), { maxKeys: 6 });
    fc.assert(
      fc.property(focused(0), focused(UNUSABLE), (genNow, genPrior) => {
        const base = consistentReport();
        const { report, meaning } = assemble(base, genNow);
        const last = assemble(priorFor(base), genPrior);
        expectMatchesOracle(check(report, { prior: last.report }), oracle(meaning, last.meaning));
      }),
      { numRuns: 400 },
    );
  });
});

describe('robustness', () => {
  test('every finding of a random report renders with all slots filled', () => {
    fc.assert(
      fc.property(seed, overrides(0, 10), fc.option(fc.integer({ min: 1990, max: 2100 })), fc.string(), (s, gen, year, org) => {
        const { report } = assemble({ ...consistentReport({ seed: s }), year, org }, gen);
        for (const f of check(report)) expect(renderFinding(f)).not.toMatch(/\{\w+\}/);
      }),
      { numRuns: 200 },
    );
  });

  test('readCell never throws, on any string or number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.double(), fc.integer(), fc.constant(null), fc.boolean()), (raw) => {
        expect(() => readCell(raw)).not.toThrow();
      }),
    );
  });
});

// ---- random grids --------------------------------------------------------------------------------------

const gridValue: fc.Arbitrary<GridValue> = fc.oneof(
  fc.string(),
  fc.constantFrom('', '/', '#REF!', '（一）予以公开', '总计', ' 12 '),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);

/** A grid of the table's exact shape with random contents (the reader gets past the shape check). */
const shapedGrid = (t: TableId) => fc.array(fc.array(gridValue, { minLength: TABLES[t].cols, maxLength: TABLES[t].cols }), { minLength: TABLES[t].rows, maxLength: TABLES[t].rows });
/** A grid of any shape, ragged rows and holes included. */
const anyGrid = fc.oneof(
  fc.array(fc.array(gridValue, { maxLength: 20 }), { maxLength: 32 }),
  fc.array(fc.sparseArray(gridValue, { maxLength: 16 }), { maxLength: 30 }),
  fc.constant([]),
  fc.constant(null),
  fc.constant(undefined),
);

describe('random grids never make the reader throw', () => {
  test.each(['T2', 'T3', 'T4'] as const)('%s: grids of any shape', (t) => {
    fc.assert(
      fc.property(anyGrid, (grid) => {
        const read = readTableGrid(t, grid as GridValue[][]);
        if (!read.readable) expect(read.findings.map((f) => f.rule)).toEqual(['layout.shape']);
      }),
      { numRuns: 300 },
    );
  });

  test.each(['T2', 'T3', 'T4'] as const)('%s: grids of the right shape with random contents are read, and checked', (t) => {
    fc.assert(
      fc.property(shapedGrid(t), (grid) => {
        const read = readTableGrid(t, grid);
        expect(read.readable).toBe(true);
        expect(Object.keys(read.cells)).toHaveLength(TABLES[t].inputs.length);
        expect(read.findings.every((f) => f.rule === 'layout.label')).toBe(true);
        const report: Report = { format: REPORT_FORMAT, org: 'x', year: 2024, cells: read.cells };
        expect(() => check(report)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  test('reportFromGrids with random grids, org and year', () => {
    fc.assert(
      fc.property(anyGrid, anyGrid, anyGrid, gridValue, gridValue, (g2, g3, g4, org, year) => {
        const read = reportFromGrids({ T2: g2 as GridValue[][], T3: g3 as GridValue[][], T4: g4 as GridValue[][] }, org, year);
        expect(() => check(read.report, { unreadable: read.unreadable })).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  // BUG: readTableGrid computes the width with Math.max(...grid.map((r) => r.length)); spreading more
  // than ~120 000 rows overflows the call stack. A host passing a whole-column range (A:J, 1 048 576
  // rows) gets “RangeError: Maximum call stack size exceeded” instead of a layout.shape finding.
  // Repro: readTableGrid('T3', new Array(1048576).fill([]))
  test('a whole-column range (1 048 576 rows) is a layout.shape finding, not a RangeError', () => {
    const row: GridValue[] = [];
    const read = readTableGrid('T3', new Array<GridValue[]>(1_048_576).fill(row));
    expect(read.findings.map((f) => f.rule)).toEqual(['layout.shape']);
  });
});
