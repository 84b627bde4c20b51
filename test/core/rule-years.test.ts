/**
 * Rules by date: a rule whose source is a later notice than a report's year does not apply to it
 * (the `since` of a rule row, shown in docs/rules.md). Reports of an unknown year get every rule.
 */
import { check } from '../../src/core/engine';
import { Report } from '../../src/core/report';
import { RULES, appliesIn } from '../../src/core/rules';
import { rulesMarkdown } from '../../src/core/rules-doc';
import { importReport } from '../../src/import';
import { flatDocument, reportBlocks } from '../helpers/documents';
import { consistentReport, priorFor, t2, withCells } from './helpers';
import { consistentReport as publishedReport } from '../helpers/reports';

const rulesOf = (findings: { rule: string }[]) => findings.map((f) => f.rule);
const inYear = (report: Report, year: number | null): Report => ({ ...report, year });

describe('the rule rows say from which report year they apply', () => {
  test('each date names the notice it comes from, between the 2019 format and today', () => {
    const dated = RULES.filter((r) => r.since !== undefined);
    expect(dated.map((r) => r.id).sort()).toEqual(
      ['T2.inForceShort', 'T2.inForceZero', 'prior.carryOver', 'prior.inForce', 'text.fee', 'text.feeNotice', 'text.normative', 'text.outline', 'text.regulations'].sort(),
    );
    for (const r of dated) {
      expect(r.since!.year).toBeGreaterThanOrEqual(2019);
      expect(r.since!.by).toMatch(/〔20\d\d〕\d+号/);
    }
    expect(RULES.find((r) => r.id === 'text.fee')!.since).toEqual({ year: 2020, by: '国办函〔2020〕109号' });
  });

  test('docs/rules.md shows each rule’s years', () => {
    const page = rulesMarkdown();
    expect(page).toContain('| 适用年度 |');
    for (const r of RULES) {
      const row = page.split('\n').find((l) => l.startsWith(`| \`${r.id}\` |`))!;
      expect(row.endsWith(r.since ? `| ${r.since.year}年度报告起（${r.since.by}） |` : '| 各年度 |')).toBe(true);
    }
  });

  test('a report without a year gets every rule', () => {
    for (const r of RULES) expect(appliesIn(r, null)).toBe(true);
  });
});

describe('the 信息处理费 statement (国办函〔2020〕109号) from the 2020 report on', () => {
  async function feeFindings(year: number) {
    const report = publishedReport(1, '某县民政局', year);
    const text = flatDocument(reportBlocks(report, { partSix: ['本年度无其他需要报告的事项。'] }));
    const r = await importReport(Buffer.from(text, 'utf8'), 'r.txt');
    if (!r.ok) throw new Error(r.error);
    return rulesOf(r.findings).filter((id) => id === 'text.fee');
  }
  test('a 2019 report that says nothing of the fee is not told to', async () => expect(await feeFindings(2019)).toEqual([]));
  test('a 2020 report is', async () => expect(await feeFindings(2020)).toEqual(['text.fee']));
  test('a 2024 report is', async () => expect(await feeFindings(2024)).toEqual(['text.fee']));
});

describe('what only the current format has, from 2021 (and across years, from the first pair in it)', () => {
  test('T2.inForceZero: 现行有效件数 is a 2021 column', () => {
    const report = withCells(consistentReport(), { [t2(2, 1)]: 2, [t2(2, 2)]: 3, [t2(2, 3)]: 0 });
    expect(rulesOf(check(inYear(report, 2020)))).not.toContain('T2.inForceZero');
    expect(rulesOf(check(inYear(report, 2021)))).toContain('T2.inForceZero');
  });

  test('prior.inForce: a 2021 report’s prior (2020) has no 现行有效件数, so the first pair is 2022 / 2021', () => {
    const report = consistentReport();
    const prior = withCells(priorFor(report), { [t2(2, 3)]: 999 });
    expect(rulesOf(check(inYear(report, 2021), { prior: inYear(prior, 2020) }))).not.toContain('prior.inForce');
    expect(rulesOf(check(inYear(report, 2022), { prior: inYear(prior, 2021) }))).toContain('prior.inForce');
  });

  test('prior.carryOver: from the 2020 report, whose prior (2019) is the first with “结转下年度继续办理”', () => {
    const report = consistentReport();
    const prior = withCells(priorFor(report), { 'T3.R25.C7': 999 });
    expect(rulesOf(check(inYear(report, 2019), { prior: inYear(prior, 2018) }))).not.toContain('prior.carryOver');
    expect(rulesOf(check(inYear(report, 2020), { prior: inYear(prior, 2019) }))).toContain('prior.carryOver');
  });
});
