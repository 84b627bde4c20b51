/** `nianbao convert`, and `check` on published reports: real process, real files, exit codes, Chinese output. */
import * as fs from 'fs';
import * as path from 'path';
import { CELL_IDS } from '../../src/core/tables';
import { readWorkbook } from '../../src/xlsx/read';
import { documentXml, flatDocument, htmlPage, makeDocx, officialRows, reportBlocks } from '../helpers/documents';
import { cliSandbox } from '../helpers/cli';
import { FIXTURES, consistentReport, fixture, withCells } from '../helpers/reports';

const MUCHANG = path.join(FIXTURES, 'muchang-town-2024.txt');
const sandbox = cliSandbox('convert');
const { dir, run, file } = sandbox;
afterAll(() => sandbox.remove());
const readJson = (name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));

describe('nianbao convert', () => {
  test('the real text report to JSON: all 200 cells, body and year, exit 0', () => {
    const r = run('convert', MUCHANG, 'muchang.json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已转换');
    expect(r.out).toContain('木厂镇 2024年度，读取 200 个数据格');
    expect(r.out).toContain('✓ 全部勾稽关系通过');
    const json = readJson('muchang.json');
    expect(json).toEqual({ format: 'nianbao/report@1', org: '木厂镇', year: 2024, cells: Object.fromEntries(CELL_IDS.map((id) => [id, 0])) });
  });

  test('last year’s Word report into the template, to continue in Excel; the template checks and reads back', async () => {
    const county = fixture('shuyang-county-2025.json');
    file('county.docx', makeDocx(documentXml(reportBlocks(county))));
    const r = run('convert', 'county.docx', 'county.xlsx');
    expect(r.code).toBe(0);
    expect(r.out).toContain('（Word 文件）→ county.xlsx：沭阳县人民政府 2025年度');
    const sheets = await readWorkbook(fs.readFileSync(path.join(dir, 'county.xlsx')));
    expect(sheets.map((s) => s.report)).toEqual([county]);
    const again = run('check', 'county.xlsx');
    expect(again.code).toBe(0);
  });

  test('refuses to overwrite without --force, like template', () => {
    run('convert', MUCHANG, 'twice.json');
    const before = fs.readFileSync(path.join(dir, 'twice.json'));
    const again = run('convert', MUCHANG, 'twice.json');
    expect(again.code).toBe(2);
    expect(again.err).toContain('文件已存在；如需覆盖，请加 --force');
    expect(fs.readFileSync(path.join(dir, 'twice.json')).equals(before)).toBe(true);
    expect(run('convert', MUCHANG, 'twice.json', '--force').code).toBe(0);
  });

  test('--year and --org set what the file does not say', () => {
    const base = consistentReport(71, '某县档案馆', 2024);
    file('untitled.html', htmlPage(reportBlocks(base, { title: '政府信息公开工作年度报告' })));
    const r = run('convert', 'untitled.html', 'untitled.json', '--org', '某县档案馆');
    expect(r.code).toBe(0);
    expect(readJson('untitled.json')).toEqual(base);
    run('convert', 'untitled.html', 'untitled2.json', '--year', '2023', '--org', '某县档案馆');
    expect(readJson('untitled2.json').year).toBe(2023);
  });

  test('findings from reading are printed and make exit 1 when they are errors', () => {
    const base = consistentReport(72, '某县商务局', 2024);
    const t3 = officialRows('T3', base);
    t3[5] = t3[5].slice(0, -2);
    file('gap.txt', flatDocument(reportBlocks(base, { tables: { T3: [t3] } })));
    const r = run('convert', 'gap.txt', 'gap.json');
    expect(r.code).toBe(1);
    expect(r.out).toContain('表三“（一）予以公开”一行有5个数据格，官方格式为7个');
  });

  test('unreadable input exits 2 naming the file, without a stack trace; bad output names are usage errors', () => {
    file('random.docx', Buffer.from([0x50, 0x4b, 3, 4, 9, 9, 9]));
    for (const args of [['random.docx', 'x.json'], ['missing.docx', 'x.json'], ['report.pdf', 'x.json']]) {
      if (args[0] === 'report.pdf') file('report.pdf', '%PDF-1.4');
      const r = run('convert', ...args);
      expect([args[0], r.code]).toEqual([args[0], 2]);
      expect(r.err).toContain(args[0]);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(fs.existsSync(path.join(dir, 'x.json'))).toBe(false);
    }
    expect(run('convert', MUCHANG, 'out.csv').err).toContain('输出文件应以 .json 或 .xlsx 结尾');
    expect(run('convert', MUCHANG).err).toContain('用法');
    expect(run('convert', MUCHANG, 'o.json', '--year', '24').code).toBe(2);
  });
});

