/**
 * A small .xlsx reader for the browser: just enough to read our template's tables back out of a
 * file (for "last year's report" in the pane), where exceljs would be several times the size of
 * the whole pane. The zip is inflated by the platform (DecompressionStream 'deflate-raw', in every
 * browser that runs Office add-ins and in Node ≥ 20); the XML is scanned for the few elements a
 * template needs: the defined names, the sheet list, shared strings and the cells inside the named
 * areas. Tables are found through their names (NB_T2 …) only — a file that lost them is refused
 * with a message; the command line's reader also finds tables by their labels.
 *
 * Hostile files: sizes are bounded before and while inflating, so a lying or bombing archive is
 * refused, not expanded.
 */
import { Finding } from '../core/findings';
import { GridValue, reportFromGrids } from '../core/grid';
import { Report } from '../core/report';
import { ORG_NAME, YEAR_NAME, a1, tableName } from '../core/sheet';
import { CellId, TABLE_IDS, TABLES, TableId } from '../core/tables';

export class XlsxLiteError extends Error {}

/** One template sheet read into a report (the same shape the importers' readXlsx returns). */
export interface XlsxSheet {
  sheet: string;
  report: Report;
  findings: Finding[];
  unreadable: TableId[];
  addresses: Partial<Record<CellId, string>>;
}

export type InflateRaw = (data: Uint8Array, limit: number) => Promise<Uint8Array>;

export const MAX_XLSX_BYTES = 20 * 1024 * 1024;
const MAX_ENTRIES = 5000;
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

// ---- zip ------------------------------------------------------------------------------------

interface Entry {
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

function entries(bytes: Uint8Array): Map<string, Entry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22 || view.getUint32(0, true) !== 0x04034b50) throw new XlsxLiteError('文件不是 .xlsx 格式（应为 Office Open XML 压缩包）');
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxLiteError('文件不完整或已损坏（找不到压缩包目录）');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  if (count > MAX_ENTRIES) throw new XlsxLiteError('压缩包内文件过多，不是正常的 .xlsx 文件');
  const out = new Map<string, Entry>();
  const names = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new XlsxLiteError('文件不完整或已损坏（压缩包目录有误）');
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const name = names.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    out.set(name, {
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      offset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** Inflates with the platform's DecompressionStream, stopping as soon as the output passes `limit`. */
export const platformInflateRaw: InflateRaw = async (data, limit) => {
  const DS = (globalThis as { DecompressionStream?: new (format: string) => TransformStream<Uint8Array, Uint8Array> }).DecompressionStream;
  if (!DS) throw new XlsxLiteError('此环境不能解压 .xlsx 文件，请改用 .json 文件');
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(data);
      controller.close();
    },
  });
  const reader = source.pipeThrough(new DS('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new XlsxLiteError('文件内容解压后与声明的大小不符，疑似已损坏或为“压缩炸弹”，已拒绝读取');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

async function entryText(bytes: Uint8Array, all: Map<string, Entry>, name: string, inflate: InflateRaw): Promise<string | null> {
  const e = all.get(name);
  if (!e) return null;
  if (e.size > MAX_ENTRY_BYTES) throw new XlsxLiteError(`文件中的 ${name} 过大，已拒绝读取`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.offset + 30 > bytes.length || view.getUint32(e.offset, true) !== 0x04034b50) throw new XlsxLiteError('文件不完整或已损坏（压缩包内容有误）');
  const start = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
  const data = bytes.subarray(start, start + e.compressedSize);
  if (data.length < e.compressedSize) throw new XlsxLiteError('文件不完整或已损坏（压缩包内容被截断）');
  let raw: Uint8Array;
  if (e.method === 0) raw = data;
  else if (e.method === 8) raw = await inflate(data, e.size);
  else throw new XlsxLiteError(`文件使用了不支持的压缩方式（${e.method}）`);
  return new TextDecoder('utf-8').decode(raw);
}

// ---- xml ------------------------------------------------------------------------------------

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function text(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, code: string) => {
    if (code[0] !== '#') return NAMED[code] ?? whole;
    const n = code[1] === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
    return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
  });
}

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = text(m[2] ?? m[3] ?? '');
  return out;
}

/** The text of an <si> or <is>: its <t> runs, without phonetic guides (<rPh>). */
const runs = (xml: string): string =>
  [...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>|<t\b[^>]*\/>/g)].map((m) => text(m[1] ?? '')).join('');

// ---- workbook -------------------------------------------------------------------------------

interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

const REF = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/;

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

const unquote = (s: string): string => (s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s);

