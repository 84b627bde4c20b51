/**
 * One `describe` per rule id, Arelle conformance style: each starts from a consistent report,
 * breaks exactly what the rule guards, and asserts the complete list of findings — the rule's
 * own, with every field, and nothing else.
 *
 * The expected equation findings are written from the spec's arithmetic (report-format.md,
 * “Cross-table rules”), not taken from rules.ts.
 */
import { check, checkGridReport } from '../../src/core/engine';
import { Finding } from '../../src/core/findings';
import { reportFromGrids } from '../../src/core/grid';
import { Report } from '../../src/core/report';
import { parseReportJson } from '../../src/core/report-schema';
import { renderFinding } from '../../src/core/render';
import { RULE_IDS, rule } from '../../src/core/rules';
import { LEDGER_REPRESENTATIVE } from '../ledger/helpers';
import {
  APPLICANT_COLS,
  CHINESE,
  RESULT_ROWS,
  T3_ALL_COLS,
  TOTAL_COL,
  bump,
  canonical,
  consistentReport,
  priorFor,
  range,
  t2,
  t3,
  t4,
  tableGrids,
  withCells,
  zeroT3Cell,
} from './helpers';

const base = consistentReport();
const prior = priorFor(base);

const covered: string[] = [];
/** A describe block for one rule id; the block's name is the id. */
function describeRule(id: string, body: () => void): void {
  covered.push(id);
  describe(id, body);
}

const expectFindings = (actual: Finding[], expected: Finding[]): void => expect(canonical(actual)).toEqual(canonical(expected));

// ---- expected equation findings, from the spec's arithmetic ---------------------------------------

const value = (report: Report, id: string): number => report.cells[id] as number;
const sum = (report: Report, ids: string[]): number => ids.reduce((s, id) => s + value(report, id), 0);

function equationFinding(
  ruleId: string,
  severity: 'error' | 'warning',
  anchor: Finding['anchor'] & object,
  cells: string[],
  lhs: number,
  rhs: number,
  priorCells?: string[],
): Finding {
  return { rule: ruleId, severity, table: anchor.table, cells, ...(priorCells ? { priorCells } : {}), anchor, lhs, rhs, difference: lhs - rhs };
}

/** T3 column c: row1 + row2 = row24 + row25. */
function balance(report: Report, c: number): Finding {
  const lhs = [t3(1, c), t3(2, c)];
  const rhs = [t3(24, c), t3(25, c)];
  return equationFinding('T3.balance', 'error', { table: 'T3', axis: 'col', index: c }, [...lhs, ...rhs], sum(report, lhs), sum(report, rhs));
}

/** T3 column c: row24 = rows 3–23. */
function resultTotal(report: Report, c: number): Finding {
  const rhs = RESULT_ROWS.map((r) => t3(r, c));
  return equationFinding('T3.resultTotal', 'error', { table: 'T3', axis: 'col', index: c }, [t3(24, c), ...rhs], value(report, t3(24, c)), sum(report, rhs));
}

/** T3 row r: 总计 = 自然人 + the five 法人或其他组织 columns. */
function applicantTotal(report: Report, r: number): Finding {
  const rhs = APPLICANT_COLS.map((c) => t3(r, c));
  return equationFinding('T3.applicantTotal', 'error', { table: 'T3', axis: 'row', index: r }, [t3(r, TOTAL_COL), ...rhs], value(report, t3(r, TOTAL_COL)), sum(report, rhs));
}

/** T4 group g (1 行政复议, 2 未经复议直接起诉, 3 复议后起诉): 总计 = the four outcomes. */
function groupTotal(report: Report, g: number): Finding {
  const first = (g - 1) * 5;
  const rhs = range(first + 1, first + 4).map(t4);
  return equationFinding('T4.groupTotal', 'error', { table: 'T4', axis: 'group', index: g }, [t4(first + 5), ...rhs], value(report, t4(first + 5)), sum(report, rhs));
}

/** T3 column c: this year's row 2 = last year's row 25. */
function carryOver(report: Report, last: Report, c: number): Finding {
  return equationFinding('prior.carryOver', 'error', { table: 'T3', axis: 'col', index: c }, [t3(2, c)], value(report, t3(2, c)), value(last, t3(25, c)), [t3(25, c)]);
}

/** T2 row r: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止. */
function inForce(report: Report, last: Report, r: number): Finding {
  const rhs = value(last, t2(r, 3)) + value(report, t2(r, 1)) - value(report, t2(r, 2));
  return equationFinding('prior.inForce', 'warning', { table: 'T2', axis: 'row', index: r }, [t2(r, 3), t2(r, 1), t2(r, 2)], value(report, t2(r, 3)), rhs, [t2(r, 3)]);
}

/** A finding of a cell rule, as the engine reports it. */
function cellFinding(ruleId: string, severity: 'error' | 'warning', id: string, fields: Partial<Finding> = {}): Finding {
  return { rule: ruleId, severity, table: id.slice(0, 2) as Finding['table'], cells: [id], ...fields };
}

// ---------------------------------------------------------------------------------------------------

