/**
 * The preview workbook on screen: each sheet drawn as a <table> from the core's sheet plan
 * (merges as rowspan/colspan, looks from core/looks.ts, the column letters and row numbers a
 * user finds "D24" by), a tab per sheet below, as in Excel.
 *
 * The template's marks (its conditional formats, src/core/marks.ts) are evaluated as a spreadsheet
 * evaluates them after every edit, so a wrong cell turns red here exactly as it does in Excel.
 *
 * Every cell's content is set with textContent or an input's value: a cell may hold any text,
 * and none of it is ever read as HTML. Styles are set through the CSSOM (element.style), which
 * the page's Content-Security-Policy allows, never through style attributes.
 */
import { check as nianbaoCheck } from '../functions/functions';
import { FONT, HEADING_FONT, LOOKS, Look, MARK_LOOKS } from '../core/looks';
import type { MarkSeverity } from '../core/marks';
import { CellStyle, PlannedCell, columnLetter } from '../core/sheet';
import { CellId, cellName } from '../core/tables';
import { LEDGER_LOOKS } from '../ledger/sheet';
import { SheetValue, checkCellText, checkCellValue, markedCells, summaryText, titleText } from './native';
import { isBlock, parseBlock, placeBlock } from './paste';
import { BookEvent, MetaField, PLAN, PreviewSheet, PreviewWorkbook } from './workbook';

/** Pixels per character of Excel's column width, and its padding (Excel: 7 px and 5 px at 100 %). */
const PX_PER_CHAR = 7;
const PX_PADDING = 5;
const PT_TO_PX = 4 / 3;
const DEFAULT_ROW_PT = 15;
const BLANK_ROWS = 40;
const ROW_HEAD_PX = 40;
const colPx = (chars: number): number => chars * PX_PER_CHAR + PX_PADDING;

/** Local fonts only: the template's 宋体 and 黑体 where installed, a CJK serif or sans otherwise. */
const FONT_FAMILIES: Record<string, string> = {
  [FONT]: '"宋体", SimSun, "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif',
  [HEADING_FONT]: '"黑体", SimHei, "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
};

const px = (n: number): string => `${Math.round(n)}px`;

function applyLook(el: HTMLElement, look: Look): void {
  const s = el.style;
  s.fontFamily = FONT_FAMILIES[look.font.name] ?? look.font.name;
  s.fontSize = `${look.font.size}pt`;
  s.fontWeight = look.font.bold ? '700' : '400';
  if (look.font.color) s.color = look.font.color;
  s.textAlign = look.horizontal.toLowerCase();
  s.verticalAlign = 'middle';
  s.whiteSpace = look.wrap ? 'normal' : 'nowrap';
  if (look.fill) s.backgroundColor = look.fill;
  // Text that does not wrap runs on into the empty cells to its right, as in a spreadsheet.
  if (!look.wrap) s.overflow = 'visible';
  if (look.border) el.classList.add('nb-bordered');
}

interface SheetDom {
  root: HTMLElement;
  inputs: Map<CellId, HTMLInputElement>;
  meta: Partial<Record<MetaField, HTMLInputElement>>;
  checks: HTMLTableCellElement[];
  summary: HTMLTableCellElement | null;
  title: HTMLElement | null;
  spill: HTMLTableSectionElement | null;
  /** The findings block's header cells, blank until the user adds the block. */
  blockHeader: HTMLTableCellElement[];
  /** The cells the pane selected, to unselect. */
  selection: HTMLElement[];
  /** Every cell a mark covers, by "row,col", with its look when unmarked. */
  markable: Map<string, { td: HTMLElement; look: Look }>;
  /** A register sheet's inputs by "row,col" (0-based), and its row count drawn. */
  cells?: Map<string, HTMLInputElement>;
}

/** A register sheet shows this many rows at first; a button adds more, as scrolling down does in a sheet. */
const REGISTER_ROWS = 100;
const MORE_ROWS = 200;

/** The cells the template's marks cover. */
const MARK_AREA = new Set<string>();
for (const m of PLAN.marks) for (let r = m.area.row; r < m.area.row + m.area.rows; r++) for (let c = m.area.col; c < m.area.col + m.area.cols; c++) MARK_AREA.add(`${r},${c}`);

