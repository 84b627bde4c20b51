/**
 * A register (台账) from an .xlsx file in the browser, with the small reader of xlsx-lite.ts (the
 * shared zip guard and saxes): every sheet's cells as a grid from A1, and the first sheet whose
 * header the ledger core recognises is the register. Date cells arrive as their serials, as Excel
 * stores them. Nothing leaves the page: the bytes are read here and dropped.
 */
import { cellPosition } from '../core/refs';
import type { LedgerCell, LedgerGrid } from '../ledger/columns';
import { findHeader } from '../ledger/read';
import { attrValue, prefixedAttr } from '../import/xml';
import { inflateLimited } from './inflate';
import { MAX_XLSX_BYTES, XlsxLiteError, cellValue, parse, parts, richText, sharedStrings } from './xlsx-lite';

/** Registers are larger than reports: a 10,000-row register is a few MB. */
const MAX_ROWS = 100_000;

export async function readLedgerXlsx(bytes: Uint8Array, fileName: string): Promise<{ ok: true; sheet: string; grid: LedgerGrid } | { ok: false; error: string }> {
  try {
    if (!/\.xls[xm]$/i.test(fileName)) return { ok: false, error: '台账文件应为 Excel 工作簿（.xlsx）' };
    if (bytes.length > MAX_XLSX_BYTES) return { ok: false, error: `文件过大（${(bytes.length / 1048576).toFixed(1)} MB）` };
    const book = await parts(bytes, (n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels' || n === 'xl/sharedStrings.xml', inflateLimited);
    const workbook = book.get('xl/workbook.xml');
    const rels = book.get('xl/_rels/workbook.xml.rels');
    if (workbook === undefined || rels === undefined) return { ok: false, error: '文件不是 Excel 工作簿（.xlsx）' };
    const targets = new Map<string, string>();
    parse('xl/_rels/workbook.xml.rels', rels, {
      open(tag) {
        const id = attrValue(tag, 'Id');
        const target = attrValue(tag, 'Target');
        if (tag.local === 'Relationship' && id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
      },
    });
    const sheets: { name: string; part: string }[] = [];
    parse('xl/workbook.xml', workbook, {
      open(tag) {
        if (tag.local === 'sheet') sheets.push({ name: attrValue(tag, 'name') ?? '', part: targets.get(prefixedAttr(tag, 'id') ?? '') ?? '' });
      },
    });
    const shared = sharedStrings(book.get('xl/sharedStrings.xml'));
    const xml = await parts(bytes, (n) => sheets.some((s) => s.part === n), inflateLimited);
    for (const s of sheets) {
      const text = xml.get(s.part);
      if (text === undefined) continue;
      const grid = readGrid(s.part, text, shared);
      if (findHeader(grid) !== null) return { ok: true, sheet: s.name, grid };
    }
    return { ok: false, error: '文件中没有台账：没有一个工作表的前几行能认出“收到日期”“申请人类型”“答复日期”“办理结果”等列名' };
  } catch (e) {
    if (e instanceof XlsxLiteError) return { ok: false, error: e.message };
    throw e;
  }
}

function readGrid(part: string, xml: string, shared: readonly string[]): LedgerGrid {
  const grid: LedgerGrid = [];
  let cell: { row: number; col: number; type: string | undefined; v?: string; f?: string; is?: string } | null = null;
  let into: 'v' | 'f' | null = null;
  const rich = richText();
  parse(part, xml, {
    open(tag) {
      if (tag.local === 'c') {
        const pos = cellPosition(attrValue(tag, 'r') ?? '');
        cell = pos && pos.row < MAX_ROWS ? { ...pos, type: attrValue(tag, 't') } : null;
      } else if (cell === null) return;
      else if (tag.local === 'v' || tag.local === 'f') {
        into = tag.local;
        cell[into] = cell[into] ?? '';
      } else rich.open(tag);
    },
    close(tag) {
      if (cell === null) return;
      if (tag.local === 'c') {
        const v = cellValue(cell.type, cell.v, cell.f, cell.is ?? '', shared) as LedgerCell;
        if (v !== null && v !== '') {
          while (grid.length <= cell.row) grid.push([]);
          const row = grid[cell.row];
          while (row.length < cell.col) row.push(null);
          row[cell.col] = v;
        }
        cell = null;
      } else if (tag.local === 'v' || tag.local === 'f') into = null;
      else if (tag.local === 'is') cell.is = rich.take();
      else rich.close(tag);
    },
    text(t) {
      if (cell === null) return;
      if (into !== null) cell[into] += t;
      else rich.text(t);
    },
  });
  return grid;
}
