/**
 * Reads template sheets out of an .xlsx: tables found through their defined names (NB_T2 …),
 * so inserted rows above a table or a renamed sheet still read; failing names, found by their
 * official labels. Each template sheet becomes a report plus layout findings.
 */
import ExcelJS from 'exceljs';
import { GridValue, PlacedTable, SheetReport, normalizeLabel, readPlacedTables, reportFromGrids } from '../core/grid';
import { parseRefs } from '../core/refs';
import { ORG_NAME, YEAR_NAME, tableName } from '../core/sheet';
import { TABLE_IDS, TABLES, TableId } from '../core/tables';
import { LEDGER_T3_NAME, SUMMARY_TITLE } from '../ledger/sheet';
import { inflateNode } from '../io/inflate-node';
import { ZipError, checkZip } from '../io/zip';

/** A file that cannot be read as a workbook at all; the message is for the user, in Chinese. */
export class ReadError extends Error {}

export type { SheetReport };

interface Origin {
  row: number; // 1-based, as exceljs counts
  col: number;
  rows: number;
  cols: number;
}

/** The value of one cell as the engine should see it. */
export function cellValueOf(cell: ExcelJS.Cell): GridValue {
  if (cell.isMerged && cell.master !== cell) return null;
  return plainValue(cell.value);
}

function plainValue(v: ExcelJS.CellValue): GridValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('error' in v) return String(v.error);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const f = v as ExcelJS.CellFormulaValue;
    if (f.result === undefined || f.result === null) return `=${f.formula ?? (v as ExcelJS.CellSharedFormulaValue).sharedFormula}`;
    return plainValue(f.result as ExcelJS.CellValue);
  }
  if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
  return String(v);
}

function gridAt(ws: ExcelJS.Worksheet, o: Origin): GridValue[][] {
  const grid: GridValue[][] = [];
  for (let r = 0; r < o.rows; r++) {
    const row: GridValue[] = [];
    for (let c = 0; c < o.cols; c++) row.push(cellValueOf(ws.getCell(o.row + r, o.col + c)));
    grid.push(row);
  }
  return grid;
}

interface NamedArea {
  sheet: string;
  origin: Origin;
}

/** A name's reference as the sheet and 1-based area exceljs counts in. */
function parseArea(ref: string): NamedArea | null {
  const r = parseRefs(ref)[0];
  if (!r || r.sheet === null) return null;
  return { sheet: r.sheet, origin: { row: r.area.row + 1, col: r.area.col + 1, rows: r.area.rows, cols: r.area.cols } };
}

/** Our names, by sheet: a workbook may hold several years' templates. */
function namedAreas(wb: ExcelJS.Workbook): Map<string, Map<string, Origin>> {
  const bySheet = new Map<string, Map<string, Origin>>();
  const wanted = new Set([...TABLE_IDS.map(tableName), ORG_NAME, YEAR_NAME, LEDGER_T3_NAME]);
  const model = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
  for (const { name, ranges } of model) {
    if (!wanted.has(name)) continue;
    for (const ref of ranges) {
      const area = parseArea(ref);
      if (!area) continue;
      if (!bySheet.has(area.sheet)) bySheet.set(area.sheet, new Map());
      bySheet.get(area.sheet)!.set(name, area.origin);
    }
  }
  return bySheet;
}

const ANCHORS: Record<TableId, string> = {
  T2: normalizeLabel(TABLES.T2.labels[0].text),
  T3: normalizeLabel(TABLES.T3.labels[0].text),
  T4: normalizeLabel(TABLES.T4.labels[0].text),
};
const TITLE = /^(.*?)(\d{4})\s*年度?政府信息公开工作年度报告$/;

