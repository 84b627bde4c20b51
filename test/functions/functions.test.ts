import { rule } from '../../src/core/rules';
import fc from 'fast-check';
import * as engine from '../../src/core/engine';
import { check as engineCheck } from '../../src/core/engine';
import { reportFromGrids } from '../../src/core/grid';
import { locationOf, renderFinding } from '../../src/core/render';
import { TABLES, TABLE_IDS, TableId, cellId, inputCell } from '../../src/core/tables';
import { balance, check, enginePasses, errors, hostValue, sumcheck } from '../../src/functions/functions';

// Excel passes ranges as any[][].
type Grid = any[][]; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A table grid as Excel passes it: labels where TABLES has them, blank (null on the web) elsewhere, values by cell id. */
function grid(t: TableId, values: Record<string, unknown> = {}, blank: null | 0 = null): Grid {
  const layout = TABLES[t];
  const g: Grid = Array.from({ length: layout.rows }, () => Array.from({ length: layout.cols }, () => blank));
  for (const l of layout.labels) g[l.r][l.c] = l.text;
  for (const i of layout.inputs) if (i.id in values) g[i.r][i.c] = values[i.id];
  return g;
}

const grids = (values: Record<string, unknown> = {}, blank: null | 0 = null) => TABLE_IDS.map((t) => grid(t, values, blank)) as [Grid, Grid, Grid];

/** A consistent 表三: every column balanced, totals summed. */
function balancedT3(): Record<string, number> {
  const v: Record<string, number> = {};
  for (let c = 1; c <= 6; c++) {
    v[cellId('T3', 1, c)] = c; // received
    v[cellId('T3', 2, c)] = 1; // carried in
    v[cellId('T3', 3, c)] = c; // 予以公开
    v[cellId('T3', 24, c)] = c; // total
    v[cellId('T3', 25, c)] = 1; // carried out
  }
  for (const r of [1, 2, 3, 24, 25]) v[cellId('T3', r, 7)] = [1, 2, 3, 4, 5, 6].reduce((s, c) => s + v[cellId('T3', r, c)], 0);
  return v;
}

const PASS_42 = [['✓ 全部勾稽关系通过（42条）']];

