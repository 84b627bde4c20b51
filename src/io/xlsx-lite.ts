/**
 * A small .xlsx reader for the browser: just enough to read our template's tables back out of a
 * file (for "last year's report" in the pane), where exceljs would be several times the size of
 * the whole pane. Built on the importers' libraries: the zip goes through the shared guard
 * (src/io/zip.ts, fflate) and each part through saxes (src/import/xml.ts, which refuses DTDs); of
 * the SAX events only the few elements a template needs are kept: the defined names, the sheet
 * list, shared strings and the cells inside the named areas. Tables are found through their names (NB_T2 …) only — a file that lost them is refused
 * with a message; the command line's reader also finds tables by their labels.
 *
 * Hostile files: sizes are bounded before and while inflating, so a lying or bombing archive is
 * refused, not expanded.
 */
import { GridValue, PlacedTable, SheetReport, readPlacedTables } from '../core/grid';
import { SheetArea, cellPosition, parseRefs } from '../core/refs';
import { Area, ORG_NAME, YEAR_NAME, tableName } from '../core/sheet';
import { TABLE_IDS, TableId } from '../core/tables';
import { XmlError, XmlHandler, XmlTag, attrValue, parseXml, prefixedAttr } from '../import/xml';
import { inflateLimited } from './inflate';
import { Inflate, ZipError, readZipTexts } from './zip';

export class XlsxLiteError extends Error {}

/** One template sheet read into a report (the same shape every sheet reader returns). */
export type XlsxSheet = SheetReport;

export const MAX_XLSX_BYTES = 20 * 1024 * 1024;

/** Reads the parts `wanted` selects through the shared zip guard (limits, lying sizes, DTDs). */
export async function parts(bytes: Uint8Array, wanted: (name: string) => boolean, inflate: Inflate): Promise<Map<string, string>> {
  try {
    return await readZipTexts(bytes, wanted, inflate);
  } catch (e) {
    if (e instanceof ZipError) throw new XlsxLiteError(e.message);
    throw e;
  }
}

// ---- xml ------------------------------------------------------------------------------------

/** Runs saxes over one part; broken XML or a DTD is refused with the part's name. */
export function parse(name: string, xml: string, handler: Partial<XmlHandler>): void {
  try {
    parseXml(xml, { open: handler.open ?? (() => undefined), close: handler.close ?? (() => undefined), text: handler.text ?? (() => undefined) });
  } catch (e) {
    if (e instanceof XmlError) throw new XlsxLiteError(`文件已损坏：${name} ${e.message}`);
    throw e;
  }
}

/**
 * Collects rich text the way Excel shows it: the <t> runs of each <si> / <is>, without phonetic
 * guides (<rPh>). `open`/`close`/`text` are fed every event; `take` returns what one item held.
 */
function richText() {
  let inT = false;
  let phonetic = 0;
  let buf = '';
  return {
    open(tag: XmlTag) {
      if (tag.local === 'rPh') phonetic++;
      else if (tag.local === 't' && phonetic === 0) inT = true;
    },
    close(tag: XmlTag) {
      if (tag.local === 'rPh') phonetic--;
      else if (tag.local === 't') inT = false;
    },
    text(t: string) {
      if (inT) buf += t;
    },
    take(): string {
      const out = buf;
      buf = '';
      return out;
    },
  };
}

// ---- workbook -------------------------------------------------------------------------------

/**
 * The workbook part, its relationship targets (id → part name) and the shared strings: what every
 * reader of an .xlsx needs before it can find a sheet.
 */
