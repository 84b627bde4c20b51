/**
 * Web pages as government sites publish reports: tables inside divs (or inside layout tables),
 * cells holding <p><span>…</span></p>, &nbsp; padding, labels split with <br>, Word's "save as web
 * page" markup. A tolerant one-pass tokenizer, not a DOM: nothing is executed or fetched, scripts
 * and styles are skipped, unclosed tags are closed the way browsers imply, and nesting depth costs
 * nothing (only tables are kept on a stack, and that stack is bounded).
 */
import { Block, SourceCell, SourceDoc, LIMITS, cellText } from './model';

/** Elements whose content is not page text. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'noscript', 'template', 'iframe', 'xmp', 'noembed', 'noframes', 'object', 'select']);
/** Elements that start a new line of text. */
const BLOCK = new Set([
  'p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dd', 'dt', 'section', 'article', 'header', 'footer',
  'main', 'nav', 'aside', 'address', 'blockquote', 'pre', 'hr', 'center', 'form', 'figure', 'figcaption', 'caption', 'fieldset', 'tbody', 'thead', 'tfoot',
]);
const MAX_OPEN_TABLES = 64;

const NAMED: Record<string, string> = {
  nbsp: '\u00a0', ensp: '\u2002', emsp: '\u3000', thinsp: '\u2009', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'",
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–', hellip: '…', middot: '·', times: '×', divide: '÷',
  yen: '¥', copy: '©', reg: '®', deg: '°', plusmn: '±', laquo: '«', raquo: '»', bull: '•', minus: '−', shy: '',
  zwj: '', zwnj: '', lrm: '', rlm: '',
};

export function decodeHtmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,10});?/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    const named = NAMED[ref] ?? NAMED[ref.toLowerCase()];
    return named ?? whole;
  });
}

interface Tag {
  name: string;
  end: boolean;
  attrs: Record<string, string>;
  /** Index just past the tag. */
  next: number;
}

/** Reads the tag at `lt` ("<" followed by a letter or "/letter"); null when it is not a tag. */
function readTag(html: string, lt: number): Tag | null {
  let i = lt + 1;
  const end = html[i] === '/';
  if (end) i++;
  const nameMatch = /^[A-Za-z][A-Za-z0-9:_-]*/.exec(html.slice(i, i + 64));
  if (!nameMatch) return null;
  const name = nameMatch[0].toLowerCase();
  i += nameMatch[0].length;
  const attrs: Record<string, string> = {};
  const n = html.length;
  while (i < n) {
    const ch = html[i];
    if (ch === '>') return { name, end, attrs, next: i + 1 };
    if (/[\s/]/.test(ch)) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && !/[\s=>/]/.test(html[j])) j++;
    const attr = html.slice(i, j).toLowerCase();
    i = j;
    while (i < n && /\s/.test(html[i])) i++;
    if (html[i] !== '=') {
      if (attr) attrs[attr] = '';
      continue;
    }
    i++;
    while (i < n && /\s/.test(html[i])) i++;
    let value = '';
    if (html[i] === '"' || html[i] === "'") {
      const q = html[i];
      const close = html.indexOf(q, i + 1);
      const stop = close < 0 ? n : close;
      value = html.slice(i + 1, stop);
      i = stop + 1;
    } else {
      let k = i;
      while (k < n && !/[\s>]/.test(html[k])) k++;
      value = html.slice(i, k);
      i = k;
    }
    if (attr) attrs[attr] = decodeHtmlEntities(value);
  }
  return { name, end, attrs, next: n };
}

interface OpenTable {
  rows: SourceCell[][];
  row: SourceCell[] | null;
  cell: { lines: string[]; line: string; rowSpan: number; colSpan: number } | null;
  /** Holds other tables: a page-layout table, read as running text rather than as a table. */
  layout: boolean;
}

const spanOf = (v: string | undefined): number => {
  const n = v === undefined ? 1 : parseInt(v, 10);
  return Number.isFinite(n) && n >= 1 ? n : 1;
};

/** Collapses HTML whitespace; &nbsp; (U+00A0) stays, as browsers keep it. */
const collapse = (s: string): string => s.replace(/[ \t\n\r\f]+/g, ' ');

