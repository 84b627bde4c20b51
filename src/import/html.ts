/**
 * Web pages as government sites publish reports: tables inside divs (or inside layout tables),
 * cells holding <p><span>…</span></p>, &nbsp; padding, labels split with <br>, Word's "save as web
 * page" markup. htmlparser2's tokenizer reads the markup (tags, attributes, comments, raw text of
 * scripts and styles, and every named and numeric entity of HTML); what stays ours is reading the
 * table structure out of the tag stream. Not a DOM: nothing is executed or fetched, unclosed tags
 * are closed the way browsers imply, and nesting depth costs nothing (only tables are kept on a
 * stack, and that stack is bounded).
 */
import { Tokenizer } from 'htmlparser2';
import { Block, SourceCell, SourceDoc, LIMITS, cellText } from './model';

/** Elements whose content is not page text. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'noscript', 'template', 'iframe', 'xmp', 'noembed', 'noframes', 'object', 'select']);
/** Elements that start a new line of text. */
const BLOCK = new Set([
  'p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dd', 'dt', 'section', 'article', 'header', 'footer',
  'main', 'nav', 'aside', 'address', 'blockquote', 'pre', 'hr', 'center', 'form', 'figure', 'figcaption', 'caption', 'fieldset', 'tbody', 'thead', 'tfoot',
]);
const MAX_OPEN_TABLES = 64;

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

  const onTag = (name: string, end: boolean, attrs: Record<string, string>) => {
    switch (name) {
      case 'table': {
        if (end) {
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
        if (!end) t.row = [];
        break;
      }
      case 'td':
      case 'th': {
        const t = top();
        if (!t) {
          if (!end) addText(' ');
          break;
        }
        if (t.layout) {
          flushPara();
          break;
        }
        closeCell(t);
        if (end) break;
        if (!t.row) t.row = [];
        t.cell = { lines: [], line: '', rowSpan: spanOf(attrs.rowspan), colSpan: spanOf(attrs.colspan) };
        break;
      }
      default:
        if (BLOCK.has(name)) lineBreak();
    }
  };

  /** Text since the last tag: entities arrive decoded, between the raw pieces around them. */
  let text = '';
  /** Inside an element whose content is not page text (or the title): its name. */
  let skipping: string | null = null;
  let titleText: string | null = null;
  let tagName = '';
  let attrs: Record<string, string> = {};
  let attrName = '';
  let attrValue = '';
  const flushText = () => {
    if (text === '') return;
    if (titleText !== null) titleText += text;
    else if (skipping === null) addText(collapse(text));
    text = '';
  };
  const openTagEnd = () => {
    const name = tagName;
    if (skipping !== null) return;
    if (RAW_TEXT.has(name) || name === 'title') {
      skipping = name;
      if (name === 'title' && title === undefined) titleText = '';
      return;
    }
    onTag(name, false, attrs);
  };
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      ontext: (start, end) => {
        text += html.slice(start, end);
      },
      ontextentity: (codepoint) => {
        text += String.fromCodePoint(codepoint);
      },
      onopentagname: (start, end) => {
        flushText();
        tagName = html.slice(start, end).toLowerCase();
        attrs = {};
      },
      onattribname: (start, end) => {
        attrName = html.slice(start, end).toLowerCase();
        attrValue = '';
      },
      onattribdata: (start, end) => {
        attrValue += html.slice(start, end);
      },
      onattribentity: (codepoint) => {
        attrValue += String.fromCodePoint(codepoint);
      },
      onattribend: () => {
        if (!(attrName in attrs)) attrs[attrName] = attrValue;
      },
      onopentagend: openTagEnd,
      onselfclosingtag: openTagEnd,
      onclosetag: (start, end) => {
        flushText();
        const name = html.slice(start, end).toLowerCase();
        if (skipping !== null) {
          if (name !== skipping) return;
          skipping = null;
          if (titleText !== null) title = collapse(titleText).trim();
          titleText = null;
          return;
        }
        onTag(name, true, {});
      },
      oncomment: flushText,
      oncdata: flushText,
      ondeclaration: flushText,
      onprocessinginstruction: flushText,
      onend: flushText,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  while (tables.length > 0) closeTable();
  flushPara();
  return { blocks, title };
}