/** A cell as a conditional format shows it: the mark's font and fill, or the cell's own look again. */
function paintMark(td: HTMLElement, look: Look, severity: MarkSeverity | undefined): void {
  const mark = severity === undefined ? undefined : MARK_LOOKS[severity];
  td.style.color = mark?.font ?? look.font.color ?? '';
  td.style.fontWeight = (mark?.bold ?? look.font.bold) ? '700' : '400';
  td.style.backgroundColor = mark?.fill ?? look.fill ?? '';
  if (severity === undefined) delete td.dataset.mark;
  else td.dataset.mark = severity;
}

/** Which input starts at each sheet position, for pasting and for moving with Enter and the arrow keys. */
const INPUT_AT = new Map<string, CellId>();
const POSITION = new Map<CellId, { row: number; col: number }>();
for (const c of PLAN.cells) {
  if (!c.input) continue;
  INPUT_AT.set(`${c.row},${c.col}`, c.input);
  POSITION.set(c.input, { row: c.row, col: c.col });
}
const inputAt = (row: number, col: number): CellId | undefined => INPUT_AT.get(`${row},${col}`);

/** The input above or below in the same sheet column, as Enter moves in Excel. */
function verticalNeighbour(id: CellId, step: 1 | -1): CellId | undefined {
  const from = POSITION.get(id)!;
  let best: { id: CellId; row: number } | undefined;
  for (const [other, p] of POSITION) {
    if (p.col !== from.col || (p.row - from.row) * step <= 0) continue;
    if (!best || Math.abs(p.row - from.row) < Math.abs(best.row - from.row)) best = { id: other, row: p.row };
  }
  return best?.id;
}

export class GridView {
  readonly root: HTMLElement;
  private readonly area: HTMLElement;
  private readonly tabs: HTMLElement;
  private readonly status: HTMLElement;
  private readonly sheets = new Map<string, SheetDom>();

  constructor(
    private readonly doc: Document,
    private readonly book: PreviewWorkbook,
  ) {
    this.root = doc.createElement('section');
    this.root.className = 'nb-workbook';
    this.root.setAttribute('aria-label', '预览工作簿');
    this.area = doc.createElement('div');
    this.area.className = 'nb-sheet-area';
    this.tabs = doc.createElement('div');
    this.tabs.className = 'nb-tabs';
    this.tabs.setAttribute('role', 'tablist');
    this.tabs.setAttribute('aria-label', '工作表');
    this.status = doc.createElement('p');
    this.status.className = 'nb-status';
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    const bottom = doc.createElement('div');
    bottom.className = 'nb-bottom';
    bottom.append(this.tabs, this.status);
    this.root.append(this.area, bottom);
    for (const s of book.sheets) this.addSheet(s);
    this.showActive();
    book.on((e) => this.onBook(e));
  }

  /** The input of a cell on a sheet (for tests and the host). */
  input(sheet: string, cell: CellId): HTMLInputElement | undefined {
    return this.sheets.get(this.book.sheet(sheet).name)?.inputs.get(cell);
  }

  private onBook(e: BookEvent): void {
    if (e.type === 'sheets') {
      for (const s of this.book.sheets) if (!this.sheets.has(s.name)) this.addSheet(s);
      this.drawTabs();
    } else if (e.type === 'active') {
      this.showActive();
    } else if (e.type === 'cells') {
      const dom = this.sheets.get(e.sheet);
      if (!dom) return;
      const sheet = this.book.sheet(e.sheet);
      // Only what differs: the input a person is typing into already shows its text.
      for (const id of e.cells) {
        const input = dom.inputs.get(id);
        const text = sheet.texts.get(id) ?? '';
        if (input && input.value !== text) input.value = text;
      }
      for (const field of e.meta) {
        const input = dom.meta[field];
        if (input && input.value !== sheet.meta[field]) input.value = sheet.meta[field];
      }
      this.recalculate(sheet, dom);
    } else if (e.type === 'marks') {
      if (this.book.sheet(e.sheet).kind === 'register') this.drawRowSelection(e.sheet, e.focus);
      else this.drawMarks(e.sheet, e.focus);
    } else if (e.type === 'block') {
      const dom = this.sheets.get(e.sheet);
      if (dom) this.recalculate(this.book.sheet(e.sheet), dom);
    } else if (e.type === 'grid') {
      const dom = this.sheets.get(e.sheet);
      const sheet = this.book.sheet(e.sheet);
      for (const key of e.keys) {
        const input = dom?.cells?.get(key);
        const text = sheet.grid.get(key) ?? '';
        if (input && input.value !== text) input.value = text;
      }
    }
  }

