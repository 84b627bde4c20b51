/**
 * Round trips: a report exported to Word and read back by our own importer (as `convert` does)
 * gives the same 200 cells, body and year — for the real fixtures and for generated reports —
 * and the drafted prose draws no text.* finding: it agrees with the tables by construction.
 */
import fc from 'fast-check';
import { check } from '../../src/core/engine';
import { CellValue, REPORT_FORMAT, Report } from '../../src/core/report';
import { CELL_IDS, inputCell } from '../../src/core/tables';
import { exportDocx } from '../../src/export';
import { importReport } from '../../src/import';
import { nodeImportOptions } from '../../src/import/node';
import { consistentReport, fixture, withCells } from '../helpers/reports';

async function roundTrip(report: Report) {
  const r = await importReport(await exportDocx(report), '年报.docx', nodeImportOptions);
  if (!r.ok) throw new Error(r.error);
  return r;
}

const cellsOf = (report: Report): Record<string, CellValue> => Object.fromEntries(CELL_IDS.map((id) => [id, report.cells[id] ?? null]));
const textRules = (findings: { rule: string }[]) => findings.map((f) => f.rule).filter((rule) => rule.startsWith('text.'));

describe('export → import gives back the same report', () => {
  const cases: Record<string, Report> = {
    'shuyang-county-2025': fixture('shuyang-county-2025.json'),
    'shuyang-fgj-2023 (blank cells)': fixture('shuyang-fgj-2023.json'),
    'all zero (as 木厂镇 2024)': { format: REPORT_FORMAT, org: '木厂镇', year: 2024, cells: Object.fromEntries(CELL_IDS.map((id) => [id, 0])) },
    'notes and placeholders in cells': withCells(fixture('shuyang-county-2025.json'), { 'T2.R2.C1': '22（其中修订16件）', 'T3.R1.C7': '/', 'T3.R1.C2': '—', 'T4.R1.C5': '１２', 'T4.R1.C10': null }),
    'tables with errors': withCells(consistentReport(7, '某县司法局', 2024), { 'T3.R24.C7': 9999, 'T3.R3.C2': -3, 'T4.R1.C5': 1.5 }),
  };

  test.each(Object.entries(cases))('%s: all 200 cells, body and year; no text.* or import.* finding', async (_name, report) => {
    const back = await roundTrip(report);
    expect(cellsOf(back.report)).toEqual(cellsOf(report));
    expect(back.report.org).toBe(report.org);
    expect(back.report.year).toBe(report.year);
    expect(back.unreadable).toEqual([]);
    expect(back.findings.map((f) => f.rule).filter((r) => /^(text|import|format|layout)\./.test(r))).toEqual([]);
    // `check` of the exported document: the same findings as the report itself, and no text.*.
    expect(check(back.report, { unreadable: back.unreadable })).toEqual(check(report));
  });

  // Cell values as a report holds them and our importer keeps them: numbers, blanks, placeholders,
  // notes inside number cells, full-width digits (a string of plain digits would come back as a number).
  const value = (kind: 'count' | 'amount'): fc.Arbitrary<CellValue | undefined> =>
    fc.oneof(
      { weight: 12, arbitrary: fc.integer({ min: 0, max: 40 }) },
      { weight: 2, arbitrary: fc.integer({ min: 41, max: 999_999_999 }) },
      { weight: 1, arbitrary: kind === 'amount' ? fc.constantFrom(0.5, 4068.208, 12.75) : fc.constantFrom(-3, 1.5) },
      { weight: 2, arbitrary: fc.constantFrom(null, undefined) },
      { weight: 1, arbitrary: fc.constantFrom('/', '—', '／', '无', '－') },
      { weight: 1, arbitrary: fc.constantFrom('22（其中修订16件）', '55（含自然失效29件）', '１２', '３') },
    );
  const reportArb: fc.Arbitrary<Report> = fc
    .record({
      org: fc.constantFrom('沭阳县人民政府', '某市生态环境局', '六安市金安区木厂镇', '上海市人民政府办公厅'),
      year: fc.integer({ min: 2021, max: 2030 }),
      values: fc.tuple(...CELL_IDS.map((id) => value(inputCell(id).kind))),
    })
    .map(({ org, year, values }) => {
      const cells: Record<string, CellValue> = {};
      CELL_IDS.forEach((id, i) => {
        if (values[i] !== undefined) cells[id] = values[i] as CellValue;
      });
      return { format: REPORT_FORMAT, org, year, cells };
    });

  test('generated reports: the same 200 cells, and the drafted text never contradicts the tables', async () => {
    await fc.assert(
      fc.asyncProperty(reportArb, async (report) => {
        const back = await roundTrip(report);
        expect(cellsOf(back.report)).toEqual(cellsOf(report));
        expect(back.report.org).toBe(report.org);
        expect(back.report.year).toBe(report.year);
        expect(textRules(back.findings)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  test('generated consistent reports with only zeros or few applications: no text.* finding either', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), fc.boolean(), async (seed, zero) => {
        const base = consistentReport(seed, '某县人民政府', 2024);
        const report = zero ? { ...base, cells: Object.fromEntries(CELL_IDS.map((id) => [id, 0])) } : base;
        const back = await roundTrip(report);
        expect(cellsOf(back.report)).toEqual(cellsOf(report));
        expect(textRules(back.findings)).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });
});
