/**
 * The values staff paste where numbers belong, one report each, through `review`: every report is
 * a row, every value raises its cell rule on 问题清单, and the 汇总 adds up exactly the values the
 * engine uses — the others are left out and named, never read as 0 and never copied in as text.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { review } from '../../src/cli/review';
import { readCell, usableValue } from '../../src/core/read';
import { readWorkbook } from '../../src/xlsx/read';
import { templateBuffer } from '../../src/xlsx/write';
import { BAD_VALUES } from '../helpers/bad-values';
import { consistentReport, withCells } from '../helpers/reports';

const CELL = 'T3.R1.C1';
let dir: string;
let out: string;
let book: ExcelJS.Workbook;
let code: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-review-bad-'));
  const inbox = path.join(dir, 'in');
  fs.mkdirSync(inbox);
  for (const [i, [, value]] of BAD_VALUES.entries()) {
    const report = withCells(consistentReport(i + 1, `机关${i}`, 2024), { [CELL]: value });
    // Half as workbooks, half as JSON: the same values through both readers.
    const name = path.join(inbox, `${String(i).padStart(2, '0')}.${i % 2 ? 'json' : 'xlsx'}`);
    fs.writeFileSync(name, i % 2 ? JSON.stringify(report) : await templateBuffer({ report }));
  }
  out = path.join(dir, 'out.xlsx');
  code = await review([inbox, '--out', out], { out: () => undefined, err: () => undefined, isTTY: false });
  book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('every report is a row, and the run ends with exit 1 (errors), not a crash', () => {
  expect(code).toBe(1);
  expect(book.getWorksheet('审核结果')!.rowCount).toBe(BAD_VALUES.length + 1);
});

test.each(BAD_VALUES.map(([label, , rule], i) => [label, rule, i] as const))('%s raises %s on 问题清单', (_label, rule, i) => {
  const file = path.join(dir, 'in', `${String(i).padStart(2, '0')}.${i % 2 ? 'json' : 'xlsx'}`);
  const rows: string[][] = [];
  book.getWorksheet('问题清单')!.eachRow((row) => rows.push((row.values as string[]).slice(1)));
  const mine = rows.filter((r) => r[0] === file);
  expect(mine.length).toBeGreaterThan(0);
  const title = { 'cell.notNumber': '非数字', 'cell.normalized': '非标准数字', 'cell.negative': '负数', 'cell.fraction': '件数非整数', 'cell.tooLarge': '数值过大', 'cell.excelError': '错误值' }[rule];
  expect(mine.map((r) => r[3])).toContain(title);
});

test('the 汇总 holds the sum of the values the engine uses, as a number; the rest are named in the note', async () => {
  const [sum] = await readWorkbook(fs.readFileSync(out));
  let expected = 0;
  let leftOut = 0;
  for (const [, value] of BAD_VALUES) {
    const v = usableValue(readCell(value));
    if (v === undefined) leftOut++;
    else expected += v;
  }
  expect(sum.report.cells[CELL]).toBe(Math.round(expected * 1e6) / 1e6);
  const texts: string[] = [];
  book.getWorksheet('汇总')!.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && texts.push(c.value)));
  expect(texts.some((t) => t.startsWith(`表三 自然人/一、本年新收政府信息公开申请数量：${leftOut} 份年报此格不是可用的数字，未计入`))).toBe(true);
});