describe('the starting points', () => {
  test('the generated report satisfies every rule', () => {
    expect(check(base)).toEqual([]);
  });

  test('the generated report and its prior year satisfy every cross-year rule', () => {
    expect(check(base, { prior })).toEqual([]);
  });

  test('the generated report has zeros in its detail rows and positive carried-in figures', () => {
    expect(zeroT3Cell(base)).toMatch(/^T3\./);
    for (const c of APPLICANT_COLS) expect(value(base, t3(1, c))).toBeGreaterThan(0);
  });
});

describeRule('T3.balance', () => {
  test.each(APPLICANT_COLS)('column %i: 第一项 one too many is reported on that column and on 总计', (c) => {
    const broken = bump(base, { [t3(1, c)]: 1, [t3(1, TOTAL_COL)]: 1 });
    const findings = check(broken);
    expectFindings(findings, [balance(broken, c), balance(broken, TOTAL_COL)]);
    expect(findings.every((f) => f.difference === 1)).toBe(true);
  });

  test('the 总计 column is checked too: 第四项 of 总计 one too many', () => {
    const broken = bump(base, { [t3(25, TOTAL_COL)]: 1 });
    expectFindings(check(broken), [balance(broken, TOTAL_COL), applicantTotal(broken, 25)]);
    expect(balance(broken, TOTAL_COL).difference).toBe(-1);
  });

  test('moving a unit from one applicant column to another breaks exactly those two columns', () => {
    const broken = bump(base, { [t3(2, 1)]: 1, [t3(2, 2)]: -1 });
    expectFindings(check(broken), [balance(broken, 1), balance(broken, 2)]);
  });

  test('a change that keeps both sides equal is not reported', () => {
    expect(check(bump(base, { [t3(1, 3)]: 2, [t3(25, 3)]: 2, [t3(1, TOTAL_COL)]: 2, [t3(25, TOTAL_COL)]: 2 }))).toEqual([]);
  });
});

describeRule('T3.resultTotal', () => {
  test.each(APPLICANT_COLS)('column %i: a detail row one too many is reported on that column and on 总计', (c) => {
    const broken = bump(base, { [t3(5, c)]: 1, [t3(5, TOTAL_COL)]: 1 });
    expectFindings(check(broken), [resultTotal(broken, c), resultTotal(broken, TOTAL_COL)]);
    expect(resultTotal(broken, c).difference).toBe(-1);
  });

  test.each(RESULT_ROWS)('row %i is one of the rows （七）总计 adds up', (r) => {
    const broken = bump(base, { [t3(r, 1)]: 1, [t3(r, TOTAL_COL)]: 1 });
    expectFindings(check(broken), [resultTotal(broken, 1), resultTotal(broken, TOTAL_COL)]);
  });

  test('（七）总计 itself one too many also unbalances the column', () => {
    const broken = bump(base, { [t3(24, 4)]: 1, [t3(24, TOTAL_COL)]: 1 });
    expectFindings(check(broken), [resultTotal(broken, 4), resultTotal(broken, TOTAL_COL), balance(broken, 4), balance(broken, TOTAL_COL)]);
    expect(resultTotal(broken, 4).difference).toBe(1);
    expect(balance(broken, 4).difference).toBe(-1);
  });

  test('rows 1, 2 and 25 are not part of the sum', () => {
    for (const r of [1, 2, 25]) {
      const broken = bump(base, { [t3(r, 1)]: 1, [t3(r, TOTAL_COL)]: 1 });
      expect(check(broken).map((f) => f.rule)).not.toContain('T3.resultTotal');
    }
  });
});

describeRule('T3.applicantTotal', () => {
  // 总计 of row r one too many: the row's own equation, plus the 总计 column's equations that use row r.
  const columnCompanions = (report: Report, r: number): Finding[] => [
    ...([1, 2, 24, 25].includes(r) ? [balance(report, TOTAL_COL)] : []),
    ...(r >= 3 && r <= 24 ? [resultTotal(report, TOTAL_COL)] : []),
  ];

  test.each(range(1, 25))('row %i: 总计 one more than the applicant columns', (r) => {
    const broken = bump(base, { [t3(r, TOTAL_COL)]: 1 });
    expectFindings(check(broken), [applicantTotal(broken, r), ...columnCompanions(broken, r)]);
    expect(applicantTotal(broken, r).difference).toBe(1);
  });

  test('two rows of the same column off in opposite directions give just those two rows', () => {
    const broken = bump(base, { [t3(6, TOTAL_COL)]: 1, [t3(7, TOTAL_COL)]: -1 });
    expectFindings(check(broken), [applicantTotal(broken, 6), applicantTotal(broken, 7)]);
  });

  test.each(APPLICANT_COLS)('applicant column %i is one of the columns 总计 adds up', (c) => {
    // a unit moved between two detail rows of column c keeps the column's sums; only the rows' totals break
    const [from, to] = RESULT_ROWS.filter((r) => value(base, t3(r, c)) > 0);
    const broken = bump(base, { [t3(from, c)]: -1, [t3(to, c)]: 1 });
    expectFindings(check(broken), [applicantTotal(broken, from), applicantTotal(broken, to)]);
  });
});