  private addSheet(sheet: PreviewSheet): void {
    const dom = sheet.kind === 'template' ? this.drawTemplate(sheet) : sheet.kind === 'register' ? this.drawRegister(sheet) : this.drawBlank(sheet);
    dom.root.hidden = true;
    this.area.append(dom.root);
    this.sheets.set(sheet.name, dom);
    if (sheet.kind === 'template') this.recalculate(sheet, dom);
    this.drawTabs();
  }

  private showActive(): void {
    this.say('');
    const active = this.book.active.name;
    for (const [name, dom] of this.sheets) dom.root.hidden = name !== active;
    this.drawTabs();
    this.area.scrollTo?.({ top: 0, left: 0 });
  }

  private drawTabs(): void {
    const active = this.book.active.name;
    this.tabs.replaceChildren(
      ...this.book.sheets.map((s) => {
        const tab = this.doc.createElement('button');
        tab.type = 'button';
        tab.className = 'nb-tab';
        tab.setAttribute('role', 'tab');
        tab.setAttribute('aria-selected', String(s.name === active));
        tab.dataset.sheet = s.name;
        tab.textContent = s.name;
        tab.addEventListener('click', () => this.book.activate(s.name));
        return tab;
      }),
    );
  }

  /** A blank sheet: empty gridlines and a word on where to begin. */
  private drawBlank(sheet: PreviewSheet): SheetDom {
    const root = this.doc.createElement('div');
    root.className = 'nb-sheet nb-blank';
    root.dataset.sheet = sheet.name;
    const hint = this.doc.createElement('p');
    hint.className = 'nb-hint';
    hint.textContent = '这是一个空白工作表。请在任务窗格中填写填报机关和报告年度，然后点击“插入年报模板”。';
    const table = this.doc.createElement('table');
    table.className = 'nb-grid';
    table.append(...this.columns(table));
    const body = this.doc.createElement('tbody');
    for (let r = 0; r < BLANK_ROWS; r++) {
      const tr = this.doc.createElement('tr');
      tr.append(this.rowHead(r));
      for (let c = 0; c < PLAN.colWidths.length; c++) tr.append(this.doc.createElement('td'));
      body.append(tr);
    }
    table.append(body);
    root.append(hint, table);
    return { root, inputs: new Map(), meta: {}, checks: [], summary: null, title: null, spill: null, blockHeader: [], selection: [], markable: new Map() };
  }

