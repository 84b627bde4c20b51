/**
 * Text as people get it out of a PDF: no tabs. A PDF viewer's copy and `pdftotext -layout` set
 * table cells apart by runs of spaces and wrap long labels over several lines (above, beside and
 * below the row's figures); plain `pdftotext` and copies give lines that wrap mid-sentence;
 * conversion tools give Markdown (pipe tables, `## ` headings). All of it becomes the same
 * intermediate model (model.ts), so the one label locator places the cells.
 *
 * What is ours here is only the reading of the text's geometry: a line's cells are its runs of
 * text separated by two or more spaces, each with its column; a row is a line that ends in
 * figures; the label of a row is put together from the fragments printed in the same column just
 * above and below it (a fragment starting with an ordinal — "1.", "（三）" — starts a new label).
 * Header cells printed over two lines ("商业企" / "业") are joined by column.
 */
import { isValueLike } from './labels';
import { Block, SourceCell, SourceDoc, SourceTable, cellText } from './model';

/** A run of text on a line and the column it starts at. */
interface Segment {
  x: number;
  text: string;
}

type Line =
  | { kind: 'blank' }
  | { kind: 'pipe'; cells: string[] }
  /** Label segments, then at least one figure. */
  | { kind: 'figures'; labels: Segment[]; figures: string[]; firstFigureX: number }
  | { kind: 'text'; segments: Segment[]; indent: number; text: string };

/** Extraction debris that is no part of the report's text. */
export const DEBRIS = /\[bookmark:[^\]]*\]/g;
const PAGE_NUMBER = /^[-—–－_\s]*(?:第\s*)?\d{1,4}\s*页?(?:\s*[/／]\s*共?\s*\d{1,4}\s*页?)?[-—–－_\s]*$/;
/** A Markdown heading mark, and the emphasis some converters wrap a heading in. */
export const HEADING_MARK = /^\s{0,3}#{1,6}\s+|\s#+\s*$/g;
const EMPHASIS = /^(\*\*|__)(.+)\1$/;
/** Both tested on the trimmed line (no run of spaces the engine could split two ways). */
const PIPE_RULE = /^\|?[ :]*-{3,}[-: ]*(?:\|[ :]*-{3,}[-: ]*)*\|?$/;
const PIPE_ROW = /^\|.*\|$/;
/** Where a label starts: "1." "1、" "（三）" "三、" (spaces between already removed). */
const ORDINAL = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9０-９]{1,2}[、.．](?![0-9])|第[一二三四五六七八九十]+条)/;
/** A part heading of the report ("三、收到和处理政府信息公开申请情况"): a paragraph, never part of a table row. */
const PART_HEADING = /^[一二三四五六七八九十][、.．]\S{4,40}$/;
/** Longest text taken as a piece of a table (a label fragment, a header cell); a longer run is prose. */
const MAX_FRAGMENT = 24;
/** How far (in lines with text) a fragment or header may be from a row of figures to belong to the table. */
const NEAR = 6;
/** Printed lines wrap at well under this many characters; text with longer lines was not wrapped (a viewer's copy of whole paragraphs). */
const MAX_LINE = 60;
/** Words set apart by a space ("申请人情况 自然人"): cells of a header, not a wrapped sentence (which spaces only around figures). */
const SPACED_WORDS = /[\u3400-\u9fff（）“”][ ]+[\u3400-\u9fff（）“”]/;
/** A block heading inside 表二 ("第二十条第（五）项"): ends the label above it, never part of one. */
const BLOCK_HEADING = /^第[一二三四五六七八九十]+条/;
/** Longer runs of text are prose, never split into label cells (and never scanned word by word). */
const LIMIT_SPLIT = 200;
/** Columns within this distance are one column (CJK text is laid out in whole characters). */
const SAME_COLUMN = 3;

const compactText = (s: string): string => s.replace(/[\s\u3000]+/g, '');