describeRule('T4.groupTotal', () => {
  test.each([1, 2, 3])('group %i: 总计 one too many', (g) => {
    const broken = bump(base, { [t4(g * 5)]: 1 });
    expectFindings(check(broken), [groupTotal(broken, g)]);
    expect(groupTotal(broken, g).difference).toBe(1);
  });

  test.each([1, 2, 3].flatMap((g) => range(1, 4).map((i) => [g, i])))('group %i: outcome %i is one of the four added up', (g, i) => {
    const broken = bump(base, { [t4((g - 1) * 5 + i)]: 1 });
    expectFindings(check(broken), [groupTotal(broken, g)]);
    expect(groupTotal(broken, g).difference).toBe(-1);
  });
});

describeRule('prior.carryOver', () => {
  test.each(T3_ALL_COLS)('column %i: last year carried out one more than this year carried in', (c) => {
    const last = bump(prior, { [t3(25, c)]: 1 });
    expectFindings(check(base, { prior: last }), [carryOver(base, last, c)]);
    expect(carryOver(base, last, c).difference).toBe(-1);
  });

  test('is not checked without last year’s report', () => {
    const last = bump(prior, { [t3(25, 1)]: 1 });
    expect(check(base, { prior: last })).toHaveLength(1);
    expect(check(base)).toEqual([]);
    expect(check(base, { prior: null })).toEqual([]);
  });

  test('a cell last year’s report leaves out is skipped, not read as 0', () => {
    expect(value(base, t3(2, 1))).toBeGreaterThan(0);
    expect(check(base, { prior: withCells(prior, { [t3(25, 1)]: undefined }) })).toEqual([]);
  });

  test('a cell last year’s report left blank (null) is read as 0', () => {
    const last = withCells(prior, { [t3(25, 1)]: null });
    expectFindings(check(base, { prior: last }), [{ ...carryOver(base, { ...last, cells: { ...last.cells, [t3(25, 1)]: 0 } }, 1) }]);
  });
});

describeRule('prior.inForce', () => {
  test.each([1, 2])('row %i (规章 / 行政规范性文件): last year’s 现行有效 one too many is a warning', (r) => {
    const last = bump(prior, { [t2(r, 3)]: 1 });
    expectFindings(check(base, { prior: last }), [inForce(base, last, r)]);
    expect(inForce(base, last, r).difference).toBe(-1);
  });

  test.each([1, 2])('row %i: 本年废止 one too many this year is a warning', (r) => {
    const broken = bump(base, { [t2(r, 2)]: 1 });
    expectFindings(check(broken, { prior }), [inForce(broken, prior, r)]);
    expect(inForce(broken, prior, r).difference).toBe(1);
  });

  test('is not checked without last year’s report', () => {
    expect(check(bump(base, { [t2(1, 2)]: 1 }))).toEqual([]);
  });
});

describeRule('cell.blank', () => {
  test('a T2 cell set to null is a warning, read as 0', () => {
    expect(check(withCells(base, { [t2(3, 1)]: null }))).toEqual([cellFinding('cell.blank', 'warning', t2(3, 1), { value: 0 })]);
  });

  test('a cell left out of the report is blank too', () => {
    expect(check(withCells(base, { [t4(1)]: undefined, [t4(5)]: 3 }))).toEqual([cellFinding('cell.blank', 'warning', t4(1), { value: 0 })]);
  });

  test.each(['', '   ', '\u3000', '\n'])('text %j is blank', (raw) => {
    expect(check(withCells(base, { [t2(4, 1)]: raw }))).toEqual([cellFinding('cell.blank', 'warning', t2(4, 1), { value: 0 })]);
  });

  test('a blank T3 cell whose figure was 0 breaks no equation', () => {
    const id = zeroT3Cell(base);
    expect(check(withCells(base, { [id]: null }))).toEqual([cellFinding('cell.blank', 'warning', id, { value: 0 })]);
  });

  test('a blank T3 cell takes part in the equations as 0', () => {
    const broken = withCells(base, { [t3(1, 1)]: null });
    const asZero = withCells(base, { [t3(1, 1)]: 0 });
    expectFindings(check(broken), [cellFinding('cell.blank', 'warning', t3(1, 1), { value: 0 }), balance(asZero, 1), applicantTotal(asZero, 1)]);
  });
});

describeRule('cell.placeholder', () => {
  test.each(['/', '—', '无'])('%j is a warning, read as 0', (raw) => {
    const id = zeroT3Cell(base);
    expect(check(withCells(base, { [id]: raw }))).toEqual([cellFinding('cell.placeholder', 'warning', id, { raw, value: 0 })]);
  });

  test('a placeholder where a figure was due counts as 0 in the equations', () => {
    const broken = withCells(base, { [t4(2)]: '/' });
    expectFindings(check(broken), [cellFinding('cell.placeholder', 'warning', t4(2), { raw: '/', value: 0 }), groupTotal(withCells(base, { [t4(2)]: 0 }), 1)]);
  });
});