  /**
   * A register sheet (台账): its plan's title, note and header as labels, and every cell below an
   * input a person types into, committed as in Excel (Enter, Tab, leaving it). A date typed as
   * one becomes a date cell (the workbook's readGrid gives its serial).
   */
  private drawRegister(sheet: PreviewSheet): SheetDom {
    const doc = this.doc;
    const plan = sheet.plan!;
    const root = doc.createElement('div');
    root.className = 'nb-sheet nb-register';
    root.dataset.sheet = sheet.name;
    const widths = plan.columns.map((c) => c.width);
    const table = doc.createElement('table');
    table.className = 'nb-grid';
    table.append(...this.columns(table, widths));
    const dom: SheetDom = { root, inputs: new Map(), meta: {}, checks: [], summary: null, title: null, spill: null, blockHeader: [], selection: [], markable: new Map(), cells: new Map() };
    const body = doc.createElement('tbody');
    const labels = new Map(plan.cells.map((c) => [`${c.row},${c.col}`, c]));
    const spans = new Map(plan.merges.map((m) => [`${m.r1},${m.c1}`, m.c2 - m.c1 + 1]));
    const firstData = Math.max(...plan.cells.map((c) => c.row)) + 1;
    const row = (r: number): HTMLTableRowElement => {
      const tr = doc.createElement('tr');
      tr.append(this.rowHead(r));
      for (let c = 0; c < widths.length; c++) {
        const td = doc.createElement('td');
        td.dataset.address = `${columnLetter(c)}${r + 1}`;
        const label = r < firstData ? labels.get(`${r},${c}`) : undefined;
        if (r < firstData) {
          if (label) {
            applyLook(td, LEDGER_LOOKS[label.style]);
            td.textContent = String(label.value ?? '');
            const span = spans.get(`${r},${c}`);
            if (span && span > 1) {
              td.colSpan = span;
              c += span - 1;
            }
          }
          tr.append(td);
          continue;
        }
        const input = doc.createElement('input');
        input.type = 'text';
        input.autocomplete = 'off';
        input.spellcheck = false;
        input.dataset.r = String(r);
        input.dataset.c = String(c);
        input.setAttribute('aria-label', `${String(labels.get(`${plan.cells.find((x) => x.style === 'header')?.row ?? 0},${c}`)?.value ?? columnLetter(c))} 第${r + 1}行`);
        input.value = sheet.grid.get(`${r},${c}`) ?? '';
        td.classList.add('nb-bordered');
        td.append(input);
        dom.cells!.set(`${r},${c}`, input);
        tr.append(td);
      }
      return tr;
    };
    const used = Math.max(firstData, ...[...sheet.grid.keys()].map((k) => Number(k.slice(0, k.indexOf(','))) + 1));
    let drawn = Math.max(firstData + REGISTER_ROWS, used + 20);
    for (let r = 0; r < drawn; r++) body.append(row(r));
    table.append(body);
    table.addEventListener('change', (e) => this.commitGrid(sheet.name, e.target as HTMLInputElement));
    table.addEventListener('keydown', (e) => {
      const target = e.target as HTMLInputElement;
      if (e.isComposing || target.dataset?.r === undefined) return;
      if (e.key === 'Escape') target.value = this.book.sheet(sheet.name).grid.get(`${target.dataset.r},${target.dataset.c}`) ?? '';
      else if (e.key === 'Enter' || e.key === 'Tab') this.commitGrid(sheet.name, target);
      if (e.key === 'Enter') {
        e.preventDefault();
        const below = dom.cells!.get(`${Number(target.dataset.r) + (e.shiftKey ? -1 : 1)},${target.dataset.c}`);
        below?.focus();
        below?.select();
      }
    });
    const more = doc.createElement('button');
    more.type = 'button';
    more.className = 'nb-more-rows';
    more.textContent = `再显示 ${MORE_ROWS} 行`;
    more.addEventListener('click', () => {
      for (let i = 0; i < MORE_ROWS; i++) body.append(row(drawn++));
    });
    root.append(table, more);
    return dom;
  }

  /** A register cell's text becomes the sheet's; an unchanged cell changes nothing. */
  private commitGrid(sheet: string, target: HTMLInputElement): void {
    if (target.dataset?.r === undefined) return;
    this.book.setGrid(sheet, new Map([[`${target.dataset.r},${target.dataset.c}`, target.value]]), 'user');
  }

  /** The register row the pane selected: highlighted, its first cell focused and in view. */
  private drawRowSelection(sheetName: string, focus: boolean): void {
    const dom = this.sheets.get(sheetName);
    if (!dom?.cells) return;
    for (const el of dom.selection) el.classList.remove('nb-selected', 'nb-active-cell');
    dom.selection = [];
    const row = this.book.sheet(sheetName).selectedRow;
    if (row === null) return;
    for (const [key, input] of dom.cells) {
      if (key.slice(0, key.indexOf(',')) !== String(row - 1)) continue;
      input.parentElement!.classList.add('nb-selected');
      dom.selection.push(input.parentElement!);
    }
    const first = dom.cells.get(`${row - 1},0`);
    if (first) {
      first.parentElement!.classList.add('nb-active-cell');
      if (focus) {
        first.focus({ preventScroll: true });
        first.scrollIntoView?.({ block: 'center', inline: 'nearest' });
      }
    }
  }

