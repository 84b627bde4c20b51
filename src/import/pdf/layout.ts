/**
 * Rebuilding a PDF's tables and paragraphs from where its glyphs and lines are, into the table
 * model (../model.ts) the label locator reads.
 *
 * A published report's tables are ruled: every cell edge is drawn. The drawn lines give the grid
 * (each distinct x of a vertical line, each y of a horizontal one); a missing edge between two
 * grid slots means they are one merged cell, as a rowspan/colspan in HTML. Each text run goes to
 * the cell its centre falls in, and a cell's lines are joined top to bottom — so a label wrapped
 * over two lines, or printed one character per line, reads as one label. A table broken across
 * pages is one table per page, and the locator reads rows as one stream across tables, so a
 * repeated header row is just another header.
 *
 * Text outside the grids becomes paragraphs: lines by baseline, joined while a line runs on to
 * the right margin, a new paragraph at an indent, a heading or a gap. Page numbers and running
 * footers in the margins are dropped. A table drawn without lines is read line by line, a cell
 * wherever a wide gap separates the text.
 *
 * Pure: PDF coordinates in, blocks out (no pdf.js here).
 */
import { isValueLike } from '../labels';
import { Block, SourceCell, SourceDoc, SourceTable, cellText } from '../model';
import { PageContent, Rule, TextRun } from './page';

/** A piece of text between spaces, with its estimated box. */
interface Token {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
}

const SNAP = 2;

const isWide = (ch: string): boolean => {
  const c = ch.codePointAt(0)!;
  return c >= 0x2e80 || (c >= 0xff00 && c <= 0xffef);
};
const isAsciiWord = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9.%]/.test(ch);

/**
 * Kangxi radicals and compatibility ideographs for the ideographs they look like: a CJK font's
 * ToUnicode often maps "行" to "⾏" (U+2F8F), as Chromium's printed PDFs with Noto CJK do. Only
 * these blocks: full-width digits and brackets stay as printed, for the cell rules to see.
 */
const RADICALS: Record<string, string> = Object.fromEntries(
  [...'⺁厂⺌小⺟母⺠民⺩王⺮竹⺶羊⻄西⻅见⻆角⻉贝⻊足⻋车⻑長⻓长⻔门⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟'].reduce<string[][]>((pairs, ch, i, all) => (i % 2 === 0 ? [...pairs, [ch, all[i + 1]]] : pairs), []),
);
const lookalikes = (text: string): string => text.replace(/[\u2e80-\u2fdf\uf900-\ufaff]/g, (ch) => RADICALS[ch] ?? ch.normalize('NFKC'));

/** Splits runs at spaces; a piece's position is estimated from the widths of the characters before it. */
function tokensOf(runs: readonly TextRun[]): Token[] {
  const tokens: Token[] = [];
  for (const run of runs) {
    const chars = [...lookalikes(run.text)];
    const weights = chars.map((ch) => (isWide(ch) ? 1 : 0.5));
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    const unit = run.width > 0 ? run.width / total : run.size;
    let x = run.x;
    let current = '';
    let start = x;
    chars.forEach((ch, i) => {
      if (/\s/.test(ch)) {
        if (current !== '') tokens.push({ text: current, x: start, right: x, y: run.y, size: run.size });
        current = '';
      } else {
        if (current === '') start = x;
        current += ch;
      }
      x += weights[i] * unit;
    });
    if (current !== '') tokens.push({ text: current, x: start, right: x, y: run.y, size: run.size });
  }
  return tokens;
}

// ---- the drawn grid ---------------------------------------------------------------------------

/** Joins collinear pieces of the same line (a border drawn cell by cell) into one. */
function mergeRules(rules: readonly Rule[]): Rule[] {
  const out: Rule[] = [];
  for (const dir of ['h', 'v'] as const) {
    const sorted = rules.filter((r) => r.dir === dir).sort((p, q) => p.at - q.at || p.a - q.a);
    const bands: Rule[][] = [];
    for (const r of sorted) {
      const band = bands[bands.length - 1];
      if (band && Math.abs(r.at - band[0].at) <= 1.5) band.push(r);
      else bands.push([r]);
    }
    for (const band of bands) {
      const at = band.reduce((s, r) => s + r.at, 0) / band.length;
      const spans = band.map((r) => [r.a, r.b]).sort((p, q) => p[0] - q[0]);
      let [a, b] = spans[0];
      for (const [p, q] of spans.slice(1)) {
        if (p <= b + SNAP) b = Math.max(b, q);
        else {
          out.push({ dir, at, a, b });
          [a, b] = [p, q];
        }
      }
      out.push({ dir, at, a, b });
    }
  }
  return out.filter((r) => r.b - r.a >= 3);
}