describeRule('cell.normalized', () => {
  test.each([
    ['１２', 12, 'fullWidth'],
    [' 12 ', 12, 'spaces'],
    ['1,234', 1234, 'separators'],
    ['12', 12, 'storedAsText'],
  ])('%j is a warning, read as %d (%s)', (raw, n, reasons) => {
    expect(check(withCells(base, { [t2(3, 1)]: raw }))).toEqual([cellFinding('cell.normalized', 'warning', t2(3, 1), { raw, value: n, params: { reasons } })]);
  });

  test('the number read takes part in the equations', () => {
    const id = t3(1, 1);
    const typed = String(value(base, id)).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(check(withCells(base, { [id]: typed }))).toEqual([cellFinding('cell.normalized', 'warning', id, { raw: typed, value: value(base, id), params: { reasons: 'fullWidth' } })]);
  });
});

describeRule('cell.notNumber', () => {
  const id = t3(1, 1); // in T3.balance column 1 and T3.applicantTotal row 1
  test.each([
    ['22（其中修订16件）', { params: { leadingNumber: 22 } }],
    ['abc', {}],
    ['<img src=x onerror=alert(1)>', {}],
  ])('%j is an error; the equations using the cell are skipped, not reported', (raw, extra) => {
    expect([0, 22]).not.toContain(value(base, id)); // read as 0 or as 22 the equations would fail
    expect(check(withCells(base, { [id]: raw }))).toEqual([cellFinding('cell.notNumber', 'error', id, { raw, ...extra })]);
  });

  test('equations not using the cell are still reported', () => {
    const broken = bump(withCells(base, { [id]: 'abc' }), { [t3(2, 2)]: 1, [t3(2, TOTAL_COL)]: 1 });
    expectFindings(check(broken), [cellFinding('cell.notNumber', 'error', id, { raw: 'abc' }), balance(broken, 2), balance(broken, TOTAL_COL)]);
  });
});

describeRule('cell.excelError', () => {
  const id = t3(1, 1);
  test.each(['#REF!', '#DIV/0!', '#N/A'])('%j is an error; the equations using the cell are skipped', (raw) => {
    expect(check(withCells(base, { [id]: raw }))).toEqual([cellFinding('cell.excelError', 'error', id, { raw })]);
  });

  test('the error value is reported as Excel shows it', () => {
    expect(check(withCells(base, { [id]: ' #n/a ' }))).toEqual([cellFinding('cell.excelError', 'error', id, { raw: '#N/A' })]);
  });
});

describeRule('cell.negative', () => {
  test('-3 in a count is an error', () => {
    expect(check(withCells(base, { [t2(3, 1)]: -3 }))).toEqual([cellFinding('cell.negative', 'error', t2(3, 1), { value: -3 })]);
  });

  test('-3 in the 收费 amount is an error too', () => {
    expect(check(withCells(base, { [t2(6, 1)]: -3 }))).toEqual([cellFinding('cell.negative', 'error', t2(6, 1), { value: -3 })]);
  });

  test('"-3" typed as text is both normalized and negative', () => {
    expectFindings(check(withCells(base, { [t2(3, 1)]: '-3' })), [
      cellFinding('cell.normalized', 'warning', t2(3, 1), { raw: '-3', value: -3, params: { reasons: 'storedAsText' } }),
      cellFinding('cell.negative', 'error', t2(3, 1), { raw: '-3', value: -3, params: { reasons: 'storedAsText' } }),
    ]);
  });

  test('0 is not negative', () => {
    expect(check(withCells(base, { [t2(3, 1)]: 0 }))).toEqual([]);
  });
});

describeRule('cell.fraction', () => {
  test('1.5 in a count is an error', () => {
    expect(check(withCells(base, { [t2(1, 1)]: 1.5 }))).toEqual([cellFinding('cell.fraction', 'error', t2(1, 1), { value: 1.5 })]);
  });

  test('4068.208 in T2.R6.C1 (收费, in 万元) is fine', () => {
    expect(check(withCells(base, { [t2(6, 1)]: 4068.208 }))).toEqual([]);
  });

  test('-1.5 in a count is negative and a fraction', () => {
    expectFindings(check(withCells(base, { [t2(1, 1)]: -1.5 })), [
      cellFinding('cell.negative', 'error', t2(1, 1), { value: -1.5 }),
      cellFinding('cell.fraction', 'error', t2(1, 1), { value: -1.5 }),
    ]);
  });
});

describeRule('cell.tooLarge', () => {
  test('1e308 is an error and the equations using the cell are skipped', () => {
    expect(check(withCells(base, { [t3(1, 1)]: 1e308 }))).toEqual([cellFinding('cell.tooLarge', 'error', t3(1, 1), { value: 1e308 })]);
  });

  test('9007199254740993 in the JSON file is an error and the equations using the cell are skipped', () => {
    const json = JSON.stringify(base).replace(`"${t3(1, 1)}":${value(base, t3(1, 1))}`, `"${t3(1, 1)}":9007199254740993`);
    const parsed = parseReportJson(json);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(check(parsed.report)).toEqual([cellFinding('cell.tooLarge', 'error', t3(1, 1), { value: 9007199254740992 })]);
  });

  test('999999999 is accepted, 1000000000 is not', () => {
    expect(check(withCells(base, { [t2(3, 1)]: 999_999_999 }))).toEqual([]);
    expect(check(withCells(base, { [t2(3, 1)]: 1_000_000_000 }))).toEqual([cellFinding('cell.tooLarge', 'error', t2(3, 1), { value: 1_000_000_000 })]);
  });
});