  /** The column widths and the row of column letters; the table is exactly as wide as its columns, as a sheet is. */
  private columns(table: HTMLTableElement, widths: readonly number[] = PLAN.colWidths): [HTMLTableColElement, HTMLTableSectionElement] {
    table.style.width = px(ROW_HEAD_PX + widths.reduce((sum, w) => sum + colPx(w), 0));
    const colgroup = this.doc.createElement('colgroup');
    const corner = this.doc.createElement('col');
    corner.style.width = px(ROW_HEAD_PX);
    colgroup.append(corner);
    for (const w of widths) {
      const col = this.doc.createElement('col');
      col.style.width = px(colPx(w));
      colgroup.append(col);
    }
    const head = this.doc.createElement('thead');
    const tr = this.doc.createElement('tr');
    const corner2 = this.doc.createElement('th');
    corner2.className = 'nb-corner';
    tr.append(corner2);
    widths.forEach((_, c) => {
      const letter = this.doc.createElement('th');
      letter.scope = 'col';
      letter.textContent = columnLetter(c);
      tr.append(letter);
    });
    head.append(tr);
    return [colgroup, head];
  }

  private rowHead(row: number): HTMLTableCellElement {
    const th = this.doc.createElement('th');
    th.scope = 'row';
    th.textContent = String(row + 1);
    return th;
  }

  private drawTemplate(sheet: PreviewSheet): SheetDom {
    const doc = this.doc;
    const root = doc.createElement('div');
    root.className = 'nb-sheet nb-template';
    root.dataset.sheet = sheet.name;
    const table = doc.createElement('table');
    table.className = 'nb-grid';
    table.append(...this.columns(table));

    const dom: SheetDom = { root, inputs: new Map(), meta: {}, checks: [], summary: null, title: null, spill: null, blockHeader: [], selection: [], markable: new Map() };
    const byPos = new Map<string, PlannedCell>(PLAN.cells.map((c) => [`${c.row},${c.col}`, c]));
    const spans = new Map(PLAN.merges.map((m) => [`${m.r1},${m.c1}`, { rows: m.r2 - m.r1 + 1, cols: m.c2 - m.c1 + 1 }]));
    const covered = new Set<string>();
    for (const m of PLAN.merges) for (let r = m.r1; r <= m.r2; r++) for (let c = m.c1; c <= m.c2; c++) if (r !== m.r1 || c !== m.c1) covered.add(`${r},${c}`);
    const checkAt = new Map(PLAN.checks.map((c, i) => [`${c.row},${c.col}`, i]));

    const body = doc.createElement('tbody');
    const lastRow = PLAN.findings.row;
    for (let r = 0; r <= lastRow; r++) {
      const tr = doc.createElement('tr');
      tr.style.height = px((PLAN.rowHeights.get(r) ?? DEFAULT_ROW_PT) * PT_TO_PX);
      tr.append(this.rowHead(r));
      for (let c = 0; c < PLAN.colWidths.length; c++) {
        const key = `${r},${c}`;
        if (covered.has(key)) continue;
        const td = doc.createElement('td');
        const span = spans.get(key);
        if (span) {
          if (span.rows > 1) td.rowSpan = span.rows;
          if (span.cols > 1) td.colSpan = span.cols;
        }
        td.dataset.address = `${columnLetter(c)}${r + 1}`;
        const cell = byPos.get(key);
        const header = PLAN.findings.header;
        if (r === PLAN.findings.row && c >= PLAN.findings.col && c < PLAN.findings.col + header.length) {
          // Filled in (bold, as the Excel inserter writes it) only while the sheet has the block: see drawSpill.
          dom.blockHeader.push(td);
          if (c === PLAN.findings.col + header.length - 1) td.colSpan = PLAN.colWidths.length - c;
          tr.append(td);
          if (td.colSpan > 1) break;
          continue;
        }
        if (cell) this.drawCell(td, cell, sheet, dom, checkAt.get(key));
        if (cell && MARK_AREA.has(key)) dom.markable.set(key, { td, look: LOOKS[cell.style] });
        tr.append(td);
      }
      body.append(tr);
    }
    dom.spill = doc.createElement('tbody');
    dom.spill.className = 'nb-spill';
    table.append(body, dom.spill);
    // A cell is committed as in Excel — Enter, Tab or leaving it ('change') — not on every keystroke.
    table.addEventListener('input', () => this.say(''));
    table.addEventListener('change', (e) => this.commit(sheet.name, e.target as HTMLInputElement));
    table.addEventListener('paste', (e) => this.onPaste(sheet.name, e as ClipboardEvent));
    table.addEventListener('keydown', (e) => this.onKey(sheet.name, e));
    root.append(table);
    return dom;
  }