/** A line's runs of text separated by two or more spaces; a run of figures separated by single spaces is split too. */
function segmentsOf(line: string): Segment[] {
  const out: Segment[] = [];
  // Runs between separators of two or more spaces (no nested quantifier: a line of millions of words stays linear).
  const runs: { index: number; text: string }[] = [];
  let start = 0;
  for (const sep of line.matchAll(/ {2,}/g)) {
    runs.push({ index: start, text: line.slice(start, sep.index) });
    start = sep.index! + sep[0].length;
  }
  runs.push({ index: start, text: line.slice(start) });
  for (const m of runs) {
    if (m.text.trim() === '') continue;
    if (m.text.startsWith(' ')) {
      m.index += m.text.length - m.text.trimStart().length;
      m.text = m.text.trim();
    }
    const words = m.text.split(' ');
    // Figures at the end of a run, one space apart ("…申请数量 21 0 0"): cells of their own.
    let k = words.length;
    while (k > 0 && isFigure(words[k - 1])) k--;
    if (k > 0 && k < words.length && words.length - k < 2 && /[，。；：]/.test(words.slice(0, k).join(''))) k = words.length; // prose ending in a number
    let x = m.index;
    if (k > 0) out.push({ x, text: words.slice(0, k).join(' ') });
    x += words.slice(0, k).join(' ').length + (k > 0 ? 1 : 0);
    for (const w of words.slice(k)) {
      out.push({ x, text: w });
      x += w.length + 1;
    }
  }
  return out;
}

/** A figure as printed in a cell: a number (with a note), or "/" "—" standing in for one; never empty. */
const isFigure = (text: string): boolean => text !== '' && isValueLike(text) && !PAGE_NUMBER.test(text.replace(/^\d+$/, ''));

function classify(raw: string): Line | null {
  const line = raw.replace(/\u3000/g, ' ').trimEnd();
  if (line.trim() === '') return { kind: 'blank' };
  if (PAGE_NUMBER.test(line) && /\d/.test(line) && !/^\s*\d+(?:\.\d+)?\s*$/.test(line)) return null;
  const trimmed = line.trim();
  if (PIPE_RULE.test(trimmed)) return null;
  if (PIPE_ROW.test(trimmed)) {
    const inner = line.trim().slice(1, -1);
    return { kind: 'pipe', cells: inner.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').replace(/<br\s*\/?>/gi, '\n').trim()) };
  }
  const unmarked = line.replace(HEADING_MARK, '');
  const text = unmarked.trim().replace(EMPHASIS, '$2');
  const indent = unmarked.length - unmarked.trimStart().length;
  const segments = segmentsOf(unmarked.replace(EMPHASIS, '$2'));
  let k = segments.length;
  while (k > 0 && isFigure(segments[k - 1].text)) k--;
  // Labels copied one space apart ("（三）不予公开 1.属于国家秘密"): each ordinal begins a cell.
  const labels = segments.slice(0, k).flatMap((seg) => splitAtOrdinals(seg));
  const labelText = labels.map((s) => s.text).join('');
  if (k < segments.length && labels.every((s) => s.text.length <= 40) && !/[。！？]/.test(labelText)) {
    return { kind: 'figures', labels, figures: segments.slice(k).map((s) => s.text), firstFigureX: segments[k].x };
  }
  return { kind: 'text', segments, indent, text };
}

function splitAtOrdinals(seg: Segment): Segment[] {
  if (seg.text.length > LIMIT_SPLIT) return [seg];
  const out: Segment[] = [];
  let from = 0;
  for (const m of seg.text.matchAll(/ (?=\S)/g)) {
    const rest = seg.text.slice(m.index! + 1, m.index! + 12);
    if (!ORDINAL.test(rest)) continue;
    out.push({ x: seg.x + from, text: seg.text.slice(from, m.index!) });
    from = m.index! + 1;
  }
  out.push({ x: seg.x + from, text: seg.text.slice(from) });
  return out.filter((x) => x.text.trim() !== '');
}

/**
 * Text whose tables came out a column at a time — plain `pdftotext` and some viewers give a
 * PDF's text in the order it was drawn: every figure of a column on a line of its own, the row
 * names elsewhere. No reader can tell which row a figure was in; say so once instead of row by row.
 */
export function looksColumnar(text: string): boolean {
  if (/\t/.test(text)) return false;
  let lone = 0;
  let rows = 0;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const l = classify(raw);
    if (l?.kind !== 'figures') continue;
    if (l.labels.length === 0 && l.figures.length === 1) lone++;
    else if (l.figures.length >= 3) rows++;
  }
  return lone >= 40 && lone > rows * 4;
}

