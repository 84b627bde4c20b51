/**
 * Word .docx reports: the body of word/document.xml as paragraphs and tables, merged cells resolved
 * the way Word writes them — w:gridSpan for horizontal merges, w:vMerge restart/continue for vertical
 * ones (w:hMerge from old Word versions too, and w:gridBefore for rows starting further right).
 *
 * Unzipping is not done here: the archive is read through a ZipTextReader — the zip guard
 * (src/io/zip.ts, plugged in by node.ts and browser.ts) or, in tests, a map. Headers, footers and
 * footnotes live in other parts and are never read, so page numbers and footnotes stay out.
 */
import { Block, SourceCell, SourceDoc, SourceTable, cellText, LIMITS } from './model';
import { XmlError, XmlTag, attrValue, parseXml } from './xml';

/**
 * Reads the entries `wanted` selects from a zip archive, as UTF-8 text. It must refuse what the
 * zip guard refuses (bombs, lying sizes, too many entries) by throwing; its message is shown.
 */
export type ZipTextReader = (bytes: Uint8Array, wanted: (name: string) => boolean) => Map<string, string> | Promise<Map<string, string>>;

export class DocxError extends Error {}

const W_NS = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

interface RawCell {
  paras: string[];
  colSpan: number;
  vMerge: 'restart' | 'continue' | null;
  hMergeContinue: boolean;
}
interface RawRow {
  cells: RawCell[];
  gridBefore: number;
}
interface RawTable {
  rows: RawRow[];
}

const intAttr = (tag: XmlTag): number => {
  const v = Number(attrValue(tag, 'val', W_NS));
  return Number.isFinite(v) ? Math.floor(v) : 1;
};

/** Resolves Word's merge markers into cells with rowSpan/colSpan. */
function resolveTable(raw: RawTable): SourceTable {
  const rows: SourceCell[][] = [];
  /** Vertical merges still open, by the grid column they start at. */
  const open = new Map<number, SourceCell>();
  for (const rawRow of raw.rows) {
    const out: SourceCell[] = [];
    let col = Math.max(0, Math.min(rawRow.gridBefore, LIMITS.maxCols));
    if (col > 0) out.push({ text: '', colSpan: col, filler: true });
    for (const rc of rawRow.cells) {
      const colSpan = Math.max(1, Math.min(rc.colSpan, LIMITS.maxColSpan));
      if (rc.hMergeContinue && out.length > 0 && !out[out.length - 1].filler) {
        const prev = out[out.length - 1];
        prev.colSpan = (prev.colSpan ?? 1) + colSpan;
        col += colSpan;
        continue;
      }
      const origin = rc.vMerge === 'continue' ? open.get(col) : undefined;
      if (origin && (origin.colSpan ?? 1) === colSpan) {
        origin.rowSpan = (origin.rowSpan ?? 1) + 1;
      } else {
        const cell: SourceCell = { text: cellText(rc.paras), colSpan };
        out.push(cell);
        for (let c = col; c < col + colSpan; c++) open.delete(c);
        if (rc.vMerge === 'restart') open.set(col, cell);
      }
      col += colSpan;
    }
    rows.push(out);
  }
  return { rows };
}

