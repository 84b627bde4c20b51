/**
 * The template sheet plan: one native check cell per intra-report equation, formulas that refer to
 * exactly the equation's cells (decoded back from their A1 references), valid unique names, and a
 * layout in which nothing overlaps.
 */
import fc from 'fast-check';
import { check } from '../../src/core/engine';
import { EQUATION_RULES, Equation } from '../../src/core/rules';
import { CELL_IDS, Merge, TABLE_IDS, TABLES } from '../../src/core/tables';
import {
  CheckCell,
  ORG_NAME,
  PASS_MARK,
  TEXT_MARK,
  YEAR_NAME,
  a1,
  columnLetter,
  inputPosition,
  sheetPlan,
  tableName,
} from '../../src/core/sheet';
import { consistentReport, withCells } from './helpers';

const plan = sheetPlan('某县人民政府', 2024);
type Pos = { row: number; col: number };
const key = (p: Pos) => `${p.row},${p.col}`;

// ---- decoding A1 references ------------------------------------------------------------------------

function decodeCell(ref: string): Pos {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`not an A1 cell reference: ${ref}`);
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { row: Number(m[2]) - 1, col };
}

/** "D24:D25,E3" → every cell position it covers, in order. */
function decodeRefs(list: string): Pos[] {
  if (list === '') return [];
  return list.split(',').flatMap((ref) => {
    const [from, to = from] = ref.split(':').map(decodeCell);
    const out: Pos[] = [];
    for (let row = from.row; row <= to.row; row++) for (let col = from.col; col <= to.col; col++) out.push({ row, col });
    return out;
  });
}

const ID_AT = new Map(CELL_IDS.map((id) => [key(inputPosition(plan, id)), id]));
const idsOf = (list: string): string[] =>
  decodeRefs(list).map((p) => {
    const id = ID_AT.get(key(p));
    if (!id) throw new Error(`reference to ${key(p)}, which is not an input cell`);
    return id;
  });

interface ParsedCheck {
  all: string[];
  lhsPlus: string[];
  lhsMinus: string[];
  rhsPlus: string[];
  rhsMinus: string[];
}

/** Splits IF(COUNT(all)<COUNTA(all),"含文本",IF(ROUND((lhs)-(rhs),6)=0,"✓",ROUND((lhs)-(rhs),6))) into its references. */
function parseCheck(formula: string): ParsedCheck {
  const m = /^IF\(COUNT\(([^()]*)\)<COUNTA\(([^()]*)\),"(.+?)",IF\(ROUND\((.+),6\)=0,"(.+?)",ROUND\((.+),6\)\)\)$/.exec(formula);
  if (!m) throw new Error(`unexpected check formula ${formula}`);
  const [, count, counta, textMark, diff, passMark, diff2] = m;
  expect(counta).toBe(count);
  expect(diff2).toBe(diff);
  expect(textMark).toBe(TEXT_MARK);
  expect(passMark).toBe(PASS_MARK);
  const sides = /^\((.*)\)-\((.*)\)$/.exec(diff);
  if (!sides) throw new Error(`unexpected difference ${diff}`);
  const side = (s: string) => {
    const t = /^SUM\(([^()]*)\)(?:-SUM\(([^()]*)\))?$/.exec(s);
    if (!t) throw new Error(`unexpected side ${s}`);
    return [idsOf(t[1]), idsOf(t[2] ?? '')];
  };
  const [lhsPlus, lhsMinus] = side(sides[1]);
  const [rhsPlus, rhsMinus] = side(sides[2]);
  return { all: idsOf(count), lhsPlus, lhsMinus, rhsPlus, rhsMinus };
}

const sorted = (xs: string[]) => [...xs].sort();
const plus = (terms: Equation['lhs']) => terms.filter((t) => t.sign !== -1).map((t) => t.cell);
const minus = (terms: Equation['lhs']) => terms.filter((t) => t.sign === -1).map((t) => t.cell);
const operands = (eq: Equation) => [...eq.lhs, ...eq.rhs].map((t) => t.cell);
const isIntra = (eq: Equation) => [...eq.lhs, ...eq.rhs].every((t) => !t.prior);

/** What a spreadsheet shows in a check cell, given the input cells' values (numbers, text, or blank). */
function evaluateCheck(c: CheckCell, values: Record<string, number | string | null | undefined>): string | number {
  const p = parseCheck(c.formula);
  const v = (id: string) => values[id];
  const count = p.all.filter((id) => typeof v(id) === 'number').length;
  const counta = p.all.filter((id) => v(id) !== null && v(id) !== undefined && v(id) !== '').length;
  if (count < counta) return TEXT_MARK;
  const sum = (ids: string[]) => ids.reduce((s, id) => s + (typeof v(id) === 'number' ? (v(id) as number) : 0), 0);
  const diff = Math.round((sum(p.lhsPlus) - sum(p.lhsMinus) - (sum(p.rhsPlus) - sum(p.rhsMinus))) * 1e6) / 1e6;
  return diff === 0 ? PASS_MARK : diff;
}