export function parseHtml(html: string): SourceDoc {
  const blocks: Block[] = [];
  const tables: OpenTable[] = [];
  let title: string | undefined;
  let paraLine = '';

  const push = (block: Block) => {
    if (blocks.length < LIMITS.maxBlocks) blocks.push(block);
  };
  const top = (): OpenTable | undefined => tables[tables.length - 1];
  const flushPara = () => {
    const t = paraLine.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, '');
    if (t !== '') push({ kind: 'para', text: t });
    paraLine = '';
  };
  /** Where text goes: the open cell of the innermost data table, else running text. */
  const addText = (text: string) => {
    const t = top();
    if (!t || t.layout) {
      paraLine += text;
      return;
    }
    if (t.cell) t.cell.line += text;
  };
  const lineBreak = () => {
    const t = top();
    if (!t || t.layout) flushPara();
    else if (t.cell) {
      t.cell.lines.push(t.cell.line);
      t.cell.line = '';
    }
  };
  const closeCell = (t: OpenTable) => {
    if (!t.cell) return;
    if (!t.layout && t.row && t.row.length < LIMITS.maxCols) {
      t.row.push({ text: cellText([...t.cell.lines, t.cell.line]), rowSpan: t.cell.rowSpan, colSpan: t.cell.colSpan });
    }
    t.cell = null;
  };
  const closeRow = (t: OpenTable) => {
    closeCell(t);
    if (t.row && !t.layout && t.rows.length < LIMITS.maxRowsPerTable) t.rows.push(t.row);
    t.row = null;
  };
  const closeTable = () => {
    const t = tables.pop();
    if (!t) return;
    closeRow(t);
    if (t.layout) flushPara();
    else if (t.rows.length > 0) push({ kind: 'table', table: { rows: t.rows } });
  };
  /** A table inside a cell makes the outer one a layout table: what it held so far becomes running text. */
  const becomeLayout = (t: OpenTable) => {
    if (t.layout) return;
    closeRow(t);
    t.layout = true;
    for (const row of t.rows) for (const c of row) for (const line of c.text.split('\n')) push({ kind: 'para', text: line });
    t.rows = [];
  };

  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      addText(collapse(decodeHtmlEntities(html.slice(i))));
      break;
    }
    if (lt > i) addText(collapse(decodeHtmlEntities(html.slice(i, lt))));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt + 2);
      i = end < 0 ? n : end + 1;
      continue;
    }
    const tag = readTag(html, lt);
    if (!tag) {
      addText('<');
      i = lt + 1;
      continue;
    }
    i = tag.next;
    if (!tag.end && (RAW_TEXT.has(tag.name) || tag.name === 'title')) {
      const closer = new RegExp(`</${tag.name}`, 'ig');
      closer.lastIndex = i;
      const found = closer.exec(html);
      const close = found ? found.index : -1;
      const stop = close < 0 ? n : close;
      if (tag.name === 'title' && title === undefined) title = collapse(decodeHtmlEntities(html.slice(i, stop))).trim();
      const gt = close < 0 ? -1 : html.indexOf('>', close);
      i = gt < 0 ? n : gt + 1;
      continue;
    }
    switch (tag.name) {
      case 'table': {
        if (tag.end) {
          closeTable();
          break;
        }
        const outer = top();
        if (tables.length >= MAX_OPEN_TABLES) break;
        if (outer) becomeLayout(outer);
        else flushPara();
        tables.push({ rows: [], row: null, cell: null, layout: false });
        break;
      }
      case 'tr': {
        const t = top();
        if (!t) {
          lineBreak();
          break;
        }
        if (t.layout) {
          flushPara();
          break;
        }
        closeRow(t);
        if (!tag.end) t.row = [];
        break;
      }
      case 'td':
      case 'th': {
        const t = top();
        if (!t) {
          if (!tag.end) addText(' ');
          break;
        }
        if (t.layout) {
          flushPara();
          break;
        }
        closeCell(t);
        if (tag.end) break;
        if (!t.row) t.row = [];
        t.cell = { lines: [], line: '', rowSpan: spanOf(tag.attrs.rowspan), colSpan: spanOf(tag.attrs.colspan) };
        break;
      }
      default:
        if (BLOCK.has(tag.name)) lineBreak();
    }
  }
  while (tables.length > 0) closeTable();
  flushPara();
  return { blocks, title };
}