describeRule('meta.year', () => {
  test('a report without a year is a warning about the whole report', () => {
    expect(check({ ...base, year: null })).toEqual([{ rule: 'meta.year', severity: 'warning', table: null, cells: [] }]);
  });
});

describeRule('meta.org', () => {
  test.each(['', '  ', '\u3000'])('org %j is a warning about the whole report', (org) => {
    expect(check({ ...base, org })).toEqual([{ rule: 'meta.org', severity: 'warning', table: null, cells: [] }]);
  });
});

describeRule('meta.formatYear', () => {
  test.each([2019, 2020])('a %i report is a warning: the 2021 format does not apply', (year) => {
    expect(check({ ...base, year })).toEqual([{ rule: 'meta.formatYear', severity: 'warning', table: null, cells: [], params: { year } }]);
  });

  test('a 2021 report is fine', () => {
    expect(check({ ...base, year: 2021 })).toEqual([]);
  });
});

describeRule('prior.year', () => {
  test.each([2022, 2024, 2025])('last year’s report dated %i for a 2024 report is a warning', (priorYear) => {
    expect(check(base, { prior: { ...prior, year: priorYear } })).toEqual([
      { rule: 'prior.year', severity: 'warning', table: null, cells: [], params: { year: 2024, priorYear } },
    ]);
  });
});

describeRule('prior.yearMissing', () => {
  test('last year’s report without a year is a warning; the cross-year rules still run', () => {
    expect(check(base, { prior: { ...prior, year: null } })).toEqual([{ rule: 'prior.yearMissing', severity: 'warning', table: null, cells: [] }]);
  });
});

describeRule('prior.org', () => {
  test('last year’s report of another body is a warning', () => {
    expect(check(base, { prior: { ...prior, org: '另一个机关' } })).toEqual([
      { rule: 'prior.org', severity: 'warning', table: null, cells: [], params: { org: base.org, priorOrg: '另一个机关' } },
    ]);
  });

  test('spaces inside the name do not count, and a blank name is not compared', () => {
    expect(check(base, { prior: { ...prior, org: ` ${base.org.split('').join(' ')} ` } })).toEqual([]);
    expect(check(base, { prior: { ...prior, org: '' } })).toEqual([]);
  });

  test('a name with higher-level places in front is the same body; another body of the same kind is not', () => {
    const pair = (org: string, priorOrg: string) => check({ ...base, org }, { prior: { ...prior, org: priorOrg } }).map((f) => f.rule).filter((r) => r.startsWith('prior.'));
    expect(pair('淮安市洪泽区人民政府', '洪泽区人民政府')).toEqual([]);
    expect(pair('洪泽区人民政府', '淮安市洪泽区人民政府')).toEqual([]);
    expect(pair('江苏省淮安市人民政府', '淮安市人民政府')).toEqual([]);
    expect(pair('洪泽区人民政府', '淮安区人民政府')).toEqual(['prior.org']);
    expect(pair('淮安市教育局', '淮安市财政局')).toEqual(['prior.org']);
  });
});

describeRule('T3.onlyTotals', () => {
  const onlyTotals = (): Report => {
    const cells = { ...base.cells };
    for (let r = 1; r <= 25; r++) for (let c = 1; c <= 6; c++) cells[t3(r, c)] = null;
    return { ...base, cells };
  };

  test('a T3 with only the 总计 column filled gives one warning beside the blank and total findings', () => {
    const findings = check(onlyTotals()).filter((f) => f.rule === 'T3.onlyTotals');
    expect(findings).toEqual([{ rule: 'T3.onlyTotals', severity: 'warning', table: 'T3', cells: [] }]);
  });

  test('one filled applicant cell is enough to silence it', () => {
    const report = onlyTotals();
    report.cells[t3(1, 1)] = 0;
    expect(check(report).map((f) => f.rule)).not.toContain('T3.onlyTotals');
  });

  test('an empty T3 is not “only totals”', () => {
    const cells = { ...base.cells };
    for (let r = 1; r <= 25; r++) for (let c = 1; c <= 7; c++) cells[t3(r, c)] = null;
    expect(check({ ...base, cells }).map((f) => f.rule)).not.toContain('T3.onlyTotals');
  });
});

describeRule('prior.notNumber', () => {
  test('text in last year’s 结转 cell is a warning and the carry-over of that column is skipped', () => {
    const last = withCells(prior, { [t3(25, 1)]: 'abc' });
    expect(check(base, { prior: last })).toEqual([{ rule: 'prior.notNumber', severity: 'warning', table: 'T3', cells: [], priorCells: [t3(25, 1)], raw: 'abc' }]);
  });

  test('an Excel error in last year’s 现行有效件数 is a warning and that row’s in-force check is skipped', () => {
    const last = withCells(prior, { [t2(1, 3)]: '#REF!' });
    const current = bump(base, { [t2(1, 2)]: 1 });
    expect(check(current, { prior: last })).toEqual([{ rule: 'prior.notNumber', severity: 'warning', table: 'T2', cells: [], priorCells: [t2(1, 3)], raw: '#REF!' }]);
  });

  test('text in a cell of last year’s report no cross-year rule uses is not reported', () => {
    expect(check(base, { prior: withCells(prior, { [t3(1, 1)]: 'abc' }) })).toEqual([]);
  });
});