// ---------------------------------------------------------------------------------------------------

describe('check cells', () => {
  const intra = EQUATION_RULES.flatMap((r) => r.equations.filter(isIntra).map((eq) => [r.id, eq] as const));

  test('42 intra-report equations: 7 balance, 7 result totals, 25 applicant totals, 3 T4 groups', () => {
    expect(intra).toHaveLength(42);
    expect(plan.checks).toHaveLength(42);
    expect(plan.checkCount).toBe(42);
  });

  test.each(intra.map(([id, eq]) => [id, `${eq.anchor.axis} ${eq.anchor.index}`, eq] as const))('%s at %s has exactly one check cell', (id, _, eq) => {
    const cells = plan.checks.filter((c) => c.equation === eq);
    expect(cells).toHaveLength(1);
    expect(cells[0].rule).toBe(id);
  });

  test('cross-year equations have no check cell', () => {
    expect(plan.checks.every((c) => isIntra(c.equation))).toBe(true);
  });

  test.each(plan.checks.map((c) => [c.rule, a1(c.row, c.col), c] as const))('%s in %s refers to exactly its equation’s cells', (_, __, c) => {
    const p = parseCheck(c.formula);
    expect(sorted(p.all)).toEqual(sorted(operands(c.equation)));
    expect(new Set(p.all).size).toBe(p.all.length);
    expect(sorted(p.lhsPlus)).toEqual(sorted(plus(c.equation.lhs)));
    expect(sorted(p.lhsMinus)).toEqual(sorted(minus(c.equation.lhs)));
    expect(sorted(p.rhsPlus)).toEqual(sorted(plus(c.equation.rhs)));
    expect(sorted(p.rhsMinus)).toEqual(sorted(minus(c.equation.rhs)));
  });

  test('a row’s check sits in that row, a column’s below the table in that column, outside every table', () => {
    for (const c of plan.checks) {
      const total = inputPosition(plan, c.equation.lhs[0].cell);
      if (c.equation.anchor.axis === 'row') expect(c.row).toBe(total.row);
      else expect(c.col).toBe(total.col);
      for (const t of TABLE_IDS) {
        const a = plan.tables[t];
        const inside = c.row >= a.row && c.row < a.row + a.rows && c.col >= a.col && c.col < a.col + a.cols;
        expect(inside).toBe(false);
      }
    }
  });

  test('the summary counts every check cell exactly once', () => {
    const summary = plan.cells.find((c) => c.row === plan.summary.row && c.col === plan.summary.col)!;
    const refs = [...summary.formula!.matchAll(/COUNTIF\(([^,]+),"✓"\)/g)].map((m) => m[1]);
    const counted = refs.slice(0, refs.length / 2).flatMap((r) => decodeRefs(r)).map(key);
    expect(sorted(counted)).toEqual(sorted(plan.checks.map(key)));
    expect(summary.formula).toContain(`=${plan.checks.length},`);
  });

  test('on a consistent report every check shows ✓', () => {
    const report = consistentReport();
    for (const c of plan.checks) expect(evaluateCheck(c, report.cells)).toBe(PASS_MARK);
  });

  test('text in an operand shows 含文本', () => {
    const report = withCells(consistentReport(), { 'T3.R1.C1': '22（其中修订16件）' });
    const affected = plan.checks.filter((c) => operands(c.equation).includes('T3.R1.C1'));
    expect(affected.map((c) => c.rule).sort()).toEqual(['T3.applicantTotal', 'T3.balance']);
    for (const c of affected) expect(evaluateCheck(c, report.cells)).toBe(TEXT_MARK);
  });

  test('for numbers and blanks, each check shows the engine’s difference, or ✓ where the engine finds none', () => {
    const base = consistentReport();
    const change = fc.tuple(fc.constantFrom(...CELL_IDS.filter((id) => !id.startsWith('T2'))), fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(null)));
    fc.assert(
      fc.property(fc.array(change, { maxLength: 6 }), (changes) => {
        const report = withCells(base, Object.fromEntries(changes));
        const findings = check(report);
        for (const c of plan.checks) {
          const f = findings.find((x) => x.rule === c.rule && x.anchor?.axis === c.equation.anchor.axis && x.anchor.index === c.equation.anchor.index && x.table === c.equation.anchor.table);
          expect(evaluateCheck(c, report.cells)).toBe(f ? f.difference : PASS_MARK);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('names', () => {
  const names = plan.names.map((n) => n.name);

  test('one per input, one per table, the org and the year: 205 in all', () => {
    expect(sorted(names)).toEqual(sorted([...CELL_IDS.map((id) => `NB_${id.replace(/\./g, '_')}`), 'NB_T2', 'NB_T3', 'NB_T4', 'NB_ORG', 'NB_YEAR']));
  });

  test('unique, ignoring case as Excel does', () => {
    expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(names.length);
  });

  test.each(names.map((n) => [n]))('%s is a valid Excel name', (name) => {
    expect(name.length).toBeLessThanOrEqual(255);
    expect(name).toMatch(/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/);
    expect(name).not.toMatch(/^[A-Za-z]{1,3}\d+$/); // looks like an A1 reference
    expect(name).not.toMatch(/^[RrCc]$|^[Rr]\d*[Cc]\d*$/); // looks like an R1C1 reference
    expect(['TRUE', 'FALSE']).not.toContain(name.toUpperCase());
  });

  test('input names point at their input cell, table names at the table, NB_ORG/NB_YEAR at the meta cells', () => {
    const area = (name: string) => plan.names.find((n) => n.name === name)!.area;
    for (const id of CELL_IDS) expect(area(`NB_${id.replace(/\./g, '_')}`)).toEqual({ ...inputPosition(plan, id), rows: 1, cols: 1 });
    for (const t of TABLE_IDS) {
      expect(area(tableName(t))).toEqual(plan.tables[t]);
      expect([plan.tables[t].rows, plan.tables[t].cols]).toEqual([TABLES[t].rows, TABLES[t].cols]);
    }
    expect(area(ORG_NAME)).toEqual({ ...plan.org, rows: 1, cols: 1 });
    expect(area(YEAR_NAME)).toEqual({ ...plan.year, rows: 1, cols: 1 });
  });
});

describe('layout', () => {
  const overlap = (a: Merge, b: Merge) => a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;

  test('no two merges overlap', () => {
    plan.merges.forEach((a, i) => plan.merges.slice(i + 1).forEach((b) => expect([a, b, overlap(a, b)]).toEqual([a, b, false])));
  });

  test('no two planned cells at the same position', () => {
    const seen = new Map<string, string>();
    for (const c of plan.cells) {
      expect(seen.get(key(c))).toBeUndefined();
      seen.set(key(c), c.style);
    }
  });

  test('no planned cell hidden inside a merge, and every merge starts at a planned cell', () => {
    const at = new Set(plan.cells.map(key));
    for (const m of plan.merges) {
      expect(at.has(key({ row: m.r1, col: m.c1 }))).toBe(true);
      for (const c of plan.cells) {
        const inside = c.row >= m.r1 && c.row <= m.r2 && c.col >= m.c1 && c.col <= m.c2;
        if (inside) expect(key(c)).toBe(key({ row: m.r1, col: m.c1 }));
      }
    }
  });

  test('tables do not overlap each other', () => {
    const areas = TABLE_IDS.map((t) => plan.tables[t]).map((a) => ({ r1: a.row, c1: a.col, r2: a.row + a.rows - 1, c2: a.col + a.cols - 1 }));
    areas.forEach((a, i) => areas.slice(i + 1).forEach((b) => expect(overlap(a, b)).toBe(false)));
  });

  test('every input has its planned cell, of its kind, empty in a new template', () => {
    for (const id of CELL_IDS) {
      const cell = plan.cells.find((c) => c.input === id)!;
      expect(key(cell)).toBe(key(inputPosition(plan, id)));
      expect(cell.value).toBeUndefined();
      expect(cell.style).toBe(id === 'T2.R6.C1' ? 'amount' : 'input');
    }
  });

  test('the table labels and merges are the declared ones, moved to the table’s place', () => {
    for (const t of TABLE_IDS) {
      const o = plan.tables[t];
      for (const l of TABLES[t].labels) {
        expect(plan.cells.find((c) => c.row === o.row + l.r && c.col === o.col + l.c)?.value).toBe(l.text);
      }
      for (const m of TABLES[t].merges) expect(plan.merges).toContainEqual({ r1: o.row + m.r1, c1: o.col + m.c1, r2: o.row + m.r2, c2: o.col + m.c2 });
    }
  });

  test('the org and year go into their cells, and the title is built from them', () => {
    const at = (p: Pos) => plan.cells.find((c) => c.row === p.row && c.col === p.col)!;
    expect(at(plan.org).value).toBe('某县人民政府');
    expect(at(plan.year).value).toBe(2024);
    const title = plan.cells.find((c) => c.style === 'title')!;
    expect(title.value).toBe('某县人民政府2024年政府信息公开工作年度报告');
    expect(title.formula).toContain(a1(plan.org.row, plan.org.col));
    expect(title.formula).toContain(a1(plan.year.row, plan.year.col));
    const blank = sheetPlan();
    expect(blank.cells.find((c) => c.row === blank.year.row && c.col === blank.year.col)!.value).toBeUndefined();
  });

  test('column letters', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });

  test('everything fits in the sheet’s column widths', () => {
    const maxCol = Math.max(...plan.cells.map((c) => c.col), ...plan.merges.map((m) => m.c2));
    expect(maxCol).toBeLessThan(plan.colWidths.length);
  });
});
