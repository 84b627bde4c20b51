/** The hosts' shared register helpers (src/host/ledger-probe.ts): a used range as the core's grid from A1, and the header probe. */
import { gridFromA1, ledgerHeaderIndex } from '../../src/host/ledger-probe';

test('a used range becomes a grid from A1: rows and columns before it empty, empty text empty, empty rows at its end left out', () => {
  expect(gridFromA1(2, 1, [['收到日期', 45355], ['', null], [undefined, '']])).toEqual([[], [], [null, '收到日期', 45355]]);
  expect(gridFromA1(5, 0, [[null], ['']])).toEqual([]);
  expect(gridFromA1(0, 0, [[true, 0]])).toEqual([[true, 0]]);
});

test('the header probe: a row naming the register columns by meaning, under titles, in any order', () => {
  expect(ledgerHeaderIndex([['某某局登记表'], [], ['办结日期', '处理结果', '受理日期', '申请人类别', '电话']])).toBe(2);
  expect(ledgerHeaderIndex([['姓名', '电话'], ['张三', '123']])).toBeNull();
});
