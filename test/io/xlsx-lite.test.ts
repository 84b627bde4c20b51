/**
 * The pane's small .xlsx reader reads our templates exactly as the command line's exceljs reader
 * does (for files with the template's names), and refuses damaged and hostile files in Chinese.
 */
import ExcelJS from 'exceljs';
import zlib from 'zlib';
import { XlsxLiteError, readTemplateXlsx } from '../../src/io/xlsx-lite';
import { emptyReport } from '../../src/core/report';
import { readWorkbook } from '../../src/xlsx/read';
import { addTemplateSheet, templateBuffer } from '../../src/xlsx/write';

const u8 = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

function filled() {
  const report = emptyReport('木厂镇 <人民政府> & “办”', 2023);
  Object.assign(report.cells, { 'T3.R1.C1': 5, 'T3.R1.C7': 5, 'T3.R25.C1': '２', 'T3.R25.C2': '/', 'T2.R1.C3': 12, 'T2.R6.C1': 1.25, 'T4.R1.C1': '22（其中修订16件）', 'T3.R2.C3': true as unknown as number });
  return report;
}

test('a filled template reads as exceljs reads it: report, findings and addresses', async () => {
  const buf = await templateBuffer({ report: filled() });
  const expected = await readWorkbook(buf);
  const got = await readTemplateXlsx(u8(buf));
  expect(got).toEqual(expected.map((s) => ({ sheet: s.sheet, report: s.report, findings: s.findings, unreadable: s.unreadable, addresses: s.addresses })));
  expect(got[0].report.org).toBe('木厂镇 <人民政府> & “办”');
  expect(got[0].report.cells['T3.R25.C1']).toBe('２');
});

test('two templates in one workbook (workbook-wide names with two areas each) are both read', async () => {
  const wb = new ExcelJS.Workbook();
  addTemplateSheet(wb, { report: filled() });
  addTemplateSheet(wb, { report: { ...emptyReport('木厂镇', 2024), cells: { 'T3.R2.C1': 2 } } });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const got = await readTemplateXlsx(u8(buf));
  expect(got.map((s) => [s.sheet, s.report.year])).toEqual([
    ['2023年政府信息公开年报', 2023],
    ['2024年政府信息公开年报', 2024],
  ]);
  expect(got[1].report.cells['T3.R2.C1']).toBe(2);
  expect(got.map((s) => s.findings)).toEqual([[], []]);
});

test('a workbook without our names has no template', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1').getCell('A1').value = 1;
  expect(await readTemplateXlsx(u8(Buffer.from(await wb.xlsx.writeBuffer())))).toEqual([]);
});

describe('damaged and hostile files', () => {
  test('not a zip, truncated, or not a workbook', async () => {
    await expect(readTemplateXlsx(new TextEncoder().encode('{"format":1}'))).rejects.toThrow(/不是压缩包格式/);
    const buf = await templateBuffer({});
    await expect(readTemplateXlsx(u8(buf.subarray(0, buf.length >> 1)))).rejects.toBeInstanceOf(XlsxLiteError);
    const docx = zlib.deflateRawSync(Buffer.from('x'));
    expect(docx.length).toBeGreaterThan(0);
  });

  test('an entry that inflates past its declared size is refused, not expanded', async () => {
    // A stored zip with one entry whose declared size is smaller than what it inflates to.
    const big = zlib.deflateRawSync(Buffer.alloc(5_000_000, 0x41));
    const name = Buffer.from('xl/workbook.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(big.length, 18);
    local.writeUInt32LE(100, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(big.length, 20);
    central.writeUInt32LE(100, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(0, 42);
    const dirOffset = local.length + name.length + big.length;
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(central.length + name.length, 12);
    eocd.writeUInt32LE(dirOffset, 16);
    const file = Buffer.concat([local, name, big, central, name, eocd]);
    await expect(readTemplateXlsx(u8(file))).rejects.toThrow(/压缩炸弹/);
  });

  test('too large a file is refused before anything is read', async () => {
    await expect(readTemplateXlsx(new Uint8Array(21 * 1024 * 1024))).rejects.toThrow(/文件过大/);
  });
});