/** Finds the tables of a sheet by their first official label, for sheets whose names were lost. */
function findByLabels(ws: ExcelJS.Worksheet): { areas: Map<string, Origin>; org: string; year: number | null } {
  const areas = new Map<string, Origin>();
  let org = '';
  let year: number | null = null;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const v = cellValueOf(cell);
      if (typeof v !== 'string') return;
      const text = normalizeLabel(v);
      for (const t of TABLE_IDS) {
        if (text === ANCHORS[t] && !areas.has(tableName(t))) areas.set(tableName(t), { row: r, col: c, rows: TABLES[t].rows, cols: TABLES[t].cols });
      }
      const title = TITLE.exec(text);
      if (title && year === null) {
        org = title[1];
        year = Number(title[2]);
      }
    });
  });
  return { areas, org, year };
}

/** A register summary whose names were lost (a sheet copied without them): known by its title. */
function isLedgerSummary(ws: ExcelJS.Worksheet): boolean {
  const title = cellValueOf(ws.getCell('A1'));
  return typeof title === 'string' && title.endsWith(SUMMARY_TITLE);
}

function single(ws: ExcelJS.Worksheet, o: Origin | undefined): GridValue {
  return o ? cellValueOf(ws.getCell(o.row, o.col)) : null;
}

function sheetReport(ws: ExcelJS.Worksheet, areas: Map<string, Origin>, org: GridValue, year: GridValue): SheetReport {
  const placed: Partial<Record<TableId, PlacedTable>> = {};
  for (const t of TABLE_IDS) {
    const o = areas.get(tableName(t));
    if (o) placed[t] = { grid: gridAt(ws, o), row: o.row - 1, col: o.col - 1 };
  }
  const read = readPlacedTables(placed, org, year, (t) => `工作表“${ws.name}”中没有名称 ${tableName(t)}，也没有官方格式的${TABLES[t].name}`);
  return { sheet: ws.name, ...read };
}

/** Every template in a workbook; a workbook without one gives a single report of layout.missing findings. */
export function templatesIn(wb: ExcelJS.Workbook): SheetReport[] {
  const out: SheetReport[] = [];
  const named = namedAreas(wb);
  for (const ws of wb.worksheets) {
    const areas = named.get(ws.name);
    // The register's summary shows 表三 with its official labels, computed: it is no report.
    if (areas?.has(LEDGER_T3_NAME) || isLedgerSummary(ws)) continue;
    if (areas && TABLE_IDS.some((t) => areas.has(tableName(t)))) {
      out.push(sheetReport(ws, areas, single(ws, areas.get(ORG_NAME)), single(ws, areas.get(YEAR_NAME))));
      continue;
    }
    const found = findByLabels(ws);
    if (found.areas.size > 0) out.push(sheetReport(ws, found.areas, found.org, found.year));
  }
  if (out.length === 0) {
    const first = wb.worksheets[0];
    const name = first?.name ?? '';
    out.push({
      sheet: name,
      report: reportFromGrids({}).report,
      unreadable: [...TABLE_IDS],
      addresses: {},
      findings: TABLE_IDS.map((t) => ({
        rule: 'layout.missing',
        severity: 'error' as const,
        table: t,
        cells: [],
        params: { detail: `工作簿中没有年报模板（名称 ${tableName(t)}），也没有官方格式的${TABLES[t].name}` },
      })),
    });
  }
  return out;
}

export const MAX_XLSX_BYTES = 20 * 1024 * 1024;

export async function readWorkbook(data: Buffer): Promise<SheetReport[]> {
  if (data.length === 0) throw new ReadError('文件是空的');
  if (data.length > MAX_XLSX_BYTES) throw new ReadError(`文件过大（${(data.length / 1048576).toFixed(1)} MB），年报模板不超过 ${MAX_XLSX_BYTES / 1048576} MB`);
  if (data[0] !== 0x50 || data[1] !== 0x4b) throw new ReadError('不是 .xlsx 文件（文件内容不是 Office Open XML 压缩包）');
  try {
    const entries = await checkZip(data, inflateNode);
    if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw new ReadError('不是 .xlsx 工作簿（压缩包中没有 xl/workbook.xml）');
  } catch (e) {
    if (e instanceof ZipError) throw new ReadError(e.message);
    throw e;
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new ReadError('.xlsx 文件已损坏或不完整，无法打开');
  }
  return templatesIn(wb);
}

