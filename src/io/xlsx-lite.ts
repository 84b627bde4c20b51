/**
 * A small .xlsx reader for the browser: just enough to read our template's tables back out of a
 * file (for "last year's report" in the pane), where exceljs would be several times the size of
 * the whole pane. The zip goes through the shared guard (src/io/zip.ts) with the browser's
 * inflater (DecompressionStream, in every browser that runs Office add-ins and in Node ≥ 20); the XML is scanned for the few elements a
 * template needs: the defined names, the sheet list, shared strings and the cells inside the named
 * areas. Tables are found through their names (NB_T2 …) only — a file that lost them is refused
 * with a message; the command line's reader also finds tables by their labels.
 *
 * Hostile files: sizes are bounded before and while inflating, so a lying or bombing archive is
 * refused, not expanded.
 */
import { GridValue, PlacedTable, SheetReport, readPlacedTables } from '../core/grid';
import { SheetArea, cellPosition, parseRefs } from '../core/refs';
import { Area, ORG_NAME, YEAR_NAME, tableName } from '../core/sheet';
import { TABLE_IDS, TableId } from '../core/tables';
import { inflateBrowser } from './inflate-browser';
import { Inflate, ZipError, readZipTexts } from './zip';

export class XlsxLiteError extends Error {}

/** One template sheet read into a report (the same shape every sheet reader returns). */
export type XlsxSheet = SheetReport;

export const MAX_XLSX_BYTES = 20 * 1024 * 1024;

/** Reads the parts `wanted` selects through the shared zip guard (limits, lying sizes, DTDs). */
async function parts(bytes: Uint8Array, wanted: (name: string) => boolean, inflate: Inflate): Promise<Map<string, string>> {
  try {
    return await readZipTexts(bytes, wanted, inflate);
  } catch (e) {
    if (e instanceof ZipError) throw new XlsxLiteError(e.message);
    throw e;
  }
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

const WANTED = [...TABLE_IDS.map(tableName), ORG_NAME, YEAR_NAME];

/** Reads every template sheet of an .xlsx: each becomes a report with its layout findings. */
export async function readTemplateXlsx(bytes: Uint8Array, inflate: Inflate = inflateBrowser): Promise<XlsxSheet[]> {
  if (bytes.length > MAX_XLSX_BYTES) throw new XlsxLiteError(`文件过大（${(bytes.length / 1048576).toFixed(1)} MB），年报文件不超过 ${MAX_XLSX_BYTES / 1048576} MB`);
  const book = await parts(bytes, (n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels' || n === 'xl/sharedStrings.xml', inflate);
  const workbook = book.get('xl/workbook.xml');
  const rels = book.get('xl/_rels/workbook.xml.rels');
  if (workbook === undefined || rels === undefined) throw new XlsxLiteError('文件不是 Excel 工作簿（.xlsx）');

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
  const names: { name: string; local: number; refs: SheetArea[] }[] = [];
  for (const m of workbook.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    const a = attrs(m[1]);
    const upper = (a.name ?? '').toUpperCase();
    if (!WANTED.includes(upper)) continue;
    names.push({ name: upper, local: a.localSheetId === undefined ? -1 : Number(a.localSheetId), refs: parseRefs(text(m[2])) });
  }

  const shared = sharedStrings(book.get('xl/sharedStrings.xml'));
  const found: { name: string; part: string; areas: Map<string, Area> }[] = [];
  for (const [index, sheet] of sheets.entries()) {
    const areas = new Map<string, Area>();
    // The sheet's own names first, then workbook names pointing into the sheet.
    for (const n of [...names.filter((x) => x.local === index), ...names.filter((x) => x.local === -1)]) {
      if (areas.has(n.name)) continue;
      const ref = n.local === index ? n.refs[0] : n.refs.find((r) => r.sheet !== null && r.sheet.toLowerCase() === sheet.name.toLowerCase());
      if (ref) areas.set(n.name, ref.area);
    }
    if (TABLE_IDS.some((t) => areas.has(tableName(t)))) found.push({ ...sheet, areas });
  }
  const sheetXml = await parts(bytes, (n) => found.some((f) => f.part === n), inflate);
  return found.flatMap((f) => {
    const xml = sheetXml.get(f.part);
    return xml === undefined ? [] : [readSheet(f.name, xml, shared, f.areas)];
  });
}

function sharedStrings(xml: string | undefined): string[] {
  if (xml === undefined) return [];
  return [...xml.matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>|<si\b[^>]*\/>/g)].map((m) => runs(m[1] ?? ''));
}

function readSheet(name: string, xml: string, shared: readonly string[], areas: Map<string, Area>): XlsxSheet {
  const inside = (row: number, col: number): boolean => [...areas.values()].some((a) => row >= a.row && row < a.row + a.rows && col >= a.col && col < a.col + a.cols);
  const values = new Map<string, GridValue>();
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const a = attrs(m[1]);
    const pos = a.r ? cellPosition(a.r) : null;
    if (!pos || !inside(pos.row, pos.col)) continue;
    values.set(`${pos.row},${pos.col}`, cellValue(a.t, m[2] ?? '', shared));
  }
  const grid = (area: Area): GridValue[][] => Array.from({ length: area.rows }, (_, r) => Array.from({ length: area.cols }, (_, c) => values.get(`${area.row + r},${area.col + c}`) ?? null));
  const placed: Partial<Record<TableId, PlacedTable>> = {};
  for (const t of TABLE_IDS) {
    const area = areas.get(tableName(t));
    if (area) placed[t] = { grid: grid(area), row: area.row, col: area.col };
  }
  const single = (n: string): GridValue => {
    const area = areas.get(n);
    return area ? (values.get(`${area.row},${area.col}`) ?? null) : null;
  };
  return { sheet: name, ...readPlacedTables(placed, single(ORG_NAME), single(YEAR_NAME), (t) => `工作表“${name}”中没有名称 ${tableName(t)}`) };
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
