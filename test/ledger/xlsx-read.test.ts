/** Registers read from .xlsx by the light reader (src/io/xlsx-ledger.ts) give the same 表三 as their values. */
import ExcelJS from 'exceljs';
import { readSheetGrids } from '../../src/io/xlsx-ledger';
import { XlsxLiteError } from '../../src/io/xlsx-lite';
import { analyseLedger, isLedgerGrid } from '../../src/ledger';
import { app, register } from './helpers';
import { workbookOf } from './xlsx';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('reading a register workbook', () => {
  const grid = register([
    app(utc(2025, 3, 3), utc(2025, 3, 10)),
    app('2025/3/4', '2025年3月20日', { applicantType: '企业', result: '不予公开-属于国家秘密' }),
    app(utc(2024, 12, 20), null),
    app(utc(2025, 5, 5), utc(2025, 6, 30), { extended: '是', result: '（四）无法提供1.本机关不掌握相关政府信息' }),
  ]);

  it('gives every sheet in order, date cells as serial numbers, and the same analysis as the values', async () => {
    const sheets = await readSheetGrids(await workbookOf({ 说明: [['填表说明'], [null, '第二列']], 台账: grid }));
    expect(sheets.map((s) => s.sheet)).toEqual(['说明', '台账']);
    expect(sheets[0].grid).toEqual([['填表说明'], [null, '第二列']]);
    expect(isLedgerGrid(sheets[0].grid)).toBe(false);
    expect(isLedgerGrid(sheets[1].grid)).toBe(true);
    expect(sheets[1].grid[2][2]).toBe(45719); // 2025-03-03
    expect(analyseLedger(sheets[1].grid, { year: 2025 })).toEqual(analyseLedger(grid, { year: 2025 }));
  });

  it('reads rich text, formulas by their cached value, and cells left sparse', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.getRow(3).values = ['收到日期', '申请人类型', '答复日期', '办理结果'];
    ws.getCell('A4').value = utc(2025, 3, 3);
    ws.getCell('B4').value = { richText: [{ text: '自然' }, { text: '人', font: { bold: true } }] };
    ws.getCell('C4').value = { formula: 'A4+7', result: utc(2025, 3, 10) };
    ws.getCell('D4').value = '予以公开';
    const [sheet] = await readSheetGrids(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(sheet.grid[3]).toEqual([45719, '自然人', 45726, '予以公开']);
    expect(analyseLedger(sheet.grid, { year: 2025 }).cells['T3.R3.C1']).toBe(1);
  });

  it('refuses what is not a workbook', async () => {
    await expect(readSheetGrids(Buffer.from('PK not really a zip'))).rejects.toBeInstanceOf(XlsxLiteError);
  });
});
