/** `nianbao ledger` and `nianbao check --ledger` as a user runs them: real process, real .xlsx files. */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { templateBuffer } from '../../src/xlsx/write';
import { REPORT_FORMAT, Report } from '../../src/core/report';
import { analyseLedger } from '../../src/ledger';
import { cliSandbox } from '../helpers/cli';
import { app, register } from '../ledger/helpers';
import { workbookOf } from '../ledger/xlsx';

const sandbox = cliSandbox('ledger');
const { dir, run, file } = sandbox;
afterAll(() => sandbox.remove());

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const NAME = '欧阳明轩';
const CONTENT = '本人承包地征收补偿标准及安置方案';

const ROWS = [
  app(utc(2025, 3, 3), utc(2025, 3, 10), { applicant: NAME, content: CONTENT }),
  app('2025-03-04', '2025/3/20', { applicantType: '企业', result: '不予公开-属于国家秘密', applicant: '某某公司' }),
  app('2024.12.20', null, { applicant: NAME }),
  app('2025年4月1日', utc(2025, 5, 30), { applicant: NAME }), // late
];
const GRID = register(ROWS);

beforeAll(async () => {
  // The register on the second sheet, under a notes sheet: found by its header.
  file('台账.xlsx', await workbookOf({ 填表说明: [['本台账按年度登记']], 登记台账: GRID }));
  file('有错的台账.xlsx', await workbookOf({ 台账: register([...ROWS, app('2025-05-05', '2025-05-06', { result: '不予公开', applicant: NAME })]) }));
  file('不是台账.xlsx', await workbookOf({ Sheet1: [['姓名', '电话'], ['张三', '123']] }));
});

describe('nianbao ledger', () => {
  test('prints 表三 and the findings; late answers are warnings, so the exit code is 0', () => {
    const r = run('ledger', '台账.xlsx', '--year', '2025');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('工作表“登记台账”（表头在第2行）');
    expect(r.out).toMatch(/一、本年新收\s+2\s+1\s+0\s+0\s+0\s+0\s+3/);
    expect(r.out).toMatch(/二、上年结转\s+1\s+0\s+0\s+0\s+0\s+0\s+1/);
    expect(r.out).toContain('第6行逾期答复');
    expect(r.out).toContain('按期答复 2 件');
  });

  test('--format json: {year, cells, findings: [{rule, row, …}]} with all 175 cells', () => {
    const r = run('ledger', '台账.xlsx', '--year', '2025', '--format', 'json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.year).toBe(2025);
    expect(Object.keys(json.cells)).toHaveLength(175);
    expect(json.cells).toEqual(analyseLedger(GRID, { year: 2025 }).cells);
    expect(json.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'ledger.late', row: 6, column: 'answered' })]));
    expect(json.findings.find((f: { rule: string }) => f.rule === 'ledger.late').message).toContain('最迟应于');
  });

  test('a register with a row it cannot count exits 1 and names the row', () => {
    const r = run('ledger', '有错的台账.xlsx', '--year', '2025');
    expect(r.code).toBe(1);
    expect(r.out).toContain('第7行办理结果“不予公开”没有写明具体情形');
  });

  test('names and 申请内容 appear in no output', () => {
    const outputs = [run('ledger', '有错的台账.xlsx', '--year', '2025'), run('ledger', '有错的台账.xlsx', '--year', '2025', '--format', 'json'), run('ledger', '有错的台账.xlsx', '--year', '2024')];
    for (const r of outputs) {
      for (const word of [NAME, CONTENT, '某某公司']) {
        expect(r.out).not.toContain(word);
        expect(r.err).not.toContain(word);
      }
    }
  });

  test('--out 年报.xlsx writes a report template with the register’s 表三, refusing to overwrite without --force', async () => {
    expect(run('ledger', '台账.xlsx', '--year', '2025', '--out', '年报.xlsx').code).toBe(0);
    const checked = JSON.parse(run('check', '年报.xlsx', '--format', 'json').out);
    const t3Errors = checked.reports[0].findings.filter((f: { table: string; severity: string }) => f.table === 'T3' && f.severity === 'error');
    expect(t3Errors).toEqual([]);
    const again = run('ledger', '台账.xlsx', '--year', '2025', '--out', '年报.xlsx');
    expect(again.code).toBe(2);
    expect(again.err).toContain('文件已存在');
    expect(run('ledger', '台账.xlsx', '--year', '2025', '--out', '年报.xlsx', '--force').code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, '年报.xlsx'));
    expect(JSON.stringify(wb.model)).not.toContain(NAME);
  });

  test('--out 年报.json writes report data that check reads', () => {
    expect(run('ledger', '台账.xlsx', '--year', '2025', '--out', '年报.json').code).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(dir, '年报.json'), 'utf8'));
    expect(report).toMatchObject({ format: REPORT_FORMAT, year: 2025 });
    expect(report.cells['T3.R1.C7']).toBe(3);
    expect(run('check', '年报.json', '--ledger', '台账.xlsx').out).not.toContain('台账统计为');
  });

  test('a workbook without a register, a missing file and bad options exit 2 in Chinese', () => {
    const none = run('ledger', '不是台账.xlsx');
    expect(none.code).toBe(2);
    expect(none.err).toContain('没有找到依申请公开台账');
    expect(run('ledger', '没有.xlsx').err).toContain('文件不存在');
    expect(run('ledger', '台账.xlsx', '--year', '25').err).toContain('--year 应为四位年份');
    expect(run('ledger', '台账.xlsx', '--out', 'a.docx').code).toBe(2);
    expect(run('ledger').err).toContain('用法');
  });
});

