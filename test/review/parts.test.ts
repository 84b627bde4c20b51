/** The review's parts on their own: the running sum, the flags across reports, the prior index, locations. */
import { check } from '../../src/core/engine';
import { Report, emptyReport } from '../../src/core/report';
import { bodyKey, commonYear, flagAcrossReports } from '../../src/review/flags';
import { findingLocation } from '../../src/review/location';
import { PRIOR_CELLS, PriorIndex, slimPrior } from '../../src/review/prior';
import { RunningSum } from '../../src/review/sum';
import { ReportSummary, sortSummaries, summarise, unreadableSummary } from '../../src/review/summary';
import { consistentReport, withCells } from '../helpers/reports';

const withValues = (cells: Report['cells'], org = '甲', year: number | null = 2024): Report => ({ ...emptyReport(org, year), cells });

describe('RunningSum', () => {
  test('adds cell by cell; a cell no report filled stays blank; placeholders count as 0, as the engine reads them', () => {
    const sum = new RunningSum();
    sum.add(withValues({ 'T3.R1.C1': 3, 'T2.R6.C1': 0.1, 'T3.R1.C2': '/' }), [], 'a');
    sum.add(withValues({ 'T3.R1.C1': '４', 'T2.R6.C1': 0.2 }), [], 'b');
    const total = sum.report('汇总', 2024);
    expect(total.cells).toEqual({ 'T3.R1.C1': 7, 'T2.R6.C1': 0.3, 'T3.R1.C2': 0 });
    expect(sum.reports).toBe(2);
    expect(sum.leftOut()).toEqual([]);
  });

  test('a value that is not a usable number is left out and noted, naming the first three files and counting the rest', () => {
    const sum = new RunningSum();
    for (const name of ['a', 'b', 'c', 'd']) sum.add(withValues({ 'T3.R1.C1': '约10件', 'T3.R1.C2': 1 }), [], name);
    expect(sum.report('', null).cells).toEqual({ 'T3.R1.C2': 4 });
    expect(sum.leftOut()).toEqual([{ table: 'T3', cell: 'T3.R1.C1', count: 4, examples: ['a（“约10件”）', 'b（“约10件”）', 'c（“约10件”）'] }]);
  });

  test('a table that could not be read is left out whole, once per report, before single cells', () => {
    const sum = new RunningSum();
    sum.add({ ...withValues({ 'T3.R1.C1': 5, 'T4.R1.C1': '#REF!' }), unreadable: ['T3'] }, [], 'a');
    sum.add(withValues({ 'T3.R1.C1': 2 }), ['T3'], 'b');
    expect(sum.report('', null).cells).toEqual({});
    expect(sum.leftOut().map((l) => [l.table, l.cell, l.count])).toEqual([
      ['T3', null, 2],
      ['T4', 'T4.R1.C1', 1],
    ]);
  });

  test('the sum of consistent reports is consistent', () => {
    const sum = new RunningSum();
    for (let i = 1; i <= 5; i++) sum.add(consistentReport(i), [], String(i));
    expect(check(sum.report('汇总', 2024))).toEqual([]);
  });
});

const summary = (org: string, year: number | null, order: number): ReportSummary => summarise(order, `${order}.json`, undefined, withValues({}, org, year), [], []);