  private drawCell(td: HTMLTableCellElement, cell: PlannedCell, sheet: PreviewSheet, dom: SheetDom, check: number | undefined): void {
    const doc = this.doc;
    applyLook(td, LOOKS[cell.style as CellStyle]);
    td.classList.add(`nb-${cell.style}`);
    if (cell.input) {
      const input = doc.createElement('input');
      input.type = 'text';
      input.dataset.cell = cell.input;
      input.autocomplete = 'off';
      input.spellcheck = false;
      input.inputMode = 'decimal';
      input.setAttribute('aria-label', cellName(cell.input));
      input.value = sheet.texts.get(cell.input) ?? '';
      td.append(input);
      dom.inputs.set(cell.input, input);
    } else if (cell.style === 'metaInput') {
      const field: MetaField = cell.row === PLAN.org.row && cell.col === PLAN.org.col ? 'org' : 'year';
      const input = doc.createElement('input');
      input.type = 'text';
      input.dataset.meta = field;
      input.autocomplete = 'off';
      input.spellcheck = false;
      input.setAttribute('aria-label', field === 'org' ? '填报机关' : '报告年度');
      if (field === 'year') input.inputMode = 'numeric';
      input.value = sheet.meta[field];
      td.append(input);
      dom.meta[field] = input;
    } else if (check !== undefined) {
      td.dataset.check = PLAN.checks[check].rule;
      dom.checks[check] = td;
    } else if (cell.style === 'summary') {
      td.dataset.summary = '';
      dom.summary = td;
    } else if (cell.style === 'title') {
      td.dataset.title = '';
      // Sticky inside its wide merged cell: the title stays in sight in a narrow window.
      td.style.overflow = 'visible'; // a clipping cell would be the sticky text's scroll box
      const text = doc.createElement('span');
      text.className = 'nb-title-text';
      td.append(text);
      dom.title = text;
    } else {
      td.textContent = cell.value === undefined ? '' : String(cell.value);
    }
  }

  /** The formulas of the sheet, as a spreadsheet would recalculate them after an edit. */
  private recalculate(sheet: PreviewSheet, dom: SheetDom): void {
    const valueOf = (id: CellId) => this.book.value(sheet.name, id);
    const values = PLAN.checks.map((c) => checkCellValue(c.equation, valueOf));
    values.forEach((v, i) => (dom.checks[i].textContent = checkCellText(v)));
    // The template's conditional formats, over the values a spreadsheet would see.
    const at = new Map<string, SheetValue>();
    for (const [id, p] of POSITION) at.set(`${p.row},${p.col}`, valueOf(id));
    PLAN.checks.forEach((c, i) => at.set(`${c.row},${c.col}`, values[i]));
    const marks = markedCells(PLAN.marks, (r, c) => at.get(`${r},${c}`) ?? null);
    for (const [key, { td, look }] of dom.markable) paintMark(td, look, marks.get(key));
    if (dom.summary) dom.summary.textContent = summaryText(values);
    if (dom.title) dom.title.textContent = titleText(this.book.metaValue(sheet.name, 'org'), this.book.metaValue(sheet.name, 'year'));
    this.drawSpill(sheet, dom);
  }

  /** The findings block, when the user added it: what =NIANBAO.CHECK(NB_T2,NB_T3,NB_T4) spills in Excel, from the same function. */
  private drawSpill(sheet: PreviewSheet, dom: SheetDom): void {
    if (!dom.spill) return;
    dom.blockHeader.forEach((td, i) => {
      td.textContent = sheet.findingsBlock ? (PLAN.findings.header[i] ?? '') : '';
      td.style.fontWeight = sheet.findingsBlock ? 'bold' : '';
    });
    if (!sheet.findingsBlock) {
      dom.spill.replaceChildren();
      return;
    }
    const grids = this.book.grids(sheet.name);
    const rows = nianbaoCheck(grids.T2, grids.T3, grids.T4);
    const start = PLAN.findings.row + 1;
    dom.spill.replaceChildren(
      ...rows.map((values: unknown[], i: number) => {
        const tr = this.doc.createElement('tr');
        tr.append(this.rowHead(start + i));
        const cells = [0, 1, 2].map((k) => {
          const td = this.doc.createElement('td');
          td.textContent = values[k] === undefined ? '' : String(values[k]);
          td.className = 'nb-spilled';
          return td;
        });
        // The 说明 column overflows to the right as Excel lets text run into empty cells.
        cells[2].colSpan = PLAN.colWidths.length - 2;
        tr.append(...cells);
        return tr;
      }),
    );
  }