describe('nianbao check --ledger', () => {
  const reportWith = (cells: Record<string, number>): Report => ({ format: REPORT_FORMAT, org: '某某局', year: 2025, cells });

  test('adds ledger.mismatch for each 表三 cell that differs, naming the cell and both values', () => {
    const cells = { ...analyseLedger(GRID, { year: 2025 }).cells, 'T3.R1.C1': 3, 'T3.R1.C7': 4 };
    file('年报-差一.json', JSON.stringify(reportWith(cells)));
    const r = run('check', '年报-差一.json', '--ledger', '台账.xlsx', '--format', 'json');
    const mismatches = JSON.parse(r.out).reports[0].findings.filter((f: { rule: string }) => f.rule === 'ledger.mismatch');
    expect(mismatches.map((f: { cells: string[] }) => f.cells[0])).toEqual(['T3.R1.C1', 'T3.R1.C7']);
    expect(mismatches[0].message).toBe('表三 自然人/一、本年新收政府信息公开申请数量：年报填写3，台账统计为2');
    expect(r.code).toBe(1);
  });

  test('a report that matches its register passes', () => {
    file('年报-一致.json', JSON.stringify(reportWith(analyseLedger(GRID, { year: 2025 }).cells)));
    const r = run('check', '年报-一致.json', '--ledger', '台账.xlsx', '--format', 'json');
    expect(JSON.parse(r.out).reports[0].findings.filter((f: { rule: string }) => f.rule.startsWith('ledger.'))).toEqual([]);
  });

  test('by itself when the report’s workbook holds a register sheet', async () => {
    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await templateBuffer({ org: '某某局', year: 2025, report: reportWith({ ...analyseLedger(GRID, { year: 2025 }).cells, 'T3.R3.C1': 0, 'T3.R3.C7': 0, 'T3.R24.C1': 0, 'T3.R24.C7': 1 }) })) as unknown as ArrayBuffer);
    const ws = template.addWorksheet('依申请公开台账');
    GRID.forEach((row) => ws.addRow(row.map((v) => (v === null ? undefined : v))));
    fs.writeFileSync(path.join(dir, '年报含台账.xlsx'), Buffer.from(await template.xlsx.writeBuffer()));
    const r = run('check', '年报含台账.xlsx', '--format', 'json');
    const rules = JSON.parse(r.out).reports[0].findings.filter((f: { rule: string }) => f.rule === 'ledger.mismatch').map((f: { cells: string[] }) => f.cells[0]);
    expect(rules).toEqual(['T3.R3.C1', 'T3.R3.C7', 'T3.R24.C1', 'T3.R24.C7']);
  });

  test('a register with rows it cannot count says the comparison may be off', () => {
    file('年报-有错台账.json', JSON.stringify(reportWith(analyseLedger(GRID, { year: 2025 }).cells)));
    const r = run('check', '年报-有错台账.json', '--ledger', '有错的台账.xlsx');
    expect(r.out).toContain('有1行未能计入2025年度表三');
    expect(r.out).not.toContain(NAME);
  });
});