/** Parses word/document.xml into the intermediate model. Throws XmlError on a DTD or broken XML. */
export function parseDocumentXml(xml: string): SourceDoc {
  const blocks: Block[] = [];
  const tables: RawTable[] = [];
  /** The local names of the open elements, innermost last. */
  const open: string[] = [];
  /** Depth of elements whose text is not shown: deletions, moved-away text, fallbacks, text boxes. */
  let hidden = 0;
  const hiddenAt: number[] = [];
  let para: string[] | null = null;
  let paraDepth = 0;
  let inText = false;

  const table = () => tables[tables.length - 1];
  const row = () => table()?.rows[table().rows.length - 1];
  const cell = () => row()?.cells[row()!.cells.length - 1];
  const push = (block: Block) => {
    if (blocks.length < LIMITS.maxBlocks) blocks.push(block);
  };
  const hide = () => {
    hidden++;
    hiddenAt.push(open.length);
  };

  parseXml(xml, {
    open(tag) {
      open.push(tag.local);
      const { uri, local } = tag;
      if (uri === MC_NS && local === 'Fallback') return hide();
      if (!W_NS.has(uri)) return;
      if (local === 'del' || local === 'moveFrom' || local === 'txbxContent') return hide();
      if (hidden > 0) return;
      switch (local) {
        case 'p':
          if (para === null) para = [];
          paraDepth++;
          break;
        case 't':
          inText = true;
          break;
        case 'tab':
          if (para && open[open.length - 2] === 'r') para.push(' ');
          break;
        case 'br':
        case 'cr':
          para?.push('\n');
          break;
        case 'noBreakHyphen':
          para?.push('-');
          break;
        case 'tbl':
          tables.push({ rows: [] });
          break;
        case 'tr':
          if (table() && table().rows.length < LIMITS.maxRowsPerTable) table().rows.push({ cells: [], gridBefore: 0 });
          break;
        case 'tc':
          if (row() && row()!.cells.length < LIMITS.maxCols) row()!.cells.push({ paras: [], colSpan: 1, vMerge: null, hMergeContinue: false });
          break;
        case 'gridBefore':
          if (row()) row()!.gridBefore = intAttr(tag);
          break;
        case 'gridSpan':
          if (cell()) cell()!.colSpan = intAttr(tag);
          break;
        case 'vMerge':
          if (cell()) cell()!.vMerge = attrValue(tag, 'val', W_NS) === 'restart' ? 'restart' : 'continue';
          break;
        case 'hMerge':
          if (cell() && attrValue(tag, 'val', W_NS) !== 'restart') cell()!.hMergeContinue = true;
          break;
      }
    },
    close(tag) {
      open.pop();
      const { uri, local } = tag;
      if (hiddenAt.length > 0 && hiddenAt[hiddenAt.length - 1] === open.length + 1) {
        hiddenAt.pop();
        hidden--;
        return;
      }
      if (hidden > 0 || !W_NS.has(uri)) return;
      switch (local) {
        case 't':
          inText = false;
          break;
        case 'p': {
          paraDepth--;
          if (paraDepth > 0 || para === null) break;
          const text = para.join('');
          para = null;
          const c = tables.length > 0 ? cell() : undefined;
          if (c) c.paras.push(...text.split('\n'));
          else if (tables.length === 0) {
            const t = text.trim();
            if (t !== '') push({ kind: 'para', text: t });
          }
          break;
        }
        case 'tbl': {
          const raw = tables.pop();
          if (raw && raw.rows.length > 0) push({ kind: 'table', table: resolveTable(raw) });
          break;
        }
      }
    },
    text(text) {
      if (inText && hidden === 0 && para !== null) para.push(text);
    },
  });
  return { blocks };
}

const MAIN_PART = 'word/document.xml';

/** Where _rels/.rels says the main document is (WPS and others sometimes name it differently). */
function mainPartName(rels: string | undefined): string {
  if (!rels) return MAIN_PART;
  let target: string | undefined;
  parseXml(rels, {
    open(tag) {
      if (target === undefined && tag.local === 'Relationship' && /\/officeDocument$/.test(attrValue(tag, 'Type') ?? '')) target = attrValue(tag, 'Target');
    },
    close() {},
    text() {},
  });
  return target ? target.replace(/^\//, '') : MAIN_PART;
}

/** Reads a .docx archive into the intermediate model. Throws DocxError with a Chinese message. */
export async function readDocx(bytes: Uint8Array, unzip: ZipTextReader): Promise<SourceDoc> {
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new DocxError('这是旧版 Word（.doc）文件，请在 Word 或 WPS 中“另存为” .docx 后再导入');
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new DocxError('不是 .docx 文件（文件内容不是 Office Open XML 压缩包）');
  const parts = await unzip(bytes, (name) => name === '_rels/.rels' || name === MAIN_PART || /^word\/document\w*\.xml$/.test(name) || name === 'xl/workbook.xml');
  if (parts.has('xl/workbook.xml') && !parts.has(MAIN_PART)) throw new DocxError('这是 Excel 工作簿（.xlsx），不是 Word 文件，请以 .xlsx 扩展名导入');
  try {
    const xml = parts.get(mainPartName(parts.get('_rels/.rels'))) ?? parts.get(MAIN_PART);
    if (xml === undefined) throw new DocxError('不是 Word 文档（压缩包中没有 word/document.xml）');
    return parseDocumentXml(xml);
  } catch (e) {
    if (e instanceof XmlError) throw new DocxError(`Word 文档内容已损坏（${e.message}）`);
    throw e;
  }
}