describe('flags across reports', () => {
  test('a body is the same body whatever its spaces or bracket widths', () => {
    expect(bodyKey(' 某县 (区) 财政局 ')).toBe(bodyKey('某县（区）财政局'));
    expect(bodyKey('   ')).toBe('');
  });

  test('the common year is the most frequent one, the later on a tie; unreadable files and blank years do not count', () => {
    expect(commonYear([summary('a', 2023, 0), summary('b', 2024, 1)])).toBe(2024);
    expect(commonYear([summary('a', 2023, 0), summary('b', 2023, 1), summary('c', 2024, 2), summary('d', null, 3)])).toBe(2023);
    expect(commonYear([unreadableSummary(0, 'x', '文件是空的')])).toBeNull();
  });

  test('bodies without a name are never duplicates of each other', () => {
    const all = [summary('', 2024, 0), summary('', 2024, 1), summary('乙', 2024, 2), summary('乙 ', 2024, 3)];
    const flags = flagAcrossReports(all);
    expect(flags.duplicateBodies).toBe(1);
    expect(all.map((s) => s.notes.length)).toEqual([0, 0, 1, 1]);
    expect(all[2].notes[0]).toBe('同一机关另有 1 份年报：3.json');
  });

  test('a name with higher-level places in front is the same body, never by a chain through a shorter name', () => {
    const all = [summary('淮安市洪泽区人民政府', 2024, 0), summary('洪泽区人民政府', 2024, 1), summary('南京市鼓楼区人民政府', 2024, 2), summary('福州市鼓楼区人民政府', 2024, 3), summary('淮安区人民政府', 2024, 4)];
    const flags = flagAcrossReports(all);
    expect(flags.duplicateBodies).toBe(1);
    expect(all.map((s) => s.notes)).toEqual([['同一机关另有 1 份年报：1.json'], ['同一机关另有 1 份年报：0.json'], [], [], []]);
  });

  test('many copies of one body are counted, three named', () => {
    const all = Array.from({ length: 6 }, (_, i) => summary('丙', 2024, i));
    flagAcrossReports(all);
    expect(all[0].notes).toEqual(['同一机关另有 5 份年报：1.json、2.json、3.json 等']);
  });

  test('rows sort errors first, then unreadable files, then passes, in input order within each', () => {
    const pass = summary('a', 2024, 0);
    const unreadable = unreadableSummary(1, 'x', '文件是空的');
    const errors = summarise(2, 'e.json', undefined, withValues({}, 'e'), [], [{ rule: 'T3.balance', severity: 'error', table: 'T3', cells: [] }]);
    expect(sortSummaries([pass, unreadable, errors]).map((s) => s.order)).toEqual([2, 1, 0]);
  });
});

describe('PriorIndex', () => {
  test("matches a body's report of the year before, else its latest earlier one", () => {
    const index = new PriorIndex();
    for (const year of [2021, 2022, 2023]) index.add(slimPrior({ report: consistentReport(year, '某局', year), unreadable: [] }));
    expect(index.match('某 局', 2024)?.year).toBe(2023);
    expect(index.match('某局', 2023)?.year).toBe(2022);
    expect(index.match('某局', 2030)?.year).toBe(2023);
    expect(index.match('他局', 2024)).toBeNull();
  });

  test('finds the same body named with or without higher-level places in front, and never another', () => {
    const index = new PriorIndex();
    index.add(slimPrior({ report: consistentReport(1, '洪泽区人民政府', 2023), unreadable: [] }));
    index.add(slimPrior({ report: consistentReport(2, '江苏省淮安市人民政府', 2023), unreadable: [] }));
    index.add(slimPrior({ report: consistentReport(3, '南京市鼓楼区人民政府', 2023), unreadable: [] }));
    index.add(slimPrior({ report: consistentReport(4, '福州市鼓楼区人民政府', 2023), unreadable: [] }));
    expect(index.match('淮安市洪泽区人民政府', 2024)?.org).toBe('洪泽区人民政府');
    expect(index.match('淮安市人民政府', 2024)?.org).toBe('江苏省淮安市人民政府');
    expect(index.match('淮安区人民政府', 2024)).toBeNull();
    expect(index.match('淮安市财政局', 2024)).toBeNull();
    // Two bodies go by the shorter name: neither is taken.
    expect(index.match('鼓楼区人民政府', 2024)).toBeNull();
  });

  test('keeps only the cells the cross-year rules read, and none of a table that could not be read', () => {
    const slim = slimPrior({ report: consistentReport(1, '某局', 2023), unreadable: ['T2'] });
    expect(Object.keys(slim.cells).sort()).toEqual(PRIOR_CELLS.filter((id) => id.startsWith('T3')).sort());
  });
});

describe('findingLocation', () => {
  const [finding] = check(withCells(consistentReport(1), { 'T3.R24.C7': 9999 })).filter((f) => f.rule === 'T3.resultTotal');

  test('a workbook finding gives the sheet and its cells as few ranges', () => {
    const addresses = Object.fromEntries(finding.cells.map((id) => [id, `J${Number(/R(\d+)/.exec(id)![1]) + 23}`]));
    expect(findingLocation(finding, { sheet: '2024年', addresses })).toBe('2024年!J26:J47');
  });

  test('any other finding gives the table and the row or column labels', () => {
    expect(findingLocation(finding, { addresses: {} })).toBe('表三“总计”列');
  });
});
