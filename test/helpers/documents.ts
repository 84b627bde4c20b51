/**
 * Published reports made in tests: the official tables as Word writes them (w:gridSpan, w:vMerge
 * restart/continue, text split into runs) and as government sites publish them (tables in divs,
 * rowspan/colspan, <p><span> in cells, &nbsp;, <br> inside labels), from the table declarations.
 */
import { CellValue, Report } from '../../src/core/report';
import { TABLES, TABLE_IDS, TableId } from '../../src/core/tables';
import { makeZip } from './zip';

export interface Cell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
}
export type Row = Cell[];
export type DocBlock = string | { rows: Row[] };

export interface TableOptions {
  /** Rewrites a label as a published report words it. */
  label?: (text: string, table: TableId) => string;
  /** Writes a value as it appears in the cell. */
  value?: (v: CellValue | undefined, id: string) => string;
}

const plain = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v));

/** The official table `t` as rows of cells with spans, every merge as the declaration has it. */
export function officialRows(t: TableId, report: Report, options: TableOptions = {}): Row[] {
  const layout = TABLES[t];
  const label = options.label ?? ((s: string) => s);
  const value = options.value ?? plain;
  const text = new Map<string, string>();
  for (const l of layout.labels) text.set(`${l.r},${l.c}`, label(l.text, t));
  for (const i of layout.inputs) text.set(`${i.r},${i.c}`, value(report.cells[i.id], i.id));
  const covered = new Set<string>();
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const m of layout.merges) {
    spans.set(`${m.r1},${m.c1}`, { rowSpan: m.r2 - m.r1 + 1, colSpan: m.c2 - m.c1 + 1 });
    for (let r = m.r1; r <= m.r2; r++) for (let c = m.c1; c <= m.c2; c++) if (r !== m.r1 || c !== m.c1) covered.add(`${r},${c}`);
  }
  const rows: Row[] = [];
  for (let r = 0; r < layout.rows; r++) {
    const row: Row = [];
    for (let c = 0; c < layout.cols; c++) {
      const key = `${r},${c}`;
      if (covered.has(key)) continue;
      row.push({ text: text.get(key) ?? '', ...spans.get(key) });
    }
    rows.push(row);
  }
  return rows;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// ---- Word ------------------------------------------------------------------------------------

/** A paragraph as Word writes it: properties, then the text in several runs. */
function wParagraph(text: string): string {
  const runs: string[] = [];
  // Word splits runs at formatting and proofing boundaries; emulate with chunks of a few characters.
  for (let i = 0; i < text.length; i += 5) {
    runs.push(`<w:r><w:rPr><w:rFonts w:hint="eastAsia"/><w:sz w:val="21"/></w:rPr><w:t xml:space="preserve">${esc(text.slice(i, i + 5))}</w:t></w:r>`);
  }
  return `<w:p><w:pPr><w:jc w:val="center"/><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:pPr>${runs.join('')}</w:p>`;
}

/** Cell text as Word paragraphs: a "\n" in the text is a new paragraph in the cell. */
const wCellParagraphs = (text: string): string => text.split('\n').map(wParagraph).join('');

/**
 * A table as Word writes it: a horizontal merge is one w:tc with w:gridSpan; a vertical merge is a
 * w:tc with <w:vMerge w:val="restart"/> in its first row and an empty w:tc with <w:vMerge/> (same
 * gridSpan) in every row below.
 */