// ---- layout, through the grids a host hands over -------------------------------------------------------

const grids = tableGrids(base);
const T3_HEADER_ROWS = 3;
const shapeFinding = (table: 'T2' | 'T3' | 'T4', expectedRows: number, expectedCols: number, rows: number, cols: number): Finding => ({
  rule: 'layout.shape',
  severity: 'error',
  table,
  cells: [],
  params: { expectedRows, expectedCols, rows, cols },
});
const labelFinding = (table: 'T2' | 'T3' | 'T4', row: number, col: number, expected: string, raw: string): Finding => ({
  rule: 'layout.label',
  severity: 'warning',
  table,
  cells: [],
  raw,
  params: { row, col, expected },
});
const editGrid = (grid: unknown[][], r: number, c: number, v: unknown) => grid.map((row, i) => (i === r ? row.map((x, j) => (j === c ? v : x)) : row));

describe('reading the template sheet’s grids', () => {
  test('intact grids give back the report, with no findings', () => {
    const read = reportFromGrids(grids, base.org, base.year);
    expect(read.findings).toEqual([]);
    expect(read.unreadable).toEqual([]);
    expect(read.report).toEqual(base);
    expect(checkGridReport(read)).toEqual([]);
  });
});

describeRule('layout.shape', () => {
  test('a deleted T3 row makes T3 unreadable: one error, and no findings about its cells', () => {
    const t3Grid = grids.T3.filter((_, i) => i !== T3_HEADER_ROWS + 4);
    const read = reportFromGrids({ ...grids, T3: t3Grid }, base.org, base.year);
    expect(read.findings).toEqual([shapeFinding('T3', 28, 10, 27, 10)]);
    expect(read.unreadable).toEqual(['T3']);
    expect(checkGridReport(read)).toEqual([shapeFinding('T3', 28, 10, 27, 10)]);
  });

  test('the other tables are still checked', () => {
    const broken = bump(base, { [t4(5)]: 1 });
    const g = tableGrids(broken);
    const read = reportFromGrids({ ...g, T3: g.T3.slice(1) }, base.org, base.year);
    expect(checkGridReport(read)).toEqual([shapeFinding('T3', 28, 10, 27, 10), groupTotal(broken, 1)]);
  });

  test('an inserted T4 column is a shape error', () => {
    const t4Grid = grids.T4.map((row) => [...row, null]);
    expect(reportFromGrids({ ...grids, T4: t4Grid }).findings).toEqual([shapeFinding('T4', 4, 15, 4, 16)]);
  });

  test('a missing grid is a shape error of 0×0', () => {
    const read = reportFromGrids({ T3: grids.T3, T4: grids.T4 }, base.org, base.year);
    expect(read.findings).toEqual([shapeFinding('T2', 14, 4, 0, 0)]);
    expect(read.unreadable).toEqual(['T2']);
  });
});

describeRule('layout.label', () => {
  test('an edited T3 label is a warning naming its row and column; the figures are still read', () => {
    const read = reportFromGrids({ ...grids, T3: editGrid(grids.T3, 5, 1, '（一）公开') as never }, base.org, base.year);
    expect(read.findings).toEqual([labelFinding('T3', 6, 2, '（一）予以公开', '（一）公开')]);
    expect(read.report.cells).toEqual(base.cells);
  });

  test('“规范性文件” for “行政规范性文件” is a warning', () => {
    const read = reportFromGrids({ ...grids, T2: editGrid(grids.T2, 3, 0, '规范性文件') as never });
    expect(read.findings).toEqual([labelFinding('T2', 4, 1, '行政规范性文件', '规范性文件')]);
  });

  test('an emptied label cell is a warning', () => {
    const read = reportFromGrids({ ...grids, T4: editGrid(grids.T4, 0, 5, null) as never });
    expect(read.findings).toEqual([labelFinding('T4', 1, 6, '行政诉讼', '')]);
  });

  test.each([
    ['T3', 5, 1, '(一)予以公开'],
    ['T3', 3, 0, ' 一、本年新收 政府信息公开申请数量 '],
    ['T3', 2, 4, '商业\n企业'],
    ['T3', 9, 2, '3.危及"三安全一稳定"'],
    ['T2', 13, 1, '本年收费金额(单位:万元)'],
    ['T4', 1, 5, '未经复议\u3000直接起诉'],
  ] as const)('%s (%i,%i) written %j is not a warning', (table, r, c, text) => {
    const read = reportFromGrids({ ...grids, [table]: editGrid(grids[table], r, c, text) as never });
    expect(read.findings).toEqual([]);
  });
});

