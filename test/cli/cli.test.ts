/** The `nianbao` command as a user runs it: real process, real files, exit codes and Chinese output. */
import * as fs from 'fs';
import * as path from 'path';
import { templateBuffer } from '../../src/xlsx/write';
import { cliSandbox } from '../helpers/cli';
import { FIXTURES, consistentReport, fixture, withCells } from '../helpers/reports';

const sandbox = cliSandbox('cli');
const { dir, run } = sandbox;
afterAll(() => sandbox.remove());

function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('nianbao template', () => {
  test('writes the official template and refuses to overwrite it without --force', () => {
    const first = run('template', 'a.xlsx', '--year', '2024', '--org', '木厂镇');
    expect(first.code).toBe(0);
    expect(first.out).toContain('木厂镇2024年政府信息公开工作年度报告');
    const before = fs.readFileSync(path.join(dir, 'a.xlsx'));
    const again = run('template', 'a.xlsx', '--year', '2025');
    expect(again.code).toBe(2);
    expect(again.err).toContain('文件已存在');
    expect(fs.readFileSync(path.join(dir, 'a.xlsx')).equals(before)).toBe(true);
    expect(run('template', 'a.xlsx', '--year', '2025', '--force').code).toBe(0);
  });

  test('rejects a bad year or output name with a usage message', () => {
    expect(run('template', 'b.xlsx', '--year', '24').err).toContain('--year 应为四位年份');
    expect(run('template', 'b.txt').code).toBe(2);
    expect(run('template').err).toContain('用法');
  });

  test('an empty template checks with blank warnings only', () => {
    run('template', 'empty.xlsx', '--year', '2024', '--org', '木厂镇');
    const r = run('check', 'empty.xlsx', '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.reports[0].errors).toBe(0);
    expect(out.reports[0].warnings).toBe(200);
    expect(new Set(out.reports[0].findings.map((f: { rule: string }) => f.rule))).toEqual(new Set(['cell.blank']));
  });
});

describe('nianbao check', () => {
  test('a consistent real report passes with exit 0', () => {
    const r = run('check', path.join(FIXTURES, 'shuyang-county-2025.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('沭阳县人民政府 2025年度');
    expect(r.out).toContain('✓ 全部勾稽关系通过（42条），无提示');
  });

  test('errors exit 1 and are grouped by table with the rendered sentence', () => {
    const file = writeJson('broken.json', withCells(fixture('shuyang-county-2025.json'), { 'T3.R24.C7': 719, 'T4.R1.C15': 11 }));
    const r = run('check', file);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ 4 处错误，0 处提示');
    const t3 = r.out.indexOf('  表三\n');
    const t4 = r.out.indexOf('  表四\n');
    expect(t3).toBeGreaterThan(0);
    expect(t4).toBeGreaterThan(t3);
    expect(r.out).toContain('错误  表三“总计”列：第一项+第二项=749，（七）总计+第四项=750，相差1');
    expect(r.out).toContain('错误  表四“复议后起诉”：总计=11，结果维持+结果纠正+其他结果+尚未审结=10，相差1');
  });

  test('--format json carries rule, severity, cells and message for every finding', () => {
    const file = writeJson('broken2.json', withCells(consistentReport(9), { 'T3.R1.C1': '１２' }));
    const r = run('check', file, '--format', 'json');
    const out = JSON.parse(r.out);
    const rules = out.reports[0].findings.map((f: { rule: string }) => f.rule);
    expect(rules).toContain('cell.normalized');
    for (const f of out.reports[0].findings) {
      expect(f).toEqual(expect.objectContaining({ rule: expect.any(String), severity: expect.stringMatching(/^(error|warning)$/), cells: expect.any(Array), message: expect.any(String) }));
    }
  });

  test('--prior brings in the cross-year rules', () => {
    const prior = consistentReport(10, '测试机关', 2023);
    const current = withCells(consistentReport(11, '测试机关', 2024), {});
    const r = run('check', writeJson('cur.json', current), '--prior', writeJson('prior.json', prior), '--format', 'json');
    const rules: string[] = JSON.parse(r.out).reports[0].findings.map((f: { rule: string }) => f.rule);
    expect(rules.filter((x) => x === 'prior.carryOver').length).toBeGreaterThan(0);
  });

  test('xlsx findings name sheet addresses', async () => {
    fs.writeFileSync(path.join(dir, 'filled.xlsx'), await templateBuffer({ report: withCells(fixture('shuyang-county-2025.json'), { 'T3.R24.C7': 719 }) }));
    const r = run('check', 'filled.xlsx');
    expect(r.code).toBe(1);
    expect(r.out).toContain('工作表“2025年政府信息公开年报”');
    expect(r.out).toContain('J47');
  });

  test('an unreadable file exits 2 with a Chinese message naming it, and no stack trace', () => {
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"format": "nianbao/report@1", "org": 5');
    fs.writeFileSync(path.join(dir, 'bad.xlsx'), 'not a zip');
    for (const name of ['bad.json', 'bad.xlsx', 'missing.json', 'report.docx']) {
      const r = run('check', name);
      expect([name, r.code]).toEqual([name, 2]);
      expect(r.out + r.err).toContain(name);
      expect(r.out + r.err).not.toMatch(/\n\s+at /);
    }
  });

  test('a JSON file not of the report form names what is wrong and where', () => {
    const r = run('check', writeJson('wrong.json', { format: 'nianbao/report@1', org: '某局', year: 2024, cells: { 'T3.R26.C1': 1 } }));
    expect(r.code).toBe(2);
    expect(r.out).toContain('"T3.R26.C1"');
    expect(r.out).toContain('不是表格中的单元格编号');
  });

  test('unknown commands and options exit 2 with usage', () => {
    expect(run('frobnicate').code).toBe(2);
    expect(run('check', 'x.json', '--colour').err).toContain('不认识的选项 --colour');
  });
});

describe('checking many files at once', () => {
  const batch = cliSandbox('batch');
  afterAll(() => batch.remove());

  beforeAll(() => {
    fs.mkdirSync(path.join(batch.dir, 'reports'));
    const put = (name: string, report: unknown) => fs.writeFileSync(path.join(batch.dir, 'reports', name), JSON.stringify(report));
    put('a.json', consistentReport(1, '甲局', 2024));
    put('b.json', withCells(consistentReport(2, '乙局', 2024), { 'T4.R1.C5': 999 }));
    put('c.json', withCells(consistentReport(3, '丙局', 2024), { 'T2.R3.C1': null }));
    fs.writeFileSync(path.join(batch.dir, 'reports', 'notes.md'), '不是年报');
  });

  test('a folder stands for the report files in it, with a summary line at the end', () => {
    const r = batch.run('check', 'reports');
    expect(r.code).toBe(1);
    expect(r.out).toContain(path.join('reports', 'a.json'));
    expect(r.out).toContain(path.join('reports', 'c.json'));
    expect(r.out).not.toContain('notes.md');
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('共 3 份年报：1 份有错误，1 份仅有提示，1 份全部通过');
  });

  test('a wildcard is expanded as Windows’ command prompt would not', () => {
    const r = batch.run('check', path.join('reports', '?.json'), '--format', 'json');
    expect(JSON.parse(r.out).reports.map((x: { file: string }) => path.basename(x.file))).toEqual(['a.json', 'b.json', 'c.json']);
  });

  test('a wildcard that matches nothing is reported as a missing file; an empty folder says so', () => {
    const r = batch.run('check', path.join('reports', '*.docx'));
    expect(r.code).toBe(2);
    expect(r.out).toContain('文件不存在');
    fs.mkdirSync(path.join(batch.dir, 'empty'));
    expect(batch.run('check', 'empty').err).toContain('文件夹中没有年报文件');
  });
});