export function wTable(rows: Row[]): string {
  const cols = Math.max(...rows.map((r) => r.reduce((n, c) => n + (c.colSpan ?? 1), 0)), 1);
  // Lay out the grid to know where vertical merges continue.
  const below = new Map<string, number>(); // "r,c" -> colSpan of a merge continuing there
  const out: string[] = [];
  rows.forEach((row, r) => {
    const tcs: string[] = [];
    let c = 0;
    const emitContinuations = () => {
      while (below.has(`${r},${c}`)) {
        const span = below.get(`${r},${c}`)!;
        tcs.push(`<w:tc><w:tcPr><w:tcW w:w="${600 * span}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}<w:vMerge/></w:tcPr><w:p/></w:tc>`);
        c += span;
      }
    };
    for (const cell of row) {
      emitContinuations();
      const span = cell.colSpan ?? 1;
      const rs = cell.rowSpan ?? 1;
      for (let k = 1; k < rs; k++) below.set(`${r + k},${c}`, span);
      const props = `<w:tcW w:w="${600 * span}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${rs > 1 ? '<w:vMerge w:val="restart"/>' : ''}<w:vAlign w:val="center"/>`;
      tcs.push(`<w:tc><w:tcPr>${props}</w:tcPr>${cell.text === '' ? '<w:p/>' : wCellParagraphs(cell.text)}</w:tc>`);
      c += span;
    }
    emitContinuations();
    out.push(`<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>${tcs.join('')}</w:tr>`);
  });
  const grid = Array.from({ length: cols }, () => '<w:gridCol w:w="600"/>').join('');
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single" w:sz="4"/></w:tblBorders></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${out.join('')}</w:tbl>`;
}

