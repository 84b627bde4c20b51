import { affectedRules } from '../../src/core/affected';
import { CELL_RULES } from '../../src/core/rules';

const equations = (cells: string[], side?: 'current' | 'prior') =>
  affectedRules(cells, side)
    .filter((i) => i.anchor)
    .map((i) => `${i.rule}@${i.anchor!.axis}${i.anchor!.index}`)
    .sort();

test('a T3 cell feeds its column, its row, and the cross-year rule of its column', () => {
  expect(equations(['T3.R2.C1'])).toEqual(['T3.applicantTotal@row2', 'T3.balance@col1', 'prior.carryOver@col1']);
  expect(equations(['T3.R24.C7'])).toEqual(['T3.applicantTotal@row24', 'T3.balance@col7', 'T3.resultTotal@col7']);
});

test('this year: every cell rule, and T3.onlyTotals for 表三 cells', () => {
  const rules = new Set(affectedRules(['T3.R5.C2']).map((i) => i.rule));
  for (const r of CELL_RULES) expect(rules).toContain(r.id);
  expect(rules).toContain('T3.onlyTotals');
  expect(affectedRules(['T4.R1.C1']).map((i) => i.rule)).not.toContain('T3.onlyTotals');
});

test('last year: only the operands of the cross-year rules matter', () => {
  expect(equations(['T3.R25.C3'], 'prior')).toEqual(['prior.carryOver@col3']);
  expect(affectedRules(['T3.R25.C3'], 'prior').map((i) => i.rule)).toContain('prior.notNumber');
  expect(equations(['T2.R1.C3'], 'prior')).toEqual(['prior.inForce@row1']);
  expect(affectedRules(['T3.R1.C1', 'T4.R1.C5'], 'prior')).toEqual([]);
});

test('nothing touched, or no input cell: nothing affected', () => {
  expect(affectedRules([])).toEqual([]);
  expect(affectedRules(['X1', 'T9.R1.C1'])).toEqual([]);
});

test('each instance once, however many of its cells changed', () => {
  const list = affectedRules(['T3.R1.C1', 'T3.R2.C1', 'T3.R24.C1']).filter((i) => i.rule === 'T3.balance');
  expect(list).toHaveLength(1);
});