describe('NIANBAO.CHECK', () => {
  test('an empty template passes, whether blanks arrive as null (web) or 0 (desktop)', () => {
    expect(check(...grids({}, null))).toEqual(PASS_42);
    expect(check(...grids({}, 0))).toEqual(PASS_42);
  });

  test('a consistent report passes', () => {
    expect(check(...grids(balancedT3()))).toEqual(PASS_42);
  });

  test('each finding is one row (规则, 位置, 说明), rendered by the core, in the engine order', () => {
    const values: Record<string, unknown> = { ...balancedT3(), 'T3.R1.C1': 9 };
    const rows = check(...grids(values));
    const report = reportFromGrids({ T2: grid('T2', values), T3: grid('T3', values), T4: grid('T4', values) });
    const expected = engineCheck({ ...report.report, cells: Object.fromEntries(Object.entries(report.report.cells).map(([k, v]) => [k, v ?? 0])) }, { metadata: false })
      .map((f) => [`错误：${rule(f.rule).title}`, locationOf(f), renderFinding(f)]);
    expect(rows).toEqual(expected);
    expect(rows.map((r) => r[0])).toEqual(['错误：表三平衡关系', '错误：表三申请人合计']);
    expect(rows[0]).toEqual(['错误：表三平衡关系', '表三“自然人”列', '表三“自然人”列：第一项+第二项=10，（七）总计+第四项=2，相差8']);
  });

  test('bad cells give findings, never #VALUE!', () => {
    const rows = check(...grids({ 'T3.R1.C1': '/', 'T3.R2.C1': '22（其中修订16件）', 'T3.R3.C1': { code: '#DIV/0!' }, 'T4.R1.C1': -1, 'T2.R1.C1': 1.5, 'T2.R6.C1': '１２' }));
    const rules = rows.map((r) => r[0]);
    expect(rules).toEqual(
      expect.arrayContaining(['提示：占位符号', '错误：非数字', '错误：错误值', '错误：负数', '错误：件数非整数', '提示：非标准数字']),
    );
    expect(rows.find((r) => r[0] === '错误：错误值')![2]).toContain('#DIV/0!');
  });

  test('a table whose range lost its shape is a finding, and the rest is still checked', () => {
    const [t2, t3, t4] = grids({ 'T4.R1.C5': 7 });
    const rows = check(t2, t3.slice(0, 10), t4);
    expect(rows[0][0]).toBe('错误：表格结构');
    expect(rows[0][2]).toContain('表三区域应为28行×10列，实为10行×10列');
    expect(rows.map((r) => r[0])).toContain('错误：表四合计');
  });

  test('data types and odd values do not break it', () => {
    expect(hostValue({ type: 'Double', basicValue: 3 })).toBe(3);
    expect(hostValue({ type: 'Error', errorType: 'Div0' })).toBe('#Div0');
    expect(hostValue(undefined)).toBe(0);
    expect(check(null as never, 'x' as never, 5 as never)[0][0]).toBe('错误：表格结构');
  });

  test('with last year’s 表三: the carry-over is checked, and N counts those equations', () => {
    const prior = grid('T3', balancedT3());
    const now = balancedT3();
    expect(check(...grids(now), prior)).toEqual([['✓ 全部勾稽关系通过（49条）']]);
    const off = { ...now, 'T3.R2.C1': 3 };
    const rows = check(...grids(off), prior);
    expect(rows.map((r) => r[0])).toContain('错误：上年结转');
  });

  test('findings about last year’s table say so', () => {
    const prior = grid('T3');
    prior[0][0] = '改过的说明';
    const rows = check(...grids(), prior);
    expect(rows).toEqual([['提示：表格文字', '上年表三', expect.stringMatching(/^上年表三第1行第1列应为/)]]);
  });

  test('never returns null in a row (Excel would show 0), every row has three cells', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 5 }), fc.string(), fc.boolean(), fc.double(), fc.constant({ code: '#N/A' })), { maxLength: 16 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 2 }),
        (g, which) => {
          const args = grids();
          args[which] = g as Grid;
          const rows = check(...args);
          return rows.length > 0 && rows.every((r) => r.every((c) => typeof c === 'string') && (rows.length === 1 && r.length === 1 ? true : r.length === 3));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('NIANBAO.ERRORS', () => {
  test('counts errors only', () => {
    expect(errors(...grids())).toBe(0);
    expect(errors(...grids({ 'T3.R1.C1': 1 }))).toBe(2); // 自然人 column's balance, row 一's total
    const rows = check(...grids({ 'T3.R1.C1': 1, 'T3.R2.C1': '/' }));
    expect(errors(...grids({ 'T3.R1.C1': 1, 'T3.R2.C1': '/' }))).toBe(rows.filter((r) => r[0].startsWith('错误')).length);
  });

  test('CHECK and ERRORS over the same grids cost one engine pass', () => {
    const spy = jest.spyOn(engine, 'checkGridReport');
    const args = grids({ 'T3.R5.C2': 4 });
    const before = enginePasses();
    check(...args);
    errors(...args);
    // A recalculation hands over fresh arrays with the same values.
    errors(...(JSON.parse(JSON.stringify(args)) as typeof args));
    expect(enginePasses() - before).toBe(1);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});

describe('NIANBAO.BALANCE and NIANBAO.SUMCHECK', () => {
  test('BALANCE: ✓, or the signed difference (新收+结转 − 总计−结转下年)', () => {
    expect(balance(10, 2, 9, 3)).toBe('✓');
    expect(balance(10, 2, 9, 1)).toBe(2);
    expect(balance(8, 2, 9, 3)).toBe(-2);
  });

  test('BALANCE: blank is 0 on both hosts; text is 含文本, not #VALUE!', () => {
    expect(balance(null, 0, 0, undefined)).toBe('✓');
    expect(balance('１０', 0, 10, 0)).toBe('✓');
    expect(balance('十', 0, 10, 0)).toBe('含文本');
    expect(balance({ code: '#REF!' }, 0, 10, 0)).toBe('含文本');
  });

  test('BALANCE follows the sides of the core rule T3.balance', () => {
    // Received 3, carried in 0, total 1, carried out 0 → the engine says lhs − rhs = 2.
    const values = { 'T3.R1.C1': 3, 'T3.R1.C7': 3, 'T3.R24.C1': 1, 'T3.R3.C1': 1, 'T3.R24.C7': 1, 'T3.R3.C7': 1 };
    const f = engineCheck(reportFromGrids({ T2: grid('T2'), T3: grid('T3', values, 0), T4: grid('T4') }).report).find((x) => x.rule === 'T3.balance');
    expect(balance(3, 0, 1, 0)).toBe(f!.difference);
    expect(inputCell('T3.R24.C1').rowName).toBe('（七）总计');
  });

  test('SUMCHECK: total against a range of parts', () => {
    expect(sumcheck(6, [[1, 2, 3]])).toBe('✓');
    expect(sumcheck(6, [[1], [2], [null]])).toBe(3);
    expect(sumcheck(0.3, [[0.1, 0.2]])).toBe('✓'); // no binary noise
    expect(sumcheck(6, [[1, 'abc']])).toBe('含文本');
    expect(sumcheck(6, [[6, '/']])).toBe('✓'); // a placeholder reads as 0, as the engine reads it
  });
});