interface Grid {
  left: number;
  right: number;
  top: number;
  bottom: number;
  h: Rule[];
  v: Rule[];
}

/** Groups of crossing lines with at least two of each direction: the tables of a page. */
function gridsOf(rules: readonly Rule[]): Grid[] {
  const lines = mergeRules(rules);
  const parent = lines.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const touches = (h: Rule, v: Rule) => v.at >= h.a - SNAP && v.at <= h.b + SNAP && h.at >= v.a - SNAP && h.at <= v.b + SNAP;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].dir !== 'h') continue;
    for (let j = 0; j < lines.length; j++) if (lines[j].dir === 'v' && touches(lines[i], lines[j])) parent[find(i)] = find(j);
  }
  const groups = new Map<number, Rule[]>();
  lines.forEach((l, i) => {
    const g = groups.get(find(i)) ?? [];
    g.push(l);
    groups.set(find(i), g);
  });
  const grids: Grid[] = [];
  for (const g of groups.values()) {
    const h = g.filter((l) => l.dir === 'h');
    const v = g.filter((l) => l.dir === 'v');
    if (h.length < 2 || v.length < 2) continue;
    const left = Math.min(...h.map((l) => l.a), ...v.map((l) => l.at));
    const right = Math.max(...h.map((l) => l.b), ...v.map((l) => l.at));
    const bottom = Math.min(...v.map((l) => l.a), ...h.map((l) => l.at));
    const top = Math.max(...v.map((l) => l.b), ...h.map((l) => l.at));
    if (right - left < 20 || top - bottom < 8) continue;
    grids.push({ left, right, top, bottom, h, v });
  }
  return grids;
}

/** Distinct positions, nearby ones taken as one. */
function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= SNAP) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => c.reduce((a, b) => a + b, 0) / c.length);
}

const inGrid = (g: Grid, t: Token): boolean => {
  const cx = (t.x + t.right) / 2;
  const cy = t.y + t.size * 0.3;
  return cx > g.left && cx < g.right && cy > g.bottom && cy < g.top;
};

/** A table with where each of its cells stands across the page. */
interface PlacedTable {
  table: SourceTable;
  spans: { x1: number; x2: number }[][];
}

/** The table a grid draws, with the tokens inside it placed in its cells. */
function tableOf(g: Grid, tokens: readonly Token[]): PlacedTable {
  const xs = cluster([g.left, g.right, ...g.v.map((l) => l.at)]);
  const ys = cluster([g.bottom, g.top, ...g.h.map((l) => l.at)]).reverse();
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const edgeV = (x: number, yTop: number, yBottom: number): boolean => {
    if (Math.abs(x - g.left) <= SNAP || Math.abs(x - g.right) <= SNAP) return true;
    const mid = (yTop + yBottom) / 2;
    return g.v.some((l) => Math.abs(l.at - x) <= SNAP && l.a <= mid && l.b >= mid);
  };
  const edgeH = (y: number, xLeft: number, xRight: number): boolean => {
    if (Math.abs(y - g.top) <= SNAP || Math.abs(y - g.bottom) <= SNAP) return true;
    const mid = (xLeft + xRight) / 2;
    return g.h.some((l) => Math.abs(l.at - y) <= SNAP && l.a <= mid && l.b >= mid);
  };
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols && !edgeV(xs[c + 1], ys[r], ys[r + 1])) union(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows && !edgeH(ys[r + 1], xs[c], xs[c + 1])) union(r * cols + c, (r + 1) * cols + c);
    }
  }
  interface Box {
    r1: number;
    r2: number;
    c1: number;
    c2: number;
    tokens: Token[];
  }
  const boxes = new Map<number, Box>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const root = find(r * cols + c);
      const b = boxes.get(root);
      if (!b) boxes.set(root, { r1: r, r2: r, c1: c, c2: c, tokens: [] });
      else {
        b.r1 = Math.min(b.r1, r);
        b.r2 = Math.max(b.r2, r);
        b.c1 = Math.min(b.c1, c);
        b.c2 = Math.max(b.c2, c);
      }
    }
  }
  for (const t of tokens) {
    const cx = (t.x + t.right) / 2;
    const cy = t.y + t.size * 0.3;
    const c = xs.findIndex((x, i) => i < cols && cx >= x && cx < xs[i + 1]);
    const r = ys.findIndex((y, i) => i < rows && cy <= y && cy > ys[i + 1]);
    if (c < 0 || r < 0) continue;
    boxes.get(find(r * cols + c))!.tokens.push(t);
  }
  const table: SourceTable = { rows: [] };
  const spans: PlacedTable['spans'] = [];
  for (let r = 0; r < rows; r++) {
    const row: SourceCell[] = [];
    const span: { x1: number; x2: number }[] = [];
    for (let c = 0; c < cols; c++) {
      const b = boxes.get(find(r * cols + c))!;
      if (b.r1 !== r || b.c1 !== c) continue;
      const cell: SourceCell = { text: cellText(linesOf(b.tokens).map((l) => l.text)) };
      if (b.r2 > b.r1) cell.rowSpan = b.r2 - b.r1 + 1;
      if (b.c2 > b.c1) cell.colSpan = b.c2 - b.c1 + 1;
      row.push(cell);
      span.push({ x1: xs[b.c1], x2: xs[b.c2 + 1] });
    }
    // A row of the grid too thin to hold text (a double border) is no row.
    if (ys[r] - ys[r + 1] < 3 && row.every((cell) => cell.text === '' && !cell.rowSpan)) continue;
    table.rows.push(row);
    spans.push(span);
  }
  return { table, spans };
}