export async function openWorkbook(bytes: Uint8Array, inflate: Inflate): Promise<{ workbook: string; targets: Map<string, string>; shared: string[] }> {
  const book = await parts(bytes, (n) => n === 'xl/workbook.xml' || n === 'xl/_rels/workbook.xml.rels' || n === 'xl/sharedStrings.xml', inflate);
  const workbook = book.get('xl/workbook.xml');
  const rels = book.get('xl/_rels/workbook.xml.rels');
  if (workbook === undefined || rels === undefined) throw new XlsxLiteError('文件不是 Excel 工作簿（.xlsx）');
  const targets = new Map<string, string>();
  parse('xl/_rels/workbook.xml.rels', rels, {
    open(tag) {
      const id = attrValue(tag, 'Id');
      const target = attrValue(tag, 'Target');
      if (tag.local === 'Relationship' && id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
    },
  });
  return { workbook, targets, shared: sharedStrings(book.get('xl/sharedStrings.xml')) };
}

const WANTED = [...TABLE_IDS.map(tableName), ORG_NAME, YEAR_NAME];

/** Reads every template sheet of an .xlsx: each becomes a report with its layout findings. */
export async function readTemplateXlsx(bytes: Uint8Array, inflate: Inflate = inflateLimited): Promise<XlsxSheet[]> {
  if (bytes.length > MAX_XLSX_BYTES) throw new XlsxLiteError(`文件过大（${(bytes.length / 1048576).toFixed(1)} MB），年报文件不超过 ${MAX_XLSX_BYTES / 1048576} MB`);
  const { workbook, targets, shared } = await openWorkbook(bytes, inflate);

  const sheets: { name: string; part: string }[] = [];
  // name → per sheet index (sheet-scoped) or for the workbook (-1)
  const names: { name: string; local: number; refs: SheetArea[] }[] = [];
  let definedName: { name: string; local: number; text: string } | null = null;
  parse('xl/workbook.xml', workbook, {
    open(tag) {
      if (tag.local === 'sheet') {
        // The relationship id is the one attribute named "id" in a namespace (r:id).
        const rid = prefixedAttr(tag, 'id') ?? '';
        sheets.push({ name: attrValue(tag, 'name') ?? '', part: targets.get(rid) ?? '' });
      } else if (tag.local === 'definedName') {
        const local = attrValue(tag, 'localSheetId');
        definedName = { name: (attrValue(tag, 'name') ?? '').toUpperCase(), local: local === undefined ? -1 : Number(local), text: '' };
      }
    },
    close(tag) {
      if (tag.local !== 'definedName' || definedName === null) return;
      if (WANTED.includes(definedName.name)) names.push({ name: definedName.name, local: definedName.local, refs: parseRefs(definedName.text) });
      definedName = null;
    },
    text(t) {
      if (definedName !== null) definedName.text += t;
    },
  });

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
    return xml === undefined ? [] : [readSheet(f.name, f.part, xml, shared, f.areas)];
  });
}

function sharedStrings(xml: string | undefined): string[] {
  if (xml === undefined) return [];
  const out: string[] = [];
  const rich = richText();
  parse('xl/sharedStrings.xml', xml, {
    open: rich.open,
    close(tag) {
      rich.close(tag);
      if (tag.local === 'si') out.push(rich.take());
    },
    text: rich.text,
  });
  return out;
}

/**
 * Reads a sheet part's cells: `place` sees every tag outside a cell and, for a <c>, says where its
 * value goes (null skips the cell); `take` receives each placed cell's value.
 */
export function readCells<P>(part: string, xml: string, shared: readonly string[], place: (tag: XmlTag) => P | null, take: (at: P, value: GridValue) => void): void {
  let cell: { at: P; type: string | undefined; v?: string; f?: string; is?: string } | null = null;
  let into: 'v' | 'f' | null = null;
  const rich = richText();
  parse(part, xml, {
    open(tag) {
      if (tag.local === 'c' || cell === null) {
        const at = place(tag);
        if (tag.local === 'c') cell = at === null ? null : { at, type: attrValue(tag, 't') };
      } else if (tag.local === 'v' || tag.local === 'f') {
        into = tag.local;
        cell[into] = cell[into] ?? '';
      } else rich.open(tag);
    },
    close(tag) {
      if (cell === null) return;
      if (tag.local === 'c') {
        take(cell.at, cellValue(cell.type, cell.v, cell.f, cell.is ?? '', shared));
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
}

function readSheet(name: string, part: string, xml: string, shared: readonly string[], areas: Map<string, Area>): XlsxSheet {
  const inside = (row: number, col: number): boolean => [...areas.values()].some((a) => row >= a.row && row < a.row + a.rows && col >= a.col && col < a.col + a.cols);
  const values = new Map<string, GridValue>();
  readCells(
    part,
    xml,
    shared,
    (tag) => {
      if (tag.local !== 'c') return null;
      const pos = cellPosition(attrValue(tag, 'r') ?? '');
      // Only the cells inside one of the named areas are kept.
      return pos && inside(pos.row, pos.col) ? `${pos.row},${pos.col}` : null;
    },
    (key, value) => values.set(key, value),
  );
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

function cellValue(type: string | undefined, v: string | undefined, f: string | undefined, inline: string, shared: readonly string[]): GridValue {
  switch (type) {
    case 's':
      return v === undefined ? null : (shared[Number(v)] ?? null);
    case 'inlineStr':
      return inline;
    case 'str':
    case 'e':
      return v === undefined ? null : v;
    case 'b':
      return v === undefined ? null : v.trim() === '1';
    default: {
      // A formula nobody calculated has no value; the engine sees it as typed.
      if (v === undefined) return f === undefined ? null : `=${f}`;
      const n = Number(v);
      return Number.isFinite(n) ? n : v;
    }
  }
}
