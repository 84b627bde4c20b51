import ExcelJS from 'exceljs';
import { emptyReport } from '../../src/core/report';
import { readPriorFile } from '../../src/taskpane/prior-file';
import { addTemplateSheet } from '../../src/xlsx/write';

const enc = (s: string) => new TextEncoder().encode(s);

test('.json: the core schema, with its Chinese errors', async () => {
  const report = { ...emptyReport('木厂镇', 2023), cells: { 'T3.R25.C1': 3 } };
  expect(await readPriorFile(enc(JSON.stringify(report)), '2023.json', 2024)).toEqual({ ok: true, report });
  expect(await readPriorFile(enc('{"format":"x"}'), 'a.json', 2024)).toMatchObject({ ok: false, error: expect.stringContaining('不是 nianbao 年报数据') });
  expect(await readPriorFile(new Uint8Array([0xff, 0xfe, 0x00]), 'a.json', 2024)).toMatchObject({ ok: false, error: expect.stringContaining('UTF-8') });
});

test('.xlsx: last year’s sheet of a workbook holding several years', async () => {
  const wb = new ExcelJS.Workbook();
  addTemplateSheet(wb, { report: { ...emptyReport('木厂镇', 2022), cells: { 'T3.R25.C1': 1 } } });
  addTemplateSheet(wb, { report: { ...emptyReport('木厂镇', 2023), cells: { 'T3.R25.C1': 4 } } });
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const got = await readPriorFile(bytes, '历年.xlsx', 2024);
  expect(got).toMatchObject({ ok: true, sheet: '2023年政府信息公开年报', report: { year: 2023, cells: { 'T3.R25.C1': 4 } } });
});

test('other files are refused with what to use instead', async () => {
  expect(await readPriorFile(enc('x'), '2023年报.docx', 2024)).toMatchObject({ ok: false, error: expect.stringContaining('.json') });
  expect(await readPriorFile(new Uint8Array(), 'a.json', 2024)).toEqual({ ok: false, error: '文件是空的' });
});
