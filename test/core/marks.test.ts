/**
 * The template's marks as data: what they cover, how few there are, and that their semantics
 * (as src/preview/native.ts evaluates them, and LibreOffice confirms in
 * test/xlsx/marks.libreoffice.test.ts) say what the engine's cell rules say.
 */
import { INPUT_MARK_RULES, markFormula, rectangles } from '../../src/core/marks';
import { readCell } from '../../src/core/read';
import { CELL_RULES, EQUATION_RULES } from '../../src/core/rules';
import { a1, inputPosition, sheetPlan } from '../../src/core/sheet';
import { CELL_IDS, InputKind, inputCell } from '../../src/core/tables';
import { SheetValue, markedCells } from '../../src/preview/native';

const plan = sheetPlan('木厂镇', 2024);
const key = (p: { row: number; col: number }) => `${p.row},${p.col}`;
const covered = (severity: string, type: string) => {
  const out: string[] = [];
  for (const m of plan.marks.filter((x) => x.severity === severity && x.test.type === type))
    for (let r = m.area.row; r < m.area.row + m.area.rows; r++) for (let c = m.area.col; c < m.area.col + m.area.cols; c++) out.push(`${r},${c}`);
  return out;
};

test('every input cell carries exactly one error mark and one warning mark, of its own kind', () => {
  const inputs = CELL_IDS.map((id) => key(inputPosition(plan, id))).sort();
  expect(covered('error', 'input').sort()).toEqual(inputs);
  expect(covered('warning', 'input').sort()).toEqual(inputs);
  for (const m of plan.marks.filter((x) => x.test.type === 'input')) {
    for (const id of CELL_IDS) {
      const p = inputPosition(plan, id);
      const inside = p.row >= m.area.row && p.row < m.area.row + m.area.rows && p.col >= m.area.col && p.col < m.area.col + m.area.cols;
      if (inside) expect([id, m.test]).toEqual([id, { type: 'input', kind: inputCell(id).kind }]);
    }
  }
});

test('every check cell is marked; of the operands only the totals, and only where the rule is a total against its parts', () => {
  const checks = plan.checks.map(key).sort();
  expect(covered('error', 'check').sort()).toEqual(checks);
  expect(covered('warning', 'check').sort()).toEqual(checks);
  const totals = new Set<string>();
  for (const c of plan.checks) if (EQUATION_RULES.find((r) => r.id === c.rule)!.recomputesTotal) totals.add(key(inputPosition(plan, c.equation.lhs[0].cell)));
  expect(new Set(covered('error', 'total'))).toEqual(totals);
  expect(covered('warning', 'total')).toEqual([]);
  // 表三's balance is no total: its operands are never painted.
  const balanceOperands = plan.checks.filter((c) => c.rule === 'T3.balance').flatMap((c) => [...c.equation.lhs, ...c.equation.rhs].map((t) => key(inputPosition(plan, t.cell))));
  for (const k of balanceOperands) if (!totals.has(k)) expect(covered('error', 'total')).not.toContain(k);
});

test('few conditional formats: one per run of cells, errors before warnings', () => {
  expect(plan.marks.length).toBeLessThanOrEqual(30);
  const first = plan.marks.findIndex((m) => m.severity === 'warning');
  expect(plan.marks.slice(first).every((m) => m.severity === 'warning')).toBe(true);
  expect(rectangles([{ row: 0, col: 0 }, { row: 0, col: 1 }, { row: 1, col: 0 }, { row: 1, col: 1 }, { row: 3, col: 5 }])).toEqual([
    { row: 0, col: 0, rows: 2, cols: 2 },
    { row: 3, col: 5, rows: 1, cols: 1 },
  ]);
});

test('each formula is compiled from its data, relative to the first cell of its area', () => {
  for (const m of plan.marks) expect(m.formula).toBe(markFormula(m.test, m.severity, (dr, dc) => a1(m.area.row + dr, m.area.col + dc)));
  const total = plan.marks.find((m) => m.test.type === 'total' && m.rules.includes('T3.resultTotal'))!;
  expect(total.formula).toBe(`ISNUMBER(${a1(total.area.row + 3, total.area.col)})`);
});

test('the marks stand for the cell rules they mirror', () => {
  const cellRules = new Set(CELL_RULES.map((r) => r.id));
  for (const kind of ['count', 'amount'] as const) for (const ids of Object.values(INPUT_MARK_RULES[kind])) for (const id of ids) expect(cellRules).toContain(id);
  expect(INPUT_MARK_RULES.amount.error).not.toContain('cell.fraction');
});

/** The engine's verdict on one value: the most severe cell rule that fires, blank left out (never marked). */
function engineSeverity(v: SheetValue, kind: InputKind): string | undefined {
  const id = CELL_IDS.find((c) => inputCell(c).kind === kind)!;
  const raw = typeof v === 'object' && v !== null ? v.error : v;
  const fired = CELL_RULES.filter((r) => r.id !== 'cell.blank' && r.test(readCell(raw), inputCell(id)));
  return fired.some((r) => r.severity === 'error') ? 'error' : fired.length ? 'warning' : undefined;
}

function markSeverity(v: SheetValue, kind: InputKind): string | undefined {
  const id = CELL_IDS.find((c) => inputCell(c).kind === kind)!;
  const p = inputPosition(plan, id);
  return markedCells(plan.marks, (r, c) => (r === p.row && c === p.col ? v : null)).get(key(p));
}

const VALUES: SheetValue[] = [
  12, 0, -3, 1.5, 1e10, true, { error: '#DIV/0!' },
  '１２', ' 12', '12 ', '\u00a012', '12\n', '1,234', '１，２３４', '+3', '12.', '1.0', '/', '／', '—', '无', 'N/A', 'None', '--',
  '22（其中修订16件）', '-3', '－３', '1.5', '.5', '1234567890', '1/2', '12%', '1e3', '$5', '(12)', '0x10', 'abc', '#REF!', '12件', '1 2', 'Ｎ／Ａ',
  '　', '  ', '', null,
];

test.each(['count', 'amount'] as const)('a %s cell is marked as the engine’s cell rules judge it: red for errors, amber for warnings, blank never', (kind) => {
  for (const v of VALUES) expect([v, markSeverity(v, kind)]).toEqual([v, engineSeverity(v, kind)]);
});

test('where a formula cannot follow the engine, the mark is the milder one', () => {
  // Digit grouping cannot be checked by a formula: "1,2" is text to the engine, a number to the mark.
  expect([engineSeverity('1,2', 'count'), markSeverity('1,2', 'count')]).toEqual(['error', 'warning']);
});