/** A table line: a row of figures, a Markdown row, or a header line (several short runs). */
const isHeaderLike = (l: Line): boolean => l.kind === 'text' && l.segments.length >= 2 && l.segments.every((s) => s.text.length <= MAX_FRAGMENT) && !PART_HEADING.test(compactText(l.text));
const isFragment = (l: Line): boolean => l.kind === 'text' && l.segments.length === 1 && l.text.length <= MAX_FRAGMENT;

export function parseSpacedText(text: string): SourceDoc {
  const lines = text
    .replace(/^\ufeff/, '')
    .replace(DEBRIS, '')
    .split(/\r\n|\r|\n/)
    .map(classify)
    .filter((l): l is Line => l !== null);
  const role = tableRoles(lines);
  const blocks: Block[] = [];
  let table: SourceTable | null = null;
  let paragraph: string | null = null;
  const width = proseWidth(lines);

  const endParagraph = () => {
    if (paragraph !== null) blocks.push({ kind: 'para', text: paragraph });
    paragraph = null;
  };
  const endTable = () => {
    if (table && table.rows.length > 0) blocks.push({ kind: 'table', table });
    table = null;
  };
  const addRow = (cells: string[]) => {
    endParagraph();
    (table ??= { rows: [] }).rows.push(cells.map((t): SourceCell => ({ text: cellText(t.split('\n')) })));
  };

  /** The last line added to the paragraph: a line ending short of the margin ends its paragraph. */
  let lastLine = '';
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    // Blank lines are spacing (a page break puts several inside a paragraph); a short line ends a paragraph.
    if (l.kind === 'blank') continue;
    if (l.kind === 'pipe') {
      addRow(l.cells);
      continue;
    }
    if (role[i] === 'row' && l.kind === 'figures') {
      addRow([...rowLabels(lines, role, i), ...l.figures]);
    } else if (role[i] === 'header' && l.kind === 'text') {
      addRow(l.segments.map((s) => s.text));
      const joined = joinedHeaders(lines, role, i);
      if (joined.length > 0) addRow(joined);
    } else if (role[i] === 'fragment' && l.kind === 'text' && !PART_HEADING.test(compactText(l.text))) {
      // A fragment that reads like a part heading ("三、本年度办理结果") stays a paragraph too: the locator decides.
      addRow([l.text]);
    } else {
      endTable();
      const line = l.kind === 'text' ? l.text.replace(/\s{2,}/g, ' ') : [...l.labels.map((s) => s.text), ...l.figures].join(' ');
      const indent = l.kind === 'text' ? l.indent : 0;
      // A line continues the paragraph unless it is indented, or the one before ended short of the margin.
      const continues = paragraph !== null && indent < 2 && !PART_HEADING.test(compactText(line)) && compactText(lastLine).length >= width * 0.8 && width <= MAX_LINE && !SPACED_WORDS.test(lastLine) && !SPACED_WORDS.test(line);
      if (continues) paragraph = `${paragraph}${line}`;
      else {
        endParagraph();
        paragraph = line;
      }
      lastLine = line;
    }
  }
  endParagraph();
  endTable();
  return { blocks };
}

/** The usual length of a prose line: lines this long wrapped, shorter ones ended a paragraph. */
function proseWidth(lines: readonly Line[]): number {
  const lengths = lines.filter((l): l is Line & { kind: 'text' } => l.kind === 'text' && l.segments.length === 1).map((l) => compactText(l.text).length);
  if (lengths.length === 0) return Infinity;
  lengths.sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.9)];
}

type Role = 'row' | 'header' | 'fragment' | 'prose';

/**
 * Which lines are the table's: rows of figures and Markdown rows; header lines and single
 * fragments only between table lines (a short line of prose just before a table stays prose).
 */