describeRule('layout.missing', () => {
  test('is raised only by readers: it has a Chinese message that renders', () => {
    const r = rule('layout.missing');
    expect(r.kind).toBe('report');
    expect(r.severity).toBe('error');
    expect(r.message).toMatch(CHINESE);
    const text = renderFinding({ rule: 'layout.missing', severity: 'error', table: 'T3', cells: [], params: { detail: '文件中没有“三、收到和处理政府信息公开申请情况”' } });
    expect(text).toBe('未找到表三：文件中没有“三、收到和处理政府信息公开申请情况”');
  });

  test('the engine never raises it', () => {
    const empty: Report = { format: 'nianbao/report@1', org: '', year: null, cells: {} };
    expect(check(empty).map((f) => f.rule)).not.toContain('layout.missing');
  });
});

// The importers' rules (src/import, and src/core/table-checks.ts for 表二 where the body is known) are
// raised while reading Word files, web pages and text; their conformance tests live in test/import
// and test/core/table-checks.test.ts. Here: each renders, and the engine never raises it.
const IMPORTER_RULES: Record<string, Finding> = {
  'format.outdated': { rule: 'format.outdated', severity: 'error', table: null, cells: [], params: { year: 2022, evidence: '表二有“政府集中采购”', detail: '表二未读取' } },
  'format.edition2019': { rule: 'format.edition2019', severity: 'warning', table: null, cells: [], params: { evidence: '表二有“政府集中采购”', detail: '表二未读取' } },
  'import.missingRow': { rule: 'import.missingRow', severity: 'error', table: 'T3', cells: [], params: { label: '（一）予以公开' } },
  'import.unplaced': { rule: 'import.unplaced', severity: 'error', table: 'T3', cells: [], params: { label: '（一）予以公开', found: 6, expected: 7 } },
  'import.otherCombined': { rule: 'import.otherCombined', severity: 'warning', table: 'T3', cells: [t3(21, 1)], params: { total: 4 } },
  'import.subtotal': { rule: 'import.subtotal', severity: 'warning', table: 'T3', cells: [t3(1, 2)], params: { label: '一、本年新收政府信息公开申请数量', subtotal: '9', sum: '8' } },
  'import.labelVariant': { rule: 'import.labelVariant', severity: 'warning', table: 'T3', cells: [t3(6, 1)], params: { label: '2.其他法律行政止公开', official: '2.其他法律行政法规禁止公开' } },
  'import.columnText': { rule: 'import.columnText', severity: 'error', table: null, cells: [], params: { tables: '表二、表三、表四' } },
  'import.unknownRow': { rule: 'import.unknownRow', severity: 'warning', table: 'T2', cells: [], params: { label: '其他文件' } },
  'import.duplicate': { rule: 'import.duplicate', severity: 'warning', table: 'T3', cells: [], params: { label: '（一）予以公开' } },
  'import.header': { rule: 'import.header', severity: 'warning', table: 'T4', cells: [], params: { labels: '“复议后起诉”' } },
  'text.received': { rule: 'text.received', severity: 'warning', table: 'T3', cells: [t3(1, 7)], value: 3, params: { quote: '未收到政府信息公开申请。', stated: 0, item: '表三总计' } },
  'text.carriedIn': { rule: 'text.carriedIn', severity: 'warning', table: 'T3', cells: [t3(2, 7)], value: 2, params: { quote: '上年结转3件。', stated: 3, item: '表三总计' } },
  'text.carriedOut': { rule: 'text.carriedOut', severity: 'warning', table: 'T3', cells: [t3(25, 7)], value: 1, params: { quote: '结转下年度2件。', stated: 2, item: '表三总计' } },
  'text.review': { rule: 'text.review', severity: 'warning', table: 'T4', cells: [t4(5)], value: 1, params: { quote: '行政复议0件。', stated: 0, item: '表四总计' } },
  'text.litigation': { rule: 'text.litigation', severity: 'warning', table: 'T4', cells: [t4(10), t4(15)], value: 2, params: { quote: '行政诉讼3件。', stated: 3, item: '表四总计' } },
  'text.fee': { rule: 'text.fee', severity: 'warning', table: null, cells: [], params: { where: '正文第六部分' } },
  'text.completed': { rule: 'text.completed', severity: 'warning', table: 'T3', cells: [t3(24, 7)], value: 83, params: { quote: '答复政府信息公开申请85件。', stated: 85, item: '表三“三、本年度办理结果（七）总计”总计' } },
  'text.applicant': { rule: 'text.applicant', severity: 'warning', table: 'T3', cells: [t3(1, 1)], value: 28, params: { quote: '其中27件为自然人申请。', stated: 27, item: '表三“一、本年新收政府信息公开申请数量”自然人栏' } },
  'text.result': { rule: 'text.result', severity: 'warning', table: 'T3', cells: [t3(3, 7)], value: 389, params: { quote: '予以公开389件，占31.1%。', category: '予以公开', claim: '占31.1%', share: '，占“（七）总计”1292件的30.11%' } },
  'text.regulations': { rule: 'text.regulations', severity: 'warning', table: 'T2', cells: [t2(1, 1)], value: 0, params: { quote: '本年度制定规章1件。', stated: 1, item: '表二“规章”本年制发件数' } },
  'text.normative': { rule: 'text.normative', severity: 'warning', table: 'T2', cells: [t2(2, 1)], value: 1, params: { quote: '我局新制发规范性文件2个。', stated: 2, item: '表二“行政规范性文件”本年制发件数' } },
  'text.outcome': { rule: 'text.outcome', severity: 'warning', table: 'T4', cells: [t4(2)], value: 1, params: { quote: '已审结案件中，未发生被纠错、败诉情况。', item: '表四行政复议“结果纠正”1件' } },
  'text.allDone': { rule: 'text.allDone', severity: 'warning', table: 'T3', cells: [t3(25, 1)], value: 1, params: { quote: '所有申请均已办结。', where: '自然人栏1件' } },
  'text.feeNotice': { rule: 'text.feeNotice', severity: 'warning', table: 'T3', cells: [t3(22, 7)], value: 1, params: { quote: '本年度未发出收费通知。' } },
  'text.citation': { rule: 'text.citation', severity: 'warning', table: null, cells: [], params: { quote: '（国办公开办函〔202130号）', detail: '文号“国办公开办函〔202130号”有误，应为“国办公开办函〔2021〕30号”' } },
  'text.period': { rule: 'text.period', severity: 'warning', table: null, cells: [], params: { quote: '统计期限从2024年1月1日到12月31日止。', stated: 2024, year: 2025 } },
  'text.year': { rule: 'text.year', severity: 'warning', table: null, cells: [], params: { quote: '2024年，我办坚持…', stated: 2024, year: 2025 } },
  'text.outline': { rule: 'text.outline', severity: 'warning', table: null, cells: [], params: { quote: '四、政府信息公开的收费及减免情况', evidence: '政府信息公开的收费及减免情况', year: 2024 } },
  'text.partMissing': { rule: 'text.partMissing', severity: 'warning', table: null, cells: [], params: { parts: '六', titles: '六、其他需要报告事项' } },
  'text.partOrder': { rule: 'text.partOrder', severity: 'warning', table: null, cells: [], params: { order: '“一、总体情况”、“六、其他需要报告事项”、“五、存在的主要问题及改进情况”' } },
  'T2.rulesAuthority': { rule: 'T2.rulesAuthority', severity: 'error', table: 'T2', cells: [t2(1, 1)], params: { org: '沭阳县人民政府', figures: '本年制发件数2件', seat: '沭阳县', level: '县级' } },
  'T2.rulesAuthorityUnclear': { rule: 'T2.rulesAuthorityUnclear', severity: 'warning', table: 'T2', cells: [t2(1, 1)], params: { figures: '本年制发件数2件', reason: '机关名称未表明其层级' } },
  'T2.inForceShort': { rule: 'T2.inForceShort', severity: 'warning', table: 'T2', cells: [t2(2, 1), t2(2, 2), t2(2, 3)], params: { row: '行政规范性文件', issued: 6, repealed: 1, inForce: 4 } },
  'T2.inForceZero': { rule: 'T2.inForceZero', severity: 'warning', table: 'T2', cells: [t2(2, 1), t2(2, 2), t2(2, 3)], params: { row: '行政规范性文件', issued: 2, repealed: 3, inForce: 0 } },
};

