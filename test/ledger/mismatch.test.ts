import { renderFinding } from '../../src/core/render';
import { REPORT_FORMAT, Report } from '../../src/core/report';
import { ledgerMismatches } from '../../src/ledger/mismatch';
import { emptyT3 } from '../../src/ledger';

/** 表三 as a register gives it: every cell 0 but the ones named. */
function registerT3(values: Record<string, number>): Record<string, number> {
  return { ...emptyT3(), ...values };
}

/** A report whose 表三 equals `t3`, with the 2019 single （六） row for the natural-person column. */
function mixedReport(t3: Record<string, number>, otherTotal: number): Report {
  const cells: Report['cells'] = { ...t3 };
  for (const r of [21, 22, 23]) cells[`T3.R${r}.C1`] = null;
  return {
    format: REPORT_FORMAT,
    org: '某县人民政府',
    year: 2025,
    cells,
    unknown: ['T3.R21.C1', 'T3.R22.C1', 'T3.R23.C1'],
    sums: [{ cells: ['T3.R21.C1', 'T3.R22.C1', 'T3.R23.C1'], value: otherTotal }],
  };
}

test('cells a 2019-style report gives only as one （六） total are never compared as blanks read as 0', () => {
  const ledger = registerT3({ 'T3.R22.C1': 2, 'T3.R23.C1': 1 });
  expect(ledgerMismatches(mixedReport(ledger, 3), ledger)).toEqual([]);
});

test('that total is compared with the register’s sum of the three rows, named as the row the report has', () => {
  const ledger = registerT3({ 'T3.R22.C1': 2, 'T3.R23.C1': 1 });
  const found = ledgerMismatches(mixedReport(ledger, 4), ledger);
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ rule: 'ledger.mismatch', cells: ['T3.R21.C1', 'T3.R22.C1', 'T3.R23.C1'], params: { reported: 4, ledger: 3 } });
  expect(renderFinding(found[0])).toBe('表三 自然人/（六）其他处理（原文合为一行）：年报填写4，台账统计为3');
});

test('known cells of the same report are still compared one by one', () => {
  const ledger = registerT3({ 'T3.R1.C1': 5 });
  const report = mixedReport({ ...ledger, 'T3.R1.C1': 4 }, 0);
  expect(ledgerMismatches(report, ledger).map((f) => f.cells)).toEqual([['T3.R1.C1']]);
});