function tableRoles(lines: readonly Line[]): Role[] {
  const roles: Role[] = lines.map((l) => (l.kind === 'figures' || l.kind === 'pipe' ? 'row' : 'prose'));
  const textIndex: number[] = [];
  lines.forEach((l, i) => l.kind !== 'blank' && textIndex.push(i));
  const position = new Map(textIndex.map((i, k) => [i, k]));
  const rowNear = (k: number, dir: 1 | -1): boolean => {
    for (let step = 1; step <= NEAR; step++) {
      const j = textIndex[k + dir * step];
      if (j === undefined) return false;
      const l = lines[j];
      if (l.kind === 'figures' || l.kind === 'pipe') return true;
      if (l.kind === 'text' && !isHeaderLike(l) && !isFragment(l)) return false;
    }
    return false;
  };
  lines.forEach((l, i) => {
    if (roles[i] === 'row') return;
    const k = position.get(i);
    if (k === undefined) return;
    if (isHeaderLike(l) && (rowNear(k, 1) || rowNear(k, -1))) roles[i] = 'header';
    else if (isFragment(l) && rowNear(k, 1) && rowNear(k, -1)) roles[i] = 'fragment';
    else if (isFragment(l) && rowNear(k, 1) && headerAbove(lines, textIndex, k)) roles[i] = 'fragment';
  });
  return roles;
}

/** A header line right above: the fragment is part of the header block (a header cell alone on its line). */
function headerAbove(lines: readonly Line[], textIndex: readonly number[], k: number): boolean {
  const j = textIndex[k - 1];
  return j !== undefined && isHeaderLike(lines[j]);
}

/**
 * The label cells of the row of figures at line i: for each column left of the figures, the
 * fragments printed there just above, on the line itself and just below, in reading order. A
 * fragment beginning with an ordinal starts a label: above, only the last such one and what
 * follows it count; below, only what comes before the next.
 */
function rowLabels(lines: readonly Line[], role: readonly Role[], i: number): string[] {
  const row = lines[i] as Line & { kind: 'figures' };
  const nearby = (dir: 1 | -1): Segment[] => {
    const found: Segment[] = [];
    for (let j = i + dir; j >= 0 && j < lines.length; j += dir) {
      const l = lines[j];
      if (l.kind === 'blank') continue;
      if (role[j] !== 'fragment' || l.kind !== 'text') break;
      if (l.segments[0].x < row.firstFigureX) found.push(l.segments[0]);
    }
    return dir === -1 ? found.reverse() : found;
  };
  let above = nearby(-1);
  const heading = above.map((s) => BLOCK_HEADING.test(compactText(s.text))).lastIndexOf(true);
  if (heading >= 0) above = above.slice(heading + 1);
  const below = nearby(1);
  const columns: number[] = [];
  for (const s of [...row.labels, ...above, ...below]) if (!columns.some((x) => Math.abs(x - s.x) <= SAME_COLUMN)) columns.push(s.x);
  columns.sort((a, b) => a - b);
  const inColumn = (x: number) => (s: Segment) => Math.abs(s.x - x) <= SAME_COLUMN;
  const starts = (s: Segment) => ORDINAL.test(compactText(s.text));
  return columns
    .map((x) => {
      const own = row.labels.filter(inColumn(x));
      let up = above.filter(inColumn(x));
      if (own.length > 0 && starts(own[0])) up = [];
      else {
        const last = up.map(starts).lastIndexOf(true);
        if (last > 0) up = up.slice(last);
        // Lines above that begin no label end the previous row's — unless this row has no label of its own.
        if (last < 0 && row.labels.length > 0) up = [];
      }
      // Lines below continue a label begun above or on the row; in a column of their own they begin the next row's.
      const down: Segment[] = [];
      if (own.length > 0 || up.length > 0) {
        for (const s of below.filter(inColumn(x))) {
          if (starts(s) || BLOCK_HEADING.test(compactText(s.text))) break;
          down.push(s);
        }
      }
      return [...up, ...own, ...down].map((s) => s.text).join('');
    })
    .filter((t) => t !== '');
}

/** Header cells printed over consecutive header lines in one column ("商业企" / "业"), joined. */
function joinedHeaders(lines: readonly Line[], role: readonly Role[], i: number): string[] {
  const next: Segment[][] = [];
  for (let j = i + 1; j < lines.length && next.length < 2; j++) {
    const l = lines[j];
    if (l.kind === 'blank') continue;
    if ((role[j] !== 'header' && role[j] !== 'fragment') || l.kind !== 'text') break;
    next.push(l.segments);
  }
  const here = (lines[i] as Line & { kind: 'text' }).segments;
  const out: string[] = [];
  for (const s of here) {
    for (const segments of next) {
      const below = segments.find((t) => Math.abs(t.x - s.x) <= SAME_COLUMN);
      if (below) {
        out.push(`${s.text}${below.text}`);
        break;
      }
    }
  }
  return out;
}