/** A defined name's reference ("'2024年…'!$A$5:$J$32", or a union of such) as sheets and areas. */
function parseRefs(formula: string): { sheet: string | null; area: Area }[] {
  const out: { sheet: string | null; area: Area }[] = [];
  for (const part of formula.trim().replace(/^=/, '').split(/,(?=(?:[^']*'[^']*')*[^']*$)/)) {
    const f = part.trim();
    const bang = f.lastIndexOf('!');
    const m = REF.exec(f.slice(bang + 1).trim());
    if (!m) continue;
    const r1 = Number(m[2]) - 1;
    const c1 = colIndex(m[1]);
    const r2 = m[4] ? Number(m[4]) - 1 : r1;
    const c2 = m[3] ? colIndex(m[3]) : c1;
    out.push({ sheet: bang >= 0 ? unquote(f.slice(0, bang)) : null, area: { row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 } });
  }
  return out;
}

function cellPos(ref: string): { row: number; col: number } | null {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(ref);
  return m ? { row: Number(m[2]) - 1, col: colIndex(m[1]) } : null;
}

const WANTED = [...TABLE_IDS.map(tableName), ORG_NAME, YEAR_NAME];

/** Reads every template sheet of an .xlsx: each becomes a report with its layout findings. */
export async function readTemplateXlsx(bytes: Uint8Array, inflate: InflateRaw = platformInflateRaw): Promise<XlsxSheet[]> {
  if (bytes.length > MAX_XLSX_BYTES) throw new XlsxLiteError(`文件过大（${(bytes.length / 1048576).toFixed(1)} MB），年报文件不超过 ${MAX_XLSX_BYTES / 1048576} MB`);
  const all = entries(bytes);
  const workbook = await entryText(bytes, all, 'xl/workbook.xml', inflate);
  const rels = await entryText(bytes, all, 'xl/_rels/workbook.xml.rels', inflate);
  if (workbook === null || rels === null) throw new XlsxLiteError('文件不是 Excel 工作簿（.xlsx）');

  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const a = attrs(m[1]);
    if (a.Id && a.Target) targets.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target.replace(/^\.\//, '')}`);
  }
  const sheets = [...workbook.matchAll(/<sheet\b([^>]*)\/?>/g)].map((m) => {
    const a = attrs(m[1]);
    const rid = Object.entries(a).find(([k]) => /(^|:)id$/.test(k) && k !== 'sheetId')?.[1] ?? '';
    return { name: a.name ?? '', part: targets.get(rid) ?? '' };
  });

  // name → per sheet index (sheet-scoped) or for the workbook (-1)
  const names: { name: string; local: number; refs: ReturnType<typeof parseRefs> }[] = [];
  for (const m of workbook.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    const a = attrs(m[1]);
    const upper = (a.name ?? '').toUpperCase();
    if (!WANTED.includes(upper)) continue;
    names.push({ name: upper, local: a.localSheetId === undefined ? -1 : Number(a.localSheetId), refs: parseRefs(text(m[2])) });
  }

  const shared = await sharedStrings(bytes, all, inflate);
  const out: XlsxSheet[] = [];
  for (const [index, sheet] of sheets.entries()) {
    const areas = new Map<string, Area>();
    // The sheet's own names first, then workbook names pointing into the sheet.
    for (const n of [...names.filter((x) => x.local === index), ...names.filter((x) => x.local === -1)]) {
      if (areas.has(n.name)) continue;
      const ref = n.local === index ? n.refs[0] : n.refs.find((r) => r.sheet !== null && r.sheet.toLowerCase() === sheet.name.toLowerCase());
      if (ref) areas.set(n.name, ref.area);
    }
    if (!TABLE_IDS.some((t) => areas.has(tableName(t)))) continue;
    const xml = await entryText(bytes, all, sheet.part, inflate);
    if (xml === null) continue;
    out.push(readSheet(sheet.name, xml, shared, areas));
  }
  return out;
}

async function sharedStrings(bytes: Uint8Array, all: Map<string, Entry>, inflate: InflateRaw): Promise<string[]> {
  const xml = await entryText(bytes, all, 'xl/sharedStrings.xml', inflate);
  if (xml === null) return [];
  return [...xml.matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>|<si\b[^>]*\/>/g)].map((m) => runs(m[1] ?? ''));
}

function readSheet(name: string, xml: string, shared: readonly string[], areas: Map<string, Area>): XlsxSheet {
  const inside = (row: number, col: number): boolean => [...areas.values()].some((a) => row >= a.row && row < a.row + a.rows && col >= a.col && col < a.col + a.cols);
  const values = new Map<string, GridValue>();
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const a = attrs(m[1]);
    const pos = a.r ? cellPos(a.r) : null;
    if (!pos || !inside(pos.row, pos.col)) continue;
    values.set(`${pos.row},${pos.col}`, cellValue(a.t, m[2] ?? '', shared));
  }
  const grid = (area: Area): GridValue[][] => Array.from({ length: area.rows }, (_, r) => Array.from({ length: area.cols }, (_, c) => values.get(`${area.row + r},${area.col + c}`) ?? null));
  const grids: Partial<Record<TableId, GridValue[][]>> = {};
  const addresses: Partial<Record<CellId, string>> = {};
  const missing: Finding[] = [];
  for (const t of TABLE_IDS) {
    const area = areas.get(tableName(t));
    if (!area) {
      missing.push({ rule: 'layout.missing', severity: 'error', table: t, cells: [], params: { detail: `工作表“${name}”中没有名称 ${tableName(t)}` } });
      continue;
    }
    grids[t] = grid(area);
    for (const input of TABLES[t].inputs) addresses[input.id] = a1(area.row + input.r, area.col + input.c);
  }
  const single = (n: string): GridValue => {
    const area = areas.get(n);
    return area ? (values.get(`${area.row},${area.col}`) ?? null) : null;
  };
  const read = reportFromGrids(grids, single(ORG_NAME), single(YEAR_NAME));
  const findings = [...missing, ...read.findings.filter((f) => !(f.rule === 'layout.shape' && !grids[f.table as TableId]))];
  return { sheet: name, report: read.report, findings, unreadable: read.unreadable, addresses };
}

function cellValue(type: string | undefined, body: string, shared: readonly string[]): GridValue {
  const v = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(body)?.[1];
  switch (type) {
    case 's':
      return v === undefined ? null : (shared[Number(v)] ?? null);
    case 'inlineStr':
      return runs(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
    case 'str':
      return v === undefined ? null : text(v);
    case 'b':
      return v === undefined ? null : v.trim() === '1';
    case 'e':
      return v === undefined ? null : text(v);
    default: {
      if (v === undefined) {
        // A formula nobody calculated has no value; the engine sees it as typed.
        const f = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(body)?.[1];
        return f === undefined ? null : `=${text(f)}`;
      }
      const n = Number(v);
      return Number.isFinite(n) ? n : text(v);
    }
  }
}
