/**
 * 表二, 表三 and 表四 as Word tables, laid out from the declarations in src/core/tables.ts: the same
 * labels, the same merges, each input cell holding the report's value exactly as typed (so our own
 * importer reads back the same 200 cells). Column widths add up to the text block, fixed, so no
 * table runs past the margin; 表三's three header rows repeat on every page it spans.
 */
import { AlignmentType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import { CellValue, Report } from '../core/report';
import { LabelCell, TABLES, TableId } from '../core/tables';
import { FONT, SIZE, TEXT_WIDTH, mm } from './style';

interface TableStyle {
  /** Widths in mm of the leading columns; the rest share what is left of the text block equally. */
  leading: number[];
  size: number;
  /** Grid rows repeated at the top of each page. */
  headerRows: number;
  /** A short table is kept on one page (each row kept with the next). */
  keepTogether: boolean;
}

const STYLE: Record<TableId, TableStyle> = {
  // 信息内容 wide enough for 行政规范性文件 and 行政事业性收费 on one line.
  T2: { leading: [46], size: SIZE['5号'], headerRows: 0, keepTogether: true },
  // 三、本年度办理结果 narrow enough to stand one character per line, as in the official table.
  T3: { leading: [8, 25, 46], size: SIZE['小5号'], headerRows: 3, keepTogether: false },
  T4: { leading: [], size: SIZE['小5号'], headerRows: 3, keepTogether: true },
};

/** Column widths in twips, adding up exactly to the text block. */
export function columnWidths(t: TableId): number[] {
  const { leading } = STYLE[t];
  const cols = TABLES[t].cols;
  const fixed = leading.map(mm);
  const rest = TEXT_WIDTH - fixed.reduce((a, b) => a + b, 0);
  const n = cols - fixed.length;
  const each = Math.floor(rest / n);
  return [...fixed, ...Array.from({ length: n }, (_, i) => (i === n - 1 ? rest - each * (n - 1) : each))];
}

/** A value as the table shows it: a number in plain digits, text exactly as typed, blank as blank. */
export const valueText = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v));

const CELL_MARGIN = mm(1);
/** Space above and below a cell's text, so rows do not sit tight on the figures. */
const CELL_PADDING = 20;

function paragraphs(text: string, size: number, align: (typeof AlignmentType)[keyof typeof AlignmentType], keepNext: boolean): Paragraph[] {
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        alignment: align,
        keepNext,
        spacing: { before: CELL_PADDING, after: CELL_PADDING, line: 240 },
        children: line === '' ? [] : [new TextRun({ text: line, font: FONT.table, size })],
      }),
  );
}

export function buildTable(t: TableId, report: Report): Table {
  const layout = TABLES[t];
  const style = STYLE[t];
  const widths = columnWidths(t);
  const labels = new Map<string, LabelCell>(layout.labels.map((l) => [`${l.r},${l.c}`, l]));
  const values = new Map<string, string>(layout.inputs.map((i) => [`${i.r},${i.c}`, valueText(report.cells[i.id])]));
  const spans = new Map<string, { rows: number; cols: number }>();
  const covered = new Set<string>();
  for (const m of layout.merges) {
    spans.set(`${m.r1},${m.c1}`, { rows: m.r2 - m.r1 + 1, cols: m.c2 - m.c1 + 1 });
    for (let r = m.r1; r <= m.r2; r++) for (let c = m.c1; c <= m.c2; c++) if (r !== m.r1 || c !== m.c1) covered.add(`${r},${c}`);
  }

  const rows: TableRow[] = [];
  for (let r = 0; r < layout.rows; r++) {
    const cells: TableCell[] = [];
    for (let c = 0; c < layout.cols; c++) {
      const key = `${r},${c}`;
      if (covered.has(key)) continue;
      const span = spans.get(key) ?? { rows: 1, cols: 1 };
      const label = labels.get(key);
      const text = label?.text ?? values.get(key) ?? '';
      // Row labels read left to right like text; headings, headers and figures are centred.
      const align = label?.role === 'label' && span.rows === 1 ? AlignmentType.LEFT : AlignmentType.CENTER;
      cells.push(
        new TableCell({
          children: paragraphs(text, style.size, align, style.keepTogether && r < layout.rows - 1),
          width: { size: widths.slice(c, c + span.cols).reduce((a, b) => a + b, 0), type: WidthType.DXA },
          verticalAlign: VerticalAlign.CENTER,
          ...(span.cols > 1 ? { columnSpan: span.cols } : {}),
          ...(span.rows > 1 ? { rowSpan: span.rows } : {}),
        }),
      );
    }
    rows.push(new TableRow({ children: cells, cantSplit: true, ...(r < style.headerRows ? { tableHeader: true } : {}) }));
  }
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 0, bottom: 0 },
  });
}
