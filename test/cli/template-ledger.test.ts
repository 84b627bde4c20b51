/** `nianbao template --ledger`: the report's template with the register and its 表三 summary beside it. */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';
import { sheetTitle } from '../../src/core/sheet';
import { REGISTER_SHEET, SUMMARY_SHEET } from '../../src/ledger/sheet';
import { cliSandbox } from '../helpers/cli';

const sandbox = cliSandbox('template-ledger');
const { dir, run } = sandbox;
afterAll(() => sandbox.remove());

test('--ledger adds the register and its summary for the year, and the workbook still checks as one report', async () => {
  const r = run('template', 'with-ledger.xlsx', '--year', '2025', '--org', '木厂镇', '--ledger');
  expect(r.code).toBe(0);
  expect(r.out).toContain(`工作表“${REGISTER_SHEET}”为依申请公开登记台账，“${SUMMARY_SHEET}”按台账汇总出2025年的表三`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, 'with-ledger.xlsx'));
  expect(wb.worksheets.map((ws) => ws.name)).toEqual([sheetTitle(2025), REGISTER_SHEET, SUMMARY_SHEET]);
  expect(wb.worksheets[2].getCell('B2').value).toBe(2025);

  const check = JSON.parse(run('check', 'with-ledger.xlsx', '--format', 'json').out);
  expect(check.reports).toHaveLength(1);
  expect(check.reports[0].errors).toBe(0);
});

test('without --ledger the template is the report alone', () => {
  expect(run('template', 'plain.xlsx', '--year', '2025').code).toBe(0);
  expect(fs.existsSync(path.join(dir, 'plain.xlsx'))).toBe(true);
  expect(run('help').out).toContain('--ledger');
});
