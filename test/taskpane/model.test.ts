/** What the pane shows, computed from a read sheet, without a DOM or a host. */
import { fingerprint } from '../../src/core/findings';
import { checkGridReport } from '../../src/core/engine';
import { Report, emptyReport } from '../../src/core/report';
import { CELL_IDS, inputCell } from '../../src/core/tables';
import type { SheetRead } from '../../src/host/contract';
import { MAX_PER_GROUP, buildView, summaryText } from '../../src/taskpane/model';

const SHEET = '2024年政府信息公开年报';

function read(cells: Report['cells'], extra: Partial<SheetRead> = {}): SheetRead {
  const report = { ...emptyReport('木厂镇', 2024), cells };
  return { sheet: SHEET, isTemplate: true, report, findings: [], unreadable: [], addresses: Object.fromEntries(CELL_IDS.map((c, i) => [c, `X${i + 1}`])), ...extra };
}

const zeros = (): Report['cells'] => Object.fromEntries(CELL_IDS.map((c) => [c, 0]));

test('summary lines', () => {
  expect(summaryText(3, 2, 0, 3, 42)).toBe('✗ 3 处错误，2 处提示');
  expect(summaryText(1, 0, 0, 1, 42)).toBe('✗ 1 处错误');
  expect(summaryText(0, 0, 0, 0, 42)).toBe('✓ 全部勾稽关系通过（42条）');
  expect(summaryText(0, 1, 0, 1, 44)).toBe('✓ 没有错误，1 处提示');
  expect(summaryText(0, 0, 2, 0, 42)).toBe('✓ 全部勾稽关系通过（42条）（另有 2 处已说明）');
});

test('a clean report: nothing to show, nothing to fix, nothing to mark', () => {
  const v = buildView(read(zeros()), null, []);
  expect([v.errors, v.warnings, v.groups, v.fills, v.totals, v.marks]).toEqual([0, 0, [], [], [], []]);
  expect(v.summary).toBe('✓ 全部勾稽关系通过（42条）');
});

test('counts, groups in table order, errors before warnings, and the marks of errors and open warnings only', () => {
  const cells = { ...zeros(), 'T3.R1.C1': 5, 'T4.R1.C1': '/', 'T2.R1.C1': null };
  const v = buildView(read(cells), null, []);
  expect(v.groups.map((g) => [g.table, g.errors, g.warnings])).toEqual([
    ['T2', 0, 1],
    ['T3', 2, 0],
    ['T4', 0, 1],
  ]);
  expect(v.groups[1].items.map((i) => (i.kind === 'finding' ? i.finding.rule : i.kind))).toEqual(['T3.balance', 'T3.applicantTotal']);
  expect(v.marks).toContain('T4.R1.C1');
  expect(v.marks).not.toContain('T2.R1.C1'); // a blank cell is not marked
  expect(v.fills).toEqual([{ cell: 'T2.R1.C1', value: 0 }]);
});

test('an acknowledged warning is counted apart, listed last, and not marked; a changed one is open again', () => {
  const cells = { ...zeros(), 'T4.R1.C1': '/' };
  const f = checkGridReport(read(cells)).find((x) => x.rule === 'cell.placeholder')!;
  const ack = { fingerprint: fingerprint(f), sheet: SHEET, reason: '原表如此', at: '' };
  const v = buildView(read(cells), null, [ack]);
  expect([v.warnings, v.acknowledged, v.marks]).toEqual([0, 1, []]);
  expect(v.groups[0].items[0]).toMatchObject({ kind: 'finding', acknowledgement: ack });
  // Another sheet's acknowledgement does not apply here.
  expect(buildView(read(cells), null, [{ ...ack, sheet: '别的表' }]).acknowledged).toBe(0);
  expect(buildView(read({ ...cells, 'T4.R1.C1': '—' }), null, [ack]).acknowledged).toBe(0);
});

test('cross-year findings carry both years’ figures', () => {
  const prior: Report = { ...emptyReport('木厂镇', 2023), cells: { 'T3.R25.C1': 3, 'T2.R1.C3': 10 } };
  const v = buildView(read({ ...zeros(), 'T3.R2.C1': 1, 'T3.R2.C7': 1 }), prior, []);
  const carry = v.groups.flatMap((g) => g.items).find((i) => i.kind === 'finding' && i.finding.rule === 'prior.carryOver' && i.cells[0] === 'T3.R2.C1');
  expect(carry && carry.kind === 'finding' && carry.figures.map((f) => [f.year, f.cell, f.value])).toEqual([
    ['current', 'T3.R2.C1', '1'],
    ['prior', 'T3.R25.C1', '3'],
  ]);
});

test('quick fixes leave out tables that could not be read, and blank totals over blank parts', () => {
  const r = read({ 'T3.R1.C1': 2, 'T3.R1.C2': 3 }, { unreadable: ['T2'] });
  const v = buildView(r, null, []);
  expect(v.fills.some((c) => inputCell(c.cell).table === 'T2')).toBe(false);
  expect(v.totals).toEqual([{ cell: 'T3.R1.C7', value: 5 }]);
});

test('a long list is cut per group, with the rest counted', () => {
  const text = Object.fromEntries(CELL_IDS.filter((c) => c.startsWith('T3.')).map((c) => [c, '文字']));
  const v = buildView(read(text), null, []);
  const t3 = v.groups.find((g) => g.table === 'T3')!;
  expect(t3.items).toHaveLength(MAX_PER_GROUP);
  expect(t3.more).toBe(175 - MAX_PER_GROUP);
  expect(t3.errors).toBe(175);
});
