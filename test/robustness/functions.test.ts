/**
 * Every bad input through the custom functions gives a finding row or a mark — never a thrown
 * error (which Excel shows as #VALUE!), never a silent pass.
 */
import { TABLES, TABLE_IDS, TableId } from '../../src/core/tables';
import { balance, check, errors, sumcheck } from '../../src/functions/functions';
import { consistentReport } from '../helpers/reports';

type Grid = unknown[][];
const base = consistentReport(21).cells as Record<string, unknown>;

function grids(values: Record<string, unknown>, shape: Partial<Record<TableId, (g: Grid) => Grid>> = {}): [Grid, Grid, Grid] {
  return TABLE_IDS.map((t) => {
    const layout = TABLES[t];
    const g: Grid = Array.from({ length: layout.rows }, () => Array.from({ length: layout.cols }, () => null));
    for (const l of layout.labels) g[l.r][l.c] = l.text;
    for (const i of layout.inputs) g[i.r][i.c] = values[i.id] ?? null;
    return shape[t] ? shape[t]!(g) : g;
  }) as [Grid, Grid, Grid];
}

const call = (values: Record<string, unknown>, shape?: Partial<Record<TableId, (g: Grid) => Grid>>) => {
  const [t2, t3, t4] = grids(values, shape);
  return { rows: check(t2 as never, t3 as never, t4 as never), errors: errors(t2 as never, t3 as never, t4 as never) };
};

const titles = (rows: unknown[][]) => rows.map((r) => String(r[0]));

test('a consistent report passes', () => {
  expect(call(base).rows).toEqual([['✓ 全部勾稽关系通过（42条）']]);
});

test.each([
  ['text', '二十', '非数字'],
  ['full-width digits', '１２', '非标准数字'],
  ['negative', -3, '负数'],
  ['decimal count', 2.5, '件数非整数'],
  ['1e308', 1e308, '数值过大'],
  ['2^53 + 1', 9007199254740993, '数值过大'],
  ['NaN', NaN, '非数字'],
  ['Infinity', Infinity, '非数字'],
  ['#REF! as Excel passes an error', { type: 'Error', errorType: 'Ref', basicValue: '#REF!' }, '错误值'],
  ['#DIV/0! as a code', { code: '#DIV/0!' }, '错误值'],
  ['#N/A as text', '#N/A', '错误值'],
  ['a formula’s text', '=SUM(A1:A3)', '非数字'],
  ['markup', '<img src=x onerror=alert(1)>', '非数字'],
  ['TRUE', true, '非数字'],
])('%s in a count cell gives a “%s” row, not #VALUE!', (_, value, title) => {
  const { rows, errors: n } = call({ ...base, 'T3.R5.C2': value });
  expect(titles(rows).some((t) => t.endsWith(title))).toBe(true);
  expect(typeof n).toBe('number');
});

test('a row deleted inside 表三 gives a structure finding', () => {
  const { rows, errors: n } = call(base, { T3: (g) => g.slice(0, 10).concat(g.slice(11)) });
  expect(titles(rows)).toEqual(['错误：表格结构']);
  expect(n).toBe(1);
});

test('a column inserted inside 表四 gives a structure finding', () => {
  const { rows } = call(base, { T4: (g) => g.map((r) => [...r.slice(0, 3), null, ...r.slice(3)]) });
  expect(titles(rows)).toEqual(['错误：表格结构']);
});

test('a range that is not a table at all (one cell, empty) gives findings, not an exception', () => {
  expect(titles(check([[1]] as never, [[]] as never, null as never))).toEqual(['错误：表格结构', '错误：表格结构', '错误：表格结构']);
});

test.each([
  [[1, 2, 3, 0], '✓'],
  [[1, 2, 2, 0], 1],
  [['x', 2, 3, 0], '含文本'],
  [[null, null, null, null], '✓'],
  [[{ code: '#REF!' }, 1, 1, 0], '含文本'],
])('BALANCE%j = %j', (args, expected) => {
  expect(balance(...(args as [unknown, unknown, unknown, unknown]))).toBe(expected);
});

test.each([
  [6, [[1], [2], [3]], '✓'],
  [7, [[1, 2, 3]], 1],
  [6, [[1], ['二'], [3]], '含文本'],
  [6, [[1e308]], '含文本'],
])('SUMCHECK(%j, %j) = %j', (total, details, expected) => {
  expect(sumcheck(total as never, details as never)).toBe(expected);
});