describe('nianbao check on published reports', () => {
  test('Word, web page and text files are checked like templates', () => {
    const base = consistentReport(73, '某县住房和城乡建设局', 2024);
    file('ok.docx', makeDocx(documentXml(reportBlocks(base))));
    file('ok.htm', htmlPage(reportBlocks(base)));
    for (const name of ['ok.docx', 'ok.htm', MUCHANG]) {
      const r = run('check', name);
      expect([name, r.code, r.out]).toEqual([name, 0, expect.stringContaining('✓ 全部勾稽关系通过')]);
    }
  });

  test('text against tables and errors in the tables, in one run', () => {
    const base = withCells(consistentReport(74, '某县林业局', 2024), {});
    const broken = withCells(base, { 'T4.R1.C5': (base.cells['T4.R1.C5'] as number) + 1 });
    file('text.docx', makeDocx(documentXml(reportBlocks(broken, { partOne: ['本年度未收到政府信息公开申请。'], partSix: ['无。'] }))));
    const r = run('check', 'text.docx', '--format', 'json');
    expect(r.code).toBe(1);
    const rules = JSON.parse(r.out).reports[0].findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['T4.groupTotal', 'text.received', 'text.fee']));
    const text = run('check', 'text.docx').out;
    expect(text).toContain('正文“本年度未收到政府信息公开申请。”为0件');
  });

  test('check and convert print the reviewer checks with the sentence quoted', () => {
    const base = withCells(consistentReport(77, '某县人民政府', 2024), { 'T2.R1.C1': 1, 'T2.R1.C3': 1, 'T4.R1.C1': 0, 'T4.R1.C2': 2, 'T4.R1.C3': 0, 'T4.R1.C4': 0, 'T4.R1.C5': 2 });
    const partOne = ['全年未发生因依申请公开被行政复议纠错情形。'];
    file('review.docx', makeDocx(documentXml(reportBlocks(base, { partOne }))));
    for (const args of [['check', 'review.docx'], ['convert', 'review.docx', 'review.json']]) {
      const out = run(...args).out;
      expect([args[0], out]).toEqual([args[0], expect.stringContaining('正文“全年未发生因依申请公开被行政复议纠错情形。”，但表四行政复议“结果纠正”2件')]);
      expect([args[0], out]).toEqual([args[0], expect.stringContaining('“某县人民政府”属于县级（某县）')]);
    }
  });

  test('--prior accepts last year’s Word report', () => {
    const prior = consistentReport(75, '某县审计局', 2023);
    const current = withCells(consistentReport(76, '某县审计局', 2024), {});
    file('prior.docx', makeDocx(documentXml(reportBlocks(prior))));
    file('current.json', JSON.stringify(current));
    const r = run('check', 'current.json', '--prior', 'prior.docx', '--format', 'json');
    const rules: string[] = JSON.parse(r.out).reports[0].findings.map((f: { rule: string }) => f.rule);
    expect(rules).toContain('prior.carryOver');
  });
});

test('a table that could not be read stays marked in the JSON, and a later check skips it instead of reading blanks', () => {
  const report = consistentReport(41, '某局', 2024);
  const t3 = officialRows('T3', report).filter((row) => !row.some((c) => c.text === '2.重复申请'));
  file('broken.docx', makeDocx(documentXml(reportBlocks(report, { tables: { T3: [t3] } }))));
  const converted = run('convert', 'broken.docx', 'broken.json');
  expect(converted.code).toBe(1);
  expect(readJson('broken.json').unreadable).toEqual(['T3']);
  const checked = JSON.parse(run('check', 'broken.json', '--format', 'json').out);
  const rules = checked.reports[0].findings.map((f: { rule: string; table: string }) => `${f.table}:${f.rule}`);
  expect(rules.filter((r: string) => r.startsWith('T3:'))).toEqual([]);
});

