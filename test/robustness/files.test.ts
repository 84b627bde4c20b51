/**
 * Hostile and broken files through the command line's loader: each gives a report with findings
 * or a clear Chinese InputError — never a crash, a hang or a silent pass.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { check } from '../../src/core/engine';
import { InputError, loadReports } from '../../src/cli/inputs';
import { inputPosition, a1, sheetPlan } from '../../src/core/sheet';
import { addTemplateSheet, templateBuffer, templateWorkbook } from '../../src/xlsx/write';
import { consistentReport } from '../helpers/reports';
import { BAD_VALUES } from '../helpers/bad-values';
import { makeZip } from '../helpers/zip';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-robust-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, data: Buffer | string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, data);
  return f;
}

async function rejection(f: string): Promise<string> {
  try {
    await loadReports(f);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error(`${f} was accepted`);
}

async function xlsxWith(changes: Record<string, ExcelJS.CellValue>, numFmt?: string): Promise<Buffer> {
  const wb = templateWorkbook({ report: consistentReport(7) });
  const ws = wb.worksheets[0];
  const plan = sheetPlan();
  for (const [id, v] of Object.entries(changes)) {
    const at = inputPosition(plan, id);
    ws.getCell(a1(at.row, at.col)).value = v;
    if (numFmt) ws.getCell(a1(at.row, at.col)).numFmt = numFmt;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function rulesOf(f: string): Promise<string[]> {
  const [r] = await loadReports(f);
  return [...r.findings, ...check(r.report, { unreadable: r.unreadable })].map((x) => `${x.rule}:${x.cells.join(',')}`);
}

describe('cells that are not clean numbers', () => {
  test.each(BAD_VALUES)('%s in a JSON report gives %s', async (_, value, rule) => {
    const report = consistentReport(8);
    const f = file(`cell-${rule}-${encodeURIComponent(String(value)).slice(0, 40)}.json`, JSON.stringify({ ...report, cells: { ...report.cells, 'T3.R5.C2': value } }));
    expect(await rulesOf(f)).toContain(`${rule}:T3.R5.C2`);
  });

  test.each([
    ['#REF!', { error: '#REF!' }, 'cell.excelError'],
    ['#DIV/0!', { error: '#DIV/0!' }, 'cell.excelError'],
    ['#N/A', { error: '#N/A' }, 'cell.excelError'],
    ['a formula without a cached result', { formula: 'SUM(1,2)' }, 'cell.notNumber'],
    ['rich text', { richText: [{ text: '十' }, { text: '二' }] }, 'cell.notNumber'],
    ['TRUE', true, 'cell.notNumber'],
  ])('%s in a template cell gives %s', async (_, value, rule) => {
    const f = file(`x-${rule}-${Math.random().toString(36).slice(2)}.xlsx`, await xlsxWith({ 'T4.R1.C2': value as ExcelJS.CellValue }));
    expect(await rulesOf(f)).toContain(`${rule}:T4.R1.C2`);
  });

  test('a date typed into a count cell gives cell.notNumber', async () => {
    const f = file('date.xlsx', await xlsxWith({ 'T4.R1.C2': new Date('2024-01-02') }, 'yyyy-mm-dd'));
    expect(await rulesOf(f)).toContain('cell.notNumber:T4.R1.C2');
  });

  test('a formula with a numeric result is read as its result', async () => {
    const report = consistentReport(7);
    const f = file('formula-ok.xlsx', await xlsxWith({ 'T4.R1.C2': { formula: '1+1', result: report.cells['T4.R1.C2'] } as ExcelJS.CellValue }));
    expect(await rulesOf(f)).toEqual([]);
  });
});

describe('workbooks', () => {
  test('two templates in one workbook are both checked', async () => {
    const wb = new ExcelJS.Workbook();
    addTemplateSheet(wb, { report: consistentReport(1, '某局', 2023) });
    addTemplateSheet(wb, { report: consistentReport(2, '某局', 2024) });
    const loaded = await loadReports(file('two.xlsx', Buffer.from(await wb.xlsx.writeBuffer())));
    expect(loaded.map((r) => [r.sheet, r.report.year])).toEqual([
      ['2023年政府信息公开年报', 2023],
      ['2024年政府信息公开年报', 2024],
    ]);
  });

  test('a template whose sheet was deleted leaves a workbook without tables: layout.missing', async () => {
    const wb = templateWorkbook();
    wb.removeWorksheet(wb.worksheets[0].id);
    wb.addWorksheet('说明');
    wb.definedNames.model = [];
    expect(await rulesOf(file('deleted.xlsx', Buffer.from(await wb.xlsx.writeBuffer())))).toEqual(['layout.missing:', 'layout.missing:', 'layout.missing:']);
  });
});

describe('files that are not reports', () => {
  test.each([
    ['empty.json', '', '文件是空的'],
    ['empty.xlsx', '', '文件是空的'],
    ['not-json.json', '{"format":', '不是有效的 JSON'],
    ['array.json', '[]', '不是 nianbao 年报数据'],
    ['missing-keys.json', '{"format":"nianbao/report@1"}', 'cells：缺少此字段'],
    ['extra-key.json', '{"format":"nianbao/report@1","org":"","year":2024,"cells":{},"author":"x"}', '不认识的字段 "author"'],
    ['text.xlsx', 'hello world, not a zip', '不是 .xlsx 文件'],
  ])('%s is refused: %s', async (name, content, message) => {
    expect(await rejection(file(name, content))).toContain(message);
  });

  test('a truncated .xlsx is refused as damaged', async () => {
    const good = await templateBuffer();
    expect(await rejection(file('truncated.xlsx', good.subarray(0, Math.floor(good.length * 0.7))))).toMatch(/损坏|不完整/);
  });

  test('a corrupt .xlsx (bytes flipped inside an entry) is refused as damaged', async () => {
    const bad = Buffer.from(await templateBuffer());
    for (let i = 200; i < 2000; i += 7) bad[i] ^= 0xff;
    expect(await rejection(file('corrupt.xlsx', bad))).toMatch(/损坏|不完整|大小/);
  });

  test('a zip bomb is refused before it is inflated', async () => {
    const huge = zlib.deflateRawSync(Buffer.alloc(300 * 1024 * 1024));
    const bomb = makeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.xml', data: huge, size: 300 * 1024 * 1024, deflated: true }]);
    // Refused by the declared and the actual size, not by time: the message says which guard spoke.
    expect(await rejection(file('bomb.xlsx', bomb))).toMatch(/过大|压缩炸弹/);
  }, 30_000);

  test('an entry that lies about its size is refused', async () => {
    const big = zlib.deflateRawSync(Buffer.alloc(10 * 1024 * 1024, 0x41));
    const liar = makeZip([{ name: 'xl/workbook.xml', data: big, size: 1000, deflated: true }]);
    expect(await rejection(file('liar.xlsx', liar))).toMatch(/压缩炸弹|大小/);
  });

  test('XML entity expansion (billion laughs / XXE) is refused', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><workbook>&lol2;</workbook>`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet>&e;</worksheet>`;
    expect(await rejection(file('laughs.xlsx', makeZip([{ name: 'xl/workbook.xml', data: laughs }])))).toContain('DOCTYPE');
    expect(await rejection(file('xxe.xlsx', makeZip([{ name: 'xl/workbook.xml', data: '<workbook/>' }, { name: 'xl/worksheets/sheet1.xml', data: xxe }])))).toContain('DOCTYPE');
  });

  test('a 50 MB file is refused by its size without being read', async () => {
    const f = path.join(dir, 'big.xlsx');
    const fd = fs.openSync(f, 'w');
    fs.ftruncateSync(fd, 50 * 1024 * 1024);
    fs.closeSync(fd);
    expect(await rejection(f)).toContain('文件过大');
  });

  test('a GBK-encoded JSON report is read', async () => {
    const report = { ...consistentReport(3), org: '木厂镇人民政府' };
    // 木厂镇人民政府 in GBK, byte for byte.
    const text = JSON.stringify(report).replace('木厂镇人民政府', '\u0000');
    const [before, after] = text.split('\u0000');
    const orgGbk = Buffer.from([0xc4, 0xbe, 0xb3, 0xa7, 0xd5, 0xf2, 0xc8, 0xcb, 0xc3, 0xf1, 0xd5, 0xfe, 0xb8, 0xae]);
    const f = file('gbk.json', Buffer.concat([Buffer.from(before), orgGbk, Buffer.from(after)]));
    const [r] = await loadReports(f);
    expect(r.report.org).toBe('木厂镇人民政府');
  });

  test('a folder or a missing file gives a clear message', async () => {
    expect(await rejection(path.join(dir, 'nope.json'))).toContain('文件不存在');
    fs.mkdirSync(path.join(dir, 'folder.json'));
    expect(await rejection(path.join(dir, 'folder.json'))).toContain('文件夹');
  });
});
