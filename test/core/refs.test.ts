import { cellPosition, columnIndex, parseRefs, refOnSheet } from '../../src/core/refs';

test('columns by letters', () => {
  expect([columnIndex('A'), columnIndex('Z'), columnIndex('AA'), columnIndex('XFD')]).toEqual([0, 25, 26, 16383]);
});

test('a defined name’s reference: quoted sheet, dollars, a single cell and a rectangle', () => {
  expect(parseRefs("='2024年政府信息公开年报'!$A$21:$J$48")).toEqual([{ sheet: '2024年政府信息公开年报', area: { row: 20, col: 0, rows: 28, cols: 10 }, address: 'A21:J48' }]);
  expect(parseRefs('Sheet1!$C$2')).toEqual([{ sheet: 'Sheet1', area: { row: 1, col: 2, rows: 1, cols: 1 }, address: 'C2' }]);
  expect(parseRefs("'it''s'!A1")[0].sheet).toBe("it's");
});

test('a union is split outside quotes; broken parts (#REF!) are left out', () => {
  const refs = parseRefs("='a,b'!$A$1,Other!$B$2:$C$3,#REF!");
  expect(refs.map((r) => r.sheet)).toEqual(['a,b', 'Other']);
});

test('the part on a sheet, case-insensitively; none on another sheet', () => {
  expect(refOnSheet("='X'!A1,'Y'!B2", 'y')?.address).toBe('B2');
  expect(refOnSheet("='X'!A1", 'Z')).toBeNull();
  expect(refOnSheet('A1:B2', 'Z')?.area).toEqual({ row: 0, col: 0, rows: 2, cols: 2 });
});

test('a cell position', () => {
  expect(cellPosition('D24')).toEqual({ row: 23, col: 3 });
  expect(cellPosition('D')).toBeNull();
});
