/** Quick fixes and suggestions: each names exactly the cells it would change, and fixes what it says. */
import { check } from '../../src/core/engine';
import { fillBlanks, recomputeTotals, renderSuggestion, suggestions } from '../../src/core/fixes';
import { fingerprint } from '../../src/core/findings';
import { consistentReport, fixture, withCells } from '../helpers/reports';

const county = fixture('shuyang-county-2025.json');

describe('fillBlanks', () => {
  test('names every blank cell and only those', () => {
    const report = fixture('shuyang-fgj-2023.json');
    const changes = fillBlanks(report);
    expect(changes).toHaveLength(125);
    for (const c of changes) expect(report.cells[c.cell] ?? null).toBeNull();
    expect(changes.every((c) => c.value === 0)).toBe(true);
  });

  test('leaves placeholders, text and zeros alone', () => {
    const report = withCells(county, { 'T3.R1.C2': '/', 'T3.R1.C3': '无', 'T3.R1.C4': null, 'T3.R1.C5': '   ' });
    expect(fillBlanks(report).map((c) => c.cell)).toEqual(['T3.R1.C4', 'T3.R1.C5']);
  });
});

describe('recomputeTotals', () => {
  test('a consistent report needs no change', () => {
    expect(recomputeTotals(county)).toEqual([]);
    expect(recomputeTotals(consistentReport(3))).toEqual([]);
  });

  test('recomputes a wrong total and the totals that depend on it, nothing else', () => {
    const report = withCells(county, { 'T3.R3.C1': 300 });
    const changes = recomputeTotals(report);
    expect(changes).toEqual(expect.arrayContaining([
      { cell: 'T3.R3.C7', value: 304 },
      { cell: 'T3.R24.C1', value: 720 },
      { cell: 'T3.R24.C7', value: 728 },
    ]));
    expect(changes).toHaveLength(3);
    const fixed = withCells(report, Object.fromEntries(changes.map((c) => [c.cell, c.value])));
    const rules = check(fixed).map((f) => f.rule);
    expect(rules).not.toContain('T3.resultTotal');
    expect(rules).not.toContain('T3.applicantTotal');
  });

  test('recomputes a T4 group total', () => {
    expect(recomputeTotals(withCells(county, { 'T4.R1.C5': 60 }))).toEqual([{ cell: 'T4.R1.C5', value: 61 }]);
  });

  test('skips a total whose part is not a number', () => {
    const changes = recomputeTotals(withCells(county, { 'T4.R1.C1': '二十七', 'T4.R1.C5': 60 }));
    expect(changes.map((c) => c.cell)).not.toContain('T4.R1.C5');
  });
});

describe('suggestions', () => {
  test('one wrong total that breaks three rules yields one suggestion that satisfies all three', () => {
    const report = withCells(county, { 'T3.R24.C1': 700 });
    const [s, ...rest] = suggestions(report);
    expect(rest).toEqual([]);
    expect(s).toEqual(expect.objectContaining({ cell: 'T3.R24.C1', from: 700, to: 710 }));
    expect(s.resolves).toHaveLength(3);
    expect(renderSuggestion(s)).toBe('将 表三 自然人/（七）总计 由 700 改为 710，可同时满足 3 条规则（表三“自然人”列、表三“（七）总计”行）');
    expect(check(withCells(report, { [s.cell]: s.to }))).toEqual([]);
  });

  test('no suggestion for a single failing rule, or one that would break a holding rule', () => {
    expect(suggestions(withCells(county, { 'T4.R1.C5': 60 }))).toEqual([]);
    expect(suggestions(county)).toEqual([]);
  });
});

describe('fingerprint', () => {
  test('changes when the values behind a finding change', () => {
    const a = check(withCells(county, { 'T3.R1.C2': null }))[0];
    const b = check(withCells(county, { 'T3.R1.C2': '/' })).find((f) => f.rule === 'cell.placeholder')!;
    expect(fingerprint(a)).not.toBe(fingerprint(b));
    const x = check(withCells(county, { 'T4.R1.C5': 60 }))[0];
    const y = check(withCells(county, { 'T4.R1.C5': 59 }))[0];
    expect(fingerprint(x)).not.toBe(fingerprint(y));
    expect(fingerprint(x)).toBe(fingerprint(check(withCells(county, { 'T4.R1.C5': 60 }))[0]));
  });
});

describe('recomputeTotals and blanks', () => {
  test('a blank total over blank parts is left to fillBlanks', () => {
    const report = withCells(county, { 'T4.R1.C1': null, 'T4.R1.C2': null, 'T4.R1.C3': null, 'T4.R1.C4': null, 'T4.R1.C5': null });
    expect(recomputeTotals(report).map((c) => c.cell)).not.toContain('T4.R1.C5');
  });

  test('a blank total over parts that are not all zero is computed', () => {
    expect(recomputeTotals(withCells(county, { 'T4.R1.C5': null }))).toEqual([{ cell: 'T4.R1.C5', value: 61 }]);
  });
});
