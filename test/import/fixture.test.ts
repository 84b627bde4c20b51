/** The seed format: the real published report, Word tables flattened one cell per line. */
import * as fs from 'fs';
import * as path from 'path';
import { check } from '../../src/core/engine';
import { CELL_IDS } from '../../src/core/tables';
import { importDocument, importReport, parseFlatText } from '../../src/import';
import { importFile } from '../../src/import/node';
import { encodeGbk } from '../helpers/documents';
import { FIXTURES } from '../helpers/reports';

const FILE = path.join(FIXTURES, 'muchang-town-2024.txt');
const text = () => fs.readFileSync(FILE, 'utf8');

describe('muchang-town-2024.txt', () => {
  test('imports completely: all 200 cells 0, year 2024, body 木厂镇, nothing unplaced', async () => {
    const r = await importFile(FILE);
    if (!r.ok) throw new Error(r.error);
    expect(r.format).toBe('txt');
    expect(r.report.year).toBe(2024);
    expect(r.report.org).toBe('木厂镇');
    expect(Object.keys(r.report.cells).sort()).toEqual([...CELL_IDS].sort());
    for (const id of CELL_IDS) expect([id, r.report.cells[id]]).toEqual([id, 0]);
    expect(r.findings).toEqual([]);
    expect(r.unreadable).toEqual([]);
    expect(r.edition).toBe('2021');
  });

  test('checks clean: every rule passes, the text agrees with the tables and states the fee', async () => {
    const r = await importFile(FILE);
    if (!r.ok) throw new Error(r.error);
    expect(check(r.report, { unreadable: r.unreadable })).toEqual([]);
  });

  test('keeps the prose: the title and the six parts', () => {
    const r = importDocument(parseFlatText(text()));
    expect(r.prose?.title).toBe('六安市金安区木厂镇2024年政府信息公开工作年度报告');
    expect(Object.keys(r.prose!.parts)).toEqual(['一', '二', '三', '四', '五', '六']);
    expect(r.prose!.parts['一']!.join('')).toContain('2024年我镇未收到政府信息公开申请');
    expect(r.prose!.parts['六']!.join('')).toContain('信息公开处理费');
  });

  test('reads the same saved as GBK, with CRLF line ends, or with a BOM', async () => {
    const crlf = Buffer.from(text().replace(/\n/g, '\r\n'), 'utf8');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text(), 'utf8')]);
    // GBK has no no-break space: a GBK file has a plain space there.
    const gbk = encodeGbk(text().replace(/\u00a0/g, ' '));
    for (const bytes of [crlf, bom, gbk]) {
      const r = await importReport(bytes, 'muchang.txt');
      if (!r.ok) throw new Error(r.error);
      expect(r.report.org).toBe('木厂镇');
      expect(Object.values(r.report.cells).filter((v) => v === 0)).toHaveLength(200);
      expect(r.findings).toEqual([]);
    }
  });

  test('a figure changed in the text file is read where it stands', () => {
    // 二、上年结转 row, 总计 column: the seventh figure after its label.
    const lines = text().split('\n');
    const at = lines.findIndex((l) => l.includes('二、上年结转政府信息公开申请数量'));
    lines[at + 7] = '\t3';
    const r = importDocument(parseFlatText(lines.join('\n')));
    expect(r.report.cells['T3.R2.C7']).toBe(3);
    expect(r.report.cells['T3.R2.C6']).toBe(0);
  });
});