for (const [id, finding] of Object.entries(IMPORTER_RULES)) {
  describeRule(id, () => {
    test('is raised only by the importers: a report rule with a Chinese message that renders completely', () => {
      const r = rule(id);
      expect(r.kind).toBe('report');
      expect(r.severity).toBe(finding.severity);
      expect(renderFinding(finding)).toMatch(CHINESE);
      expect(renderFinding(finding)).not.toMatch(/\{\w+\}/);
    });

    test('the engine never raises it', () => {
      const empty: Report = { format: 'nianbao/report@1', org: '', year: null, cells: {} };
      expect([...check(empty), ...check(base, { prior })].map((f) => f.rule)).not.toContain(id);
    });
  });
}

// The register's rules (src/ledger) are raised by analysing a register; their conformance tests
// live in test/ledger. Here: each is a report rule that renders, and the engine never raises it.
for (const [id, make] of Object.entries(LEDGER_REPRESENTATIVE)) {
  describeRule(id, () => {
    test('is raised only from a register: a report rule with a Chinese message that renders completely', () => {
      const finding = make();
      expect(rule(id).kind).toBe('report');
      expect(rule(id).severity).toBe(finding.severity);
      expect(renderFinding(finding)).toMatch(CHINESE);
      expect(renderFinding(finding)).not.toMatch(/\{\w+\}/);
    });

    test('the engine never raises it', () => {
      const empty: Report = { format: 'nianbao/report@1', org: '', year: null, cells: {} };
      expect([...check(empty), ...check(base, { prior })].map((f) => f.rule)).not.toContain(id);
    });
  });
}

describe('rule coverage', () => {
  test('every rule id has a describe block in this file', () => {
    expect([...covered].sort()).toEqual([...RULE_IDS].sort());
  });
});