  private drawMarks(sheetName: string, focus: boolean): void {
    const dom = this.sheets.get(sheetName);
    if (!dom) return;
    const sheet = this.book.sheet(sheetName);
    for (const el of dom.selection) el.classList.remove('nb-selected', 'nb-active-cell');
    dom.selection = [];
    for (const id of sheet.selected) {
      const td = dom.inputs.get(id)?.parentElement;
      if (!td) continue;
      td.classList.add('nb-selected');
      dom.selection.push(td);
    }
    const first = sheet.selected[0];
    const input = first === undefined ? undefined : dom.inputs.get(first);
    if (input) {
      input.parentElement!.classList.add('nb-active-cell');
      if (focus) {
        input.focus({ preventScroll: true });
        input.scrollIntoView?.({ block: 'center', inline: 'nearest' });
      }
    }
  }

  /** The text in a cell (or the body or year) becomes the sheet's; an unchanged cell changes nothing. */
  private commit(sheet: string, target: HTMLInputElement): void {
    const cell = target.dataset?.cell;
    const meta = target.dataset.meta as MetaField | undefined;
    if (cell) this.book.set(sheet, { cells: new Map([[cell, target.value]]) }, 'user');
    else if (meta) this.book.set(sheet, { meta: { [meta]: target.value } }, 'user');
  }

  /** A block from a spreadsheet fills the cells to the right and below, as one edit; a single value is typed as usual. */
  private onPaste(sheet: string, e: ClipboardEvent): void {
    const target = e.target as HTMLInputElement;
    const cell = target.dataset?.cell;
    const text = e.clipboardData?.getData('text/plain');
    if (!cell || text === undefined) return;
    const rows = parseBlock(text);
    if (!isBlock(rows)) {
      // One value: replace the cell's content as a paste into a spreadsheet cell does, minus the trailing line break.
      if (rows.length === 1 && /[\r\n]$/.test(text)) {
        e.preventDefault();
        this.book.set(sheet, { cells: new Map([[cell, rows[0][0] ?? '']]) }, 'user');
      }
      return;
    }
    e.preventDefault();
    const { cells, skipped } = placeBlock(rows, POSITION.get(cell)!, inputAt);
    this.book.set(sheet, { cells }, 'user');
    this.say(
      skipped > 0
        ? `已粘贴 ${cells.size} 个单元格；另有 ${skipped} 个值落在表格文字或校验格上，未粘贴。`
        : `已粘贴 ${cells.size} 个单元格。`,
    );
  }

  private onKey(sheet: string, e: KeyboardEvent): void {
    const target = e.target as HTMLInputElement;
    if (e.isComposing || (!target.dataset?.cell && !target.dataset?.meta)) return;
    if (e.key === 'Escape') {
      // As in Excel: Escape leaves the cell as it was.
      const field = target.dataset.meta as MetaField | undefined;
      target.value = field ? this.book.sheet(sheet).meta[field] : this.book.text(sheet, target.dataset.cell as CellId);
      return;
    }
    if (e.key === 'Enter' || e.key === 'Tab') this.commit(sheet, target);
    const cell = target.dataset.cell;
    if (!cell) return;
    const down = (e.key === 'Enter' && !e.shiftKey) || e.key === 'ArrowDown';
    const up = (e.key === 'Enter' && e.shiftKey) || e.key === 'ArrowUp';
    if (!down && !up) return;
    const next = verticalNeighbour(cell, down ? 1 : -1);
    e.preventDefault();
    if (next) {
      const input = this.sheets.get(sheet)?.inputs.get(next);
      input?.focus();
      input?.select();
    }
  }

  private say(text: string): void {
    this.status.textContent = text;
  }
}
