import ExcelJS from 'exceljs';
import fs from 'fs';
import path from 'path';
import { emptyReport } from '../../src/core/report';
import { readPriorFile } from '../../src/taskpane/prior-file';
import { addTemplateSheet } from '../../src/xlsx/write';
import { FIXTURES } from '../helpers/reports';

const enc = (s: string) => new TextEncoder().encode(s);

test('.json: the core schema, with its Chinese errors', async () => {
  const report = { ...emptyReport('木厂镇', 2023), cells: { 'T3.R25.C1': 3 } };
  expect(await readPriorFile(enc(JSON.stringify(report)), '2023.json', 2024)).toEqual({ ok: true, report, problems: 0 });
  expect(await readPriorFile(enc('{"format":"x"}'), 'a.json', 2024)).toMatchObject({ ok: false, error: expect.stringContaining('不是 nianbao 年报数据') });
});

test('.xlsx: last year’s sheet of a workbook holding several years, read by the pane’s own reader', async () => {
  const wb = new ExcelJS.Workbook();
  addTemplateSheet(wb, { report: { ...emptyReport('木厂镇', 2022), cells: { 'T3.R25.C1': 1 } } });
  addTemplateSheet(wb, { report: { ...emptyReport('木厂镇', 2023), cells: { 'T3.R25.C1': 4 } } });
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const got = await readPriorFile(bytes, '历年.xlsx', 2024);
  expect(got).toMatchObject({ ok: true, sheet: '2023年政府信息公开年报', report: { year: 2023, cells: { 'T3.R25.C1': 4 } } });
  const plain = new ExcelJS.Workbook();
  plain.addWorksheet('Sheet1');
  expect(await readPriorFile(new Uint8Array(await plain.xlsx.writeBuffer()), '空.xlsx', 2024)).toEqual({ ok: false, error: '工作簿中没有年报模板' });
  expect(await readPriorFile(bytes.subarray(0, 100), '坏.xlsx', 2024)).toMatchObject({ ok: false });
});

test('a published report as text is read by the importers', async () => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'muchang-town-2024.txt')));
  const got = await readPriorFile(bytes, 'muchang-town-2024.txt', 2025);
  expect(got).toMatchObject({ ok: true, report: { year: 2024 } });
});

test('files that are no report are refused with what to do instead', async () => {
  expect(await readPriorFile(enc('x'), '2023年报.doc', 2024)).toMatchObject({ ok: false, error: expect.stringContaining('.docx') });
  expect(await readPriorFile(enc('x'), '2023年报.pdf', 2024)).toMatchObject({ ok: false, error: expect.stringContaining('PDF') });
  expect(await readPriorFile(new Uint8Array(), 'a.json', 2024)).toEqual({ ok: false, error: '文件是空的' });
});