export function documentXml(blocks: DocBlock[], extraBody = ''): string {
  const body = blocks.map((b) => (typeof b === 'string' ? wParagraph(b) : wTable(b.rows))).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">' +
    `<w:body>${body}${extraBody}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
/** A footer with a page number, as Word puts it: in its own part, never in the body. */
const FOOTER =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>— 3 —</w:t></w:r></w:p></w:ftr>';

/** A .docx file: content types, relationships, the document, and a footer holding a page number. */
export function makeDocx(xml: string): Buffer {
  return makeZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: RELS },
    { name: 'word/document.xml', data: xml },
    { name: 'word/footer1.xml', data: FOOTER },
  ]);
}

// ---- web pages -------------------------------------------------------------------------------

/** A cell as a government CMS writes it: <p><span> with inline styles, "\n" as <br>, &nbsp; padding. */
function htmlCell(cell: Cell, tag = 'td'): string {
  const attrs = `${cell.rowSpan && cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan && cell.colSpan > 1 ? ` colspan=${cell.colSpan}` : ''}`;
  const inner = cell.text === '' ? '&nbsp;' : cell.text.split('\n').map((l) => esc(l)).join('<br/>');
  return `<${tag}${attrs} style="border:1px solid #000;padding:0 7px" valign="center"><p class="MsoNormal" style="text-align:center"><span style="font-family:宋体;font-size:14px">${inner}</span></p></${tag}>`;
}

export function htmlTable(rows: Row[]): string {
  const trs = rows.map((row) => `<tr style="height:28px">\n  ${row.map((c) => htmlCell(c)).join('\n  ')}\n</tr>`).join('\n');
  return `<table border="1" cellspacing="0" cellpadding="0" width="600" style="border-collapse:collapse"><tbody>\n${trs}\n</tbody></table>`;
}

export function htmlPage(blocks: DocBlock[], title = ''): string {
  const body = blocks.map((b) => (typeof b === 'string' ? `<p style="text-indent:2em"><span style="font-family:仿宋">${esc(b)}</span></p>` : htmlTable(b.rows))).join('\n');
  return `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>${esc(title)}</title>
<script>var _hmt = _hmt || []; document.write("<table><tr><td>规章</td><td>99</td></tr></table>");</script>
<style>td { font-size: 14px } .x > p { margin: 0 }</style></head>
<body><div class="header"><a href="/">首页</a> &gt; <a href="/xxgk">政府信息公开</a> &gt; 年度报告</div>
<div class="main"><div class="article"><div class="content" id="zoom">
${body}
</div></div></div>
<div class="footer">主办单位：某某县人民政府办公室 &nbsp; 联系电话：0564-1234567</div>
</body></html>`;
}

// ---- the flattened text form ------------------------------------------------------------------

/** The fixture's form: a cell per tab-indented line, a blank line after each row; spans lost, merged-away cells empty. */
export function flatTable(rows: Row[]): string {
  return rows.map((row) => row.map((c) => `\t${c.text}`).join('\n')).join('\n\n') + '\n\n';
}

// ---- whole reports ---------------------------------------------------------------------------

export interface ReportOptions extends TableOptions {
  title?: string;
  /** Paragraphs of part 一, replacing the default. */
  partOne?: string[];
  /** Paragraphs of part 六, replacing the default. */
  partSix?: string[];
  /** Override the tables (a table per entry, in order) of one part. */
  tables?: Partial<Record<TableId, Row[][]>>;
}

/** A whole published report: title, the six parts, the three tables. */
export function reportBlocks(report: Report, options: ReportOptions = {}): DocBlock[] {
  const title = options.title ?? `${report.org}${report.year}年政府信息公开工作年度报告`;
  const tables = (t: TableId): DocBlock[] => (options.tables?.[t] ?? [officialRows(t, report, options)]).map((rows) => ({ rows }));
  return [
    title,
    `本报告依据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号编制，统计期限自${report.year}年1月1日起至${report.year}年12月31日止。`,
    '一、总体情况',
    '（一）主动公开情况',
    ...(options.partOne ?? [`${report.year}年，${report.org}严格落实政府信息公开条例，及时发布各类政府信息。`]),
    ...TABLE_IDS.flatMap((t) => [TABLES[t].title, ...tables(t)]),
    '五、存在的主要问题及改进情况',
    '一是公开内容不够全面；二是解读形式较为单一。',
    '六、其他需要报告事项',
    ...(options.partSix ?? ['本年度未收取信息处理费。']),
  ];
}

// ---- encodings -------------------------------------------------------------------------------

/** GBK bytes for a string, from the platform's GBK decoder run backwards (no encoder in Node). */
export function encodeGbk(s: string): Buffer {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gbk');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  const out: number[] = [];
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return Buffer.from(out);
}

/** A whole report in the flattened text form: paragraphs as lines, tables as tab-indented cells. */
export function flatDocument(blocks: DocBlock[]): string {
  return blocks.map((b) => (typeof b === 'string' ? `${b}\n` : flatTable(b.rows))).join('');
}

// ---- 表三 with a subtotal column ------------------------------------------------------------------

/**
 * Where a "法人或其他组织小计" column stands, as seen in the wild: its own column after the five
 * legal persons (`own`), a 小计 under 法人或其他组织 after them (`under`), or its own column before them (`before`).
 */
export type SubtotalStyle = 'own' | 'under' | 'before';

/**
 * 表三's official rows (officialRows('T3', …)) with a subtotal column added: each data row gets
 * `subtotal` of its five legal-person figures (their sum unless told otherwise).
 */
export function withLegalSubtotal(rows: Row[], style: SubtotalStyle, subtotal = (five: string[], row: number): string => String(five.reduce((a, t) => a + Number(t || 0), 0))): Row[] {
  return rows.map((row, r) => {
    const cells = row.map((c) => ({ ...c }));
    if (r === 0) {
      cells[cells.length - 1].colSpan = (cells[cells.length - 1].colSpan ?? 1) + 1;
      return cells;
    }
    if (r === 1) {
      const group = cells.findIndex((c) => c.text === '法人或其他组织');
      if (style === 'under') cells[group].colSpan = (cells[group].colSpan ?? 1) + 1;
      else cells.splice(style === 'own' ? group + 1 : group, 0, { text: '法人或其他组织小计', rowSpan: 2 });
      return cells;
    }
    if (r === 2) return style === 'under' ? [...cells, { text: '小计' }] : cells;
    const n = cells.length;
    const five = cells.slice(n - 6, n - 1).map((c) => c.text);
    cells.splice(style === 'before' ? n - 6 : n - 1, 0, { text: subtotal(five, r) });
    return cells;
  });
}