/**
 * A row broken across a page break (Word's and WPS's default: "allow row to break across pages")
 * continues at the top of the next page's table with the rest of its labels and no figures. When
 * the new table's first row has no figure and each of its texts stands under a label of the
 * previous page's last row (never under a figure, as a repeated header would), its texts are
 * appended to those labels and the row dropped.
 */
/** A label's ordinal printed alone above the page break ("6.", "１．", "（三）"): a label's start, though it reads like a figure. */
const ORDINAL_ONLY = /^(?:[0-9０-９]{1,2}[.．、]|[（(][一二三四五六七八九十0-9]{1,3}[）)])$/;
const isLabelStart = (text: string): boolean => text !== '' && (ORDINAL_ONLY.test(text.trim()) || !isValueLike(text));

function joinBrokenRow(prev: PlacedTable, next: PlacedTable): void {
  const last = prev.table.rows.length - 1;
  if (last < 0 || next.table.rows.length === 0) return;
  const lastRow = prev.table.rows[last];
  const first = next.table.rows[0];
  if (first.some((c) => c.text !== '' && isValueLike(c.text))) return;
  const targets: number[] = [];
  for (let i = 0; i < first.length; i++) {
    if (first[i].text === '') continue;
    const { x1, x2 } = next.spans[0][i];
    const under = prev.spans[last].map((s, k) => ({ k, overlap: Math.min(s.x2, x2) - Math.max(s.x1, x1) })).filter((o) => o.overlap > 2);
    if (under.length !== 1 || !isLabelStart(lastRow[under[0].k].text)) return;
    targets.push(i, under[0].k);
  }
  if (targets.length === 0) return;
  for (let t = 0; t < targets.length; t += 2) lastRow[targets[t + 1]].text = cellText([lastRow[targets[t + 1]].text, first[targets[t]].text]);
  next.table.rows.shift();
  next.spans.shift();
}

// ---- lines and paragraphs ---------------------------------------------------------------------

interface Line {
  text: string;
  tokens: Token[];
  x: number;
  right: number;
  y: number;
  size: number;
}

/** Tokens grouped by baseline, top to bottom, each line left to right. */
function linesOf(tokens: readonly Token[]): Line[] {
  const sorted = [...tokens].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Token[][] = [];
  for (const t of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0].y - t.y) <= Math.max(line[0].size, t.size) * 0.4) line.push(t);
    else lines.push([t]);
  }
  return lines.map((ts) => {
    ts.sort((a, b) => a.x - b.x);
    let text = '';
    ts.forEach((t, i) => {
      const prev = ts[i - 1];
      if (prev && isAsciiWord(prev.text.slice(-1)) && isAsciiWord(t.text[0]) && t.x - prev.right > t.size * 0.15) text += ' ';
      text += t.text;
    });
    return { text, tokens: ts, x: ts[0].x, right: Math.max(...ts.map((t) => t.right)), y: ts[0].y, size: Math.max(...ts.map((t) => t.size)) };
  });
}

/** A page number or running footer: "- 3 -", "— 3 —", "第3页", "第 3 页 共 9 页", "3/9". */
const PAGE_NUMBER = /^(?:[-—–－~～]*\s*\d+\s*[-—–－~～]*|第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/;
const HEADING = /^(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))/;

/** A line of a table drawn without borders: figures, and wide gaps between its pieces. */
function gapCells(line: Line): string[] | null {
  const cells: Token[][] = [[line.tokens[0]]];
  for (const t of line.tokens.slice(1)) {
    const cur = cells[cells.length - 1];
    if (t.x - cur[cur.length - 1].right > line.size * 1.5) cells.push([t]);
    else cur.push(t);
  }
  if (cells.length < 2) return null;
  const texts = cells.map((ts) => ts.map((t) => t.text).join(''));
  return texts.slice(1).some((s) => isValueLike(s)) ? texts : null;
}

/** Reads the pages into the document model. */
export function layoutPages(pages: readonly PageContent[], title?: string): SourceDoc {
  const blocks: Block[] = [];
  let para: string | null = null;
  let last: { line: Line; bodyRight: number } | null = null;
  let loose: SourceTable | null = null;
  /** The last table read, while nothing but other pages' margins came after it. */
  let lastTable: { placed: PlacedTable; page: number } | null = null;
  const endPara = () => {
    if (para !== null && para.trim() !== '') blocks.push({ kind: 'para', text: para.trim() });
    para = null;
    last = null;
  };
  const endLoose = () => {
    if (loose && loose.rows.length > 0) blocks.push({ kind: 'table', table: loose });
    loose = null;
  };

  for (const [pageIndex, page] of pages.entries()) {
    const tokens = tokensOf(page.runs);
    const grids = gridsOf(page.rules).filter((g) => tokens.some((t) => inGrid(g, t)));
    const outside = tokens.filter((t) => !grids.some((g) => inGrid(g, t)));
    const lines = linesOf(outside).filter((l) => !(PAGE_NUMBER.test(l.text.trim()) && (l.y < page.height * 0.15 || l.y > page.height * 0.88)));
    const bodyLeft = mode(lines.map((l) => Math.round(l.x)));
    const bodyRight = Math.max(0, ...lines.map((l) => l.right));
    type Item = { top: number; line?: Line; grid?: Grid };
    const items: Item[] = [...lines.map((line) => ({ top: line.y + line.size, line })), ...grids.map((grid) => ({ top: grid.top, grid }))];
    items.sort((a, b) => b.top - a.top);
    for (const item of items) {
      if (item.grid) {
        endPara();
        endLoose();
        const placed = tableOf(item.grid, tokens.filter((t) => inGrid(item.grid!, t)));
        if (lastTable && lastTable.page !== pageIndex) joinBrokenRow(lastTable.placed, placed);
        if (placed.table.rows.length > 0) blocks.push({ kind: 'table', table: placed.table });
        lastTable = { placed, page: pageIndex };
        continue;
      }
      const line = item.line!;
      // Running headers in the top margin do not part a table from its continuation.
      if (line.y < page.height * 0.9) lastTable = null;
      const cells = gapCells(line);
      if (cells) {
        endPara();
        if (!loose) loose = { rows: [] };
        loose.rows.push(cells.map((text) => ({ text })));
        continue;
      }
      endLoose();
      const prev: { line: Line; bodyRight: number } | null = last;
      const starts =
        para === null ||
        prev === null ||
        HEADING.test(line.text) ||
        line.x > bodyLeft + line.size * 1.2 ||
        prev.line.right < prev.bodyRight - prev.line.size * 2 ||
        (prev.line.y > line.y && prev.line.y - line.y > line.size * 2.6);
      if (starts) {
        endPara();
        para = line.text;
      } else {
        const tail = (para ?? '').slice(-1);
        para = `${para ?? ''}${isAsciiWord(tail) && isAsciiWord(line.text[0]) ? ' ' : ''}${line.text}`;
      }
      last = { line, bodyRight };
    }
    endLoose();
    // A paragraph may run on to the next page: keep it open, with positions from a new page.
    if (last) last = { line: { ...(last as { line: Line }).line, y: Infinity }, bodyRight: (last as { bodyRight: number }).bodyRight };
  }
  endPara();
  endLoose();
  return title ? { blocks, title } : { blocks };
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = -1;
  for (const [v, n] of counts) if (n > bestCount || (n === bestCount && v < best)) [best, bestCount] = [v, n];
  return best;
}
