/**
 * The table declarations equal the spec (report-format.md): ids, labels character for character,
 * and merges. Labels and merges are read from the spec's markdown where it gives them as tables;
 * the header blocks, given there as prose, are listed here with each text checked to occur in the
 * spec verbatim.
 */
import * as fs from 'fs';
import { CELL_IDS, INPUT_CELLS, Merge, TABLES, TableId, T3_COLUMNS, cellName, inputCell, isCellId } from '../../src/core/tables';
import { fixturePath, range, readSpec } from './helpers';

const spec = readSpec();

interface Label {
  r: number;
  c: number;
  text: string;
}
const byPosition = (a: { r: number; c: number }, b: { r: number; c: number }) => a.r - b.r || a.c - b.c;
const byMerge = (a: Merge, b: Merge) => a.r1 - b.r1 || a.c1 - b.c1 || a.r2 - b.r2 || a.c2 - b.c2;
const labelsOf = (t: TableId): Label[] => TABLES[t].labels.map(({ r, c, text }) => ({ r, c, text })).sort(byPosition);
const mergesOf = (t: TableId): Merge[] => [...TABLES[t].merges].sort(byMerge);

/** The lines of the spec between two markers. */
function section(from: string, to: string): string {
  const start = spec.indexOf(from);
  const end = spec.indexOf(to, start + from.length);
  if (start < 0 || end < 0) throw new Error(`spec section ${from} … ${to} not found`);
  return spec.slice(start, end);
}

/** Markdown table rows whose first cell is a number: the cells after it, trimmed. */
function numberedRows(text: string): { n: number; cells: string[] }[] {
  return text
    .split('\n')
    .filter((line) => /^\|\s*\d+\s*\|/.test(line))
    .map((line) => {
      const parts = line.split('|').slice(1, -1).map((s) => s.trim());
      return { n: Number(parts[0]), cells: parts.slice(1) };
    });
}

/** The `backticked` strings of a piece of the spec, in order. */
const backticked = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

const COLUMN_LETTER = { A: 0, B: 1, C: 2, D: 3 } as const;

// ---- T2, from the spec's table ------------------------------------------------------------------

function specT2(): { labels: Label[]; inputs: { r: number; c: number; kind: string }[]; merges: Merge[] } {
  const labels: Label[] = [];
  const inputs: { r: number; c: number; kind: string }[] = [];
  const merges: Merge[] = [];
  for (const { n, cells } of numberedRows(section('## T2', 'Input cells:'))) {
    cells.forEach((cell, c) => {
      if (cell === '') return;
      const m = /^(.*?)(?: \(merged ([A-D])–([A-D])\))?$/.exec(cell)!;
      const text = m[1];
      const r = n - 1;
      if (m[2]) merges.push({ r1: r, c1: COLUMN_LETTER[m[2] as 'A'], r2: r, c2: COLUMN_LETTER[m[3] as 'A'] });
      if (text === 'n') inputs.push({ r, c, kind: 'count' });
      else if (text === 'amount in 万元') inputs.push({ r, c, kind: 'amount' });
      else labels.push({ r, c, text });
    });
  }
  return { labels: labels.sort(byPosition), inputs: inputs.sort(byPosition), merges: merges.sort(byMerge) };
}

// ---- T3, from the spec's data-row table and header bullets ------------------------------------------

const T3_HEADER = 3;
const T3_LABEL_COLS = 3;

function specT3Rows(): { n: number; item: string; sub: string; detail: string }[] {
  return numberedRows(section('Data rows, 25', '(三、本年度办理结果 spans')).map(({ n, cells: [item, sub, detail] }) => ({ n, item, sub, detail }));
}

function specT3Labels(): Label[] {
  const header = backticked(section('## T3', 'Number columns, in order'));
  const [note, applicants, natural, legal, total, ...legalKinds] = header;
  const labels: Label[] = [
    { r: 0, c: 0, text: note },
    { r: 0, c: 3, text: applicants },
    { r: 1, c: 3, text: natural },
    { r: 1, c: 4, text: legal },
    { r: 1, c: 9, text: total },
    ...legalKinds.map((text, i) => ({ r: 2, c: 4 + i, text })),
  ];
  for (const { n, item, sub, detail } of specT3Rows()) {
    const r = T3_HEADER + n - 1;
    if (item) labels.push({ r, c: 0, text: item });
    if (sub) labels.push({ r, c: 1, text: sub });
    if (detail) labels.push({ r, c: 2, text: detail });
  }
  return labels.sort(byPosition);
}

/** The T3 merges the spec describes: the header block, and the label columns "merged as in the report". */
function specT3Merges(): Merge[] {
  const rows = specT3Rows();
  const gridRow = (n: number) => T3_HEADER + n - 1;
  const merges: Merge[] = [
    { r1: 0, c1: 0, r2: 2, c2: 2 }, // the note over the label columns and all three header rows
    { r1: 0, c1: 3, r2: 0, c2: 9 }, // 申请人情况 over the 7 number columns
    { r1: 1, c1: 3, r2: 2, c2: 3 }, // 自然人 down rows 2–3
    { r1: 1, c1: 4, r2: 1, c2: 8 }, // 法人或其他组织 over 5 columns
    { r1: 1, c1: 9, r2: 2, c2: 9 }, // 总计 down rows 2–3
  ];
  for (const { n, item, sub } of rows) {
    // an item without sub-items (一、二、四、) spans the three label columns
    if (item && !sub) merges.push({ r1: gridRow(n), c1: 0, r2: gridRow(n), c2: 2 });
    // 三、本年度办理结果 spans its rows in the item column, down to the row before the next item
    if (item && sub) {
      const next = rows.find((x) => x.n > n && x.item)!.n;
      merges.push({ r1: gridRow(n), c1: 0, r2: gridRow(next - 1), c2: 0 });
    }
    if (sub) {
      const details = rows.filter((x) => x.n >= n && x.n < (rows.find((y) => y.n > n && (y.sub || y.item))?.n ?? Infinity) && x.detail);
      // a sub-item with detail rows spans them; one without spans the sub-item and detail columns
      if (details.length > 1) merges.push({ r1: gridRow(n), c1: 1, r2: gridRow(n + details.length - 1), c2: 1 });
      else if (details.length === 0) merges.push({ r1: gridRow(n), c1: 1, r2: gridRow(n), c2: 2 });
    }
  }
  return merges.sort(byMerge);
}

// ---- T4, from the header bullets ---------------------------------------------------------------------

function specT4(): { labels: Label[]; merges: Merge[] } {
  const header = backticked(section('## T4', 'One data row'));
  // row 1: 行政复议, 行政诉讼; row 2: the five outcomes under 行政复议, then the two 行政诉讼 groups; row 3: the five outcomes
  const [review, litigation, ...rest] = header;
  const outcomes = rest.slice(0, 5);
  const [direct, afterReview] = rest.slice(5, 7);
  expect(rest.slice(7)).toEqual(outcomes);
  const labels: Label[] = [
    { r: 0, c: 0, text: review },
    { r: 0, c: 5, text: litigation },
    ...outcomes.map((text, i) => ({ r: 1, c: i, text })),
    { r: 1, c: 5, text: direct },
    { r: 1, c: 10, text: afterReview },
    ...outcomes.map((text, i) => ({ r: 2, c: 5 + i, text })),
    ...outcomes.map((text, i) => ({ r: 2, c: 10 + i, text })),
  ];
  const merges: Merge[] = [
    { r1: 0, c1: 0, r2: 0, c2: 4 },
    { r1: 0, c1: 5, r2: 0, c2: 14 },
    ...range(0, 4).map((c) => ({ r1: 1, c1: c, r2: 2, c2: c })),
    { r1: 1, c1: 5, r2: 1, c2: 9 },
    { r1: 1, c1: 10, r2: 1, c2: 14 },
  ];
  return { labels: labels.sort(byPosition), merges: merges.sort(byMerge) };
}

// ---------------------------------------------------------------------------------------------------

describe('cell ids', () => {
  test('200 input cells: T2 10, T3 175, T4 15', () => {
    expect(CELL_IDS).toHaveLength(200);
    expect(TABLES.T2.inputs).toHaveLength(10);
    expect(TABLES.T3.inputs).toHaveLength(175);
    expect(TABLES.T4.inputs).toHaveLength(15);
  });

  test('the ids are exactly those of the spec’s id table', () => {
    const expected = [
      ...[1, 2].flatMap((r) => [1, 2, 3].map((c) => `T2.R${r}.C${c}`)),
      'T2.R3.C1',
      'T2.R4.C1',
      'T2.R5.C1',
      'T2.R6.C1',
      ...range(1, 25).flatMap((r) => range(1, 7).map((c) => `T3.R${r}.C${c}`)),
      ...range(1, 15).map((c) => `T4.R1.C${c}`),
    ];
    expect([...CELL_IDS]).toEqual(expected);
    expect(new Set(CELL_IDS).size).toBe(200);
  });

  test('ids are known, and others are not', () => {
    for (const id of CELL_IDS) expect(isCellId(id)).toBe(true);
    for (const id of ['T2.R1.C4', 'T3.R26.C1', 'T3.R0.C1', 'T4.R2.C1', 'T1.R1.C1', 't3.r1.c7', '']) expect(isCellId(id)).toBe(false);
    expect(() => inputCell('T3.R26.C1')).toThrow();
  });

  test('only 行政事业性收费 is an amount; everything else is a count', () => {
    expect(INPUT_CELLS.filter((c) => c.kind === 'amount').map((c) => c.id)).toEqual(['T2.R6.C1']);
  });

  test('T3 columns are in the spec’s order', () => {
    const line = /Number columns, in order: (.+)\./.exec(spec)![1];
    expect([...T3_COLUMNS]).toEqual(line.split(', '));
    expect(range(1, 7).map((c) => inputCell(`T3.R1.C${c}`).colName)).toEqual(line.split(', '));
  });

  test('cells are named by table, column and row for messages', () => {
    expect(cellName('T3.R1.C7')).toBe('表三 总计/一、本年新收政府信息公开申请数量');
    expect(cellName('T3.R5.C1')).toBe('表三 自然人/（三）不予公开1.属于国家秘密');
    expect(cellName('T2.R6.C1')).toBe('表二 行政事业性收费/本年收费金额（单位：万元）');
    expect(cellName('T4.R1.C15')).toBe('表四 复议后起诉/总计');
  });
});

describe('T2 二、主动公开政府信息情况', () => {
  const expected = specT2();

  test('14 rows × 4 columns', () => {
    expect([TABLES.T2.rows, TABLES.T2.cols]).toEqual([14, 4]);
    expect(TABLES.T2.title).toBe('二、主动公开政府信息情况');
  });

  test('every label, character for character, where the spec puts it', () => {
    expect(expected.labels).toHaveLength(20); // 4 headings, 4 × 信息内容, 6 column headings, 6 row labels
    expect(labelsOf('T2')).toEqual(expected.labels);
  });

  test('the inputs sit where the spec puts n, in spec order, with the right kind', () => {
    const inputs = TABLES.T2.inputs.map(({ r, c, kind }) => ({ r, c, kind }));
    expect(inputs).toEqual(expected.inputs);
  });

  test('merges: headings A–D, and B–D for the single-column rows', () => {
    expect(mergesOf('T2')).toEqual(expected.merges);
    expect(expected.merges.filter((m) => m.c1 === 0)).toHaveLength(4);
    expect(expected.merges.filter((m) => m.c1 === 1)).toHaveLength(7);
  });
});

describe('T3 三、收到和处理政府信息公开申请情况', () => {
  test('3 header rows + 25 data rows, 3 label columns + 7 number columns', () => {
    expect([TABLES.T3.rows, TABLES.T3.cols]).toEqual([28, 10]);
    expect(specT3Rows().map((r) => r.n)).toEqual(range(1, 25));
  });

  test('every label, character for character, where the spec puts it', () => {
    expect(labelsOf('T3')).toEqual(specT3Labels());
  });

  test('merges: note 3×3, 申请人情况 over 7, 自然人/总计 down 2 rows, 法人或其他组织 over 5, item and sub-item spans', () => {
    expect(mergesOf('T3')).toEqual(specT3Merges());
  });

  test('三、本年度办理结果 spans data rows 3–24; each sub-item spans its detail rows', () => {
    const merges = mergesOf('T3');
    expect(merges).toContainEqual({ r1: T3_HEADER + 2, c1: 0, r2: T3_HEADER + 23, c2: 0 });
    const subSpans = merges.filter((m) => m.c1 === 1 && m.c2 === 1).map((m) => m.r2 - m.r1 + 1);
    expect(subSpans).toEqual([8, 3, 5, 3]);
  });

  test('the inputs fill data rows × number columns, row by row', () => {
    const positions = TABLES.T3.inputs.map(({ row, col, r, c }) => [row, col, r, c]);
    expect(positions).toEqual(range(1, 25).flatMap((row) => range(1, 7).map((col) => [row, col, T3_HEADER + row - 1, T3_LABEL_COLS + col - 1])));
  });
});

describe('T4 四、政府信息公开行政复议、行政诉讼情况', () => {
  const expected = specT4();

  test('3 header rows + 1 data row, 15 columns', () => {
    expect([TABLES.T4.rows, TABLES.T4.cols]).toEqual([4, 15]);
  });

  test('every label, character for character, where the spec puts it', () => {
    expect(labelsOf('T4')).toEqual(expected.labels);
  });

  test('merges: 行政复议 over 1–5, 行政诉讼 over 6–15, outcomes of 行政复议 down 2 rows, the two litigation groups over 5', () => {
    expect(mergesOf('T4')).toEqual(expected.merges);
  });

  test('the 15 inputs: 行政复议 ×5, 未经复议直接起诉 ×5, 复议后起诉 ×5', () => {
    expect(TABLES.T4.inputs.map((i) => i.rowName)).toEqual([...Array(5).fill('行政复议'), ...Array(5).fill('未经复议直接起诉'), ...Array(5).fill('复议后起诉')]);
    expect(TABLES.T4.inputs.map((i) => [i.r, i.c])).toEqual(range(0, 14).map((c) => [3, c]));
  });
});

describe.each(['T2', 'T3', 'T4'] as const)('%s grid', (t) => {
  const table = TABLES[t];

  test('every position is covered by exactly one label, input or merge (no overlaps, no holes)', () => {
    const cover = Array.from({ length: table.rows }, () => Array<number>(table.cols).fill(0));
    const anchors = [...table.labels, ...table.inputs];
    const merged = (r: number, c: number) => table.merges.find((m) => m.r1 === r && m.c1 === c) ?? { r1: r, c1: c, r2: r, c2: c };
    for (const a of anchors) {
      const m = merged(a.r, a.c);
      for (let r = m.r1; r <= m.r2; r++) for (let c = m.c1; c <= m.c2; c++) cover[r][c]++;
    }
    expect(cover.flat().every((n) => n === 1)).toBe(true);
  });

  test('every merge starts at a label or an input and stays inside the grid', () => {
    for (const m of table.merges) {
      expect([...table.labels, ...table.inputs].some((a) => a.r === m.r1 && a.c === m.c1)).toBe(true);
      expect(m.r2).toBeLessThan(table.rows);
      expect(m.c2).toBeLessThan(table.cols);
      expect(m.r2 >= m.r1 && m.c2 >= m.c1 && (m.r2 > m.r1 || m.c2 > m.c1)).toBe(true);
    }
  });

  test('no two merges overlap', () => {
    const overlap = (a: Merge, b: Merge) => a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
    table.merges.forEach((a, i) => table.merges.slice(i + 1).forEach((b) => expect(overlap(a, b)).toBe(false)));
  });
});

test('every label occurs in a real published report (木厂镇 2024, line breaks removed)', () => {
  const text = fs.readFileSync(fixturePath('muchang-town-2024.txt'), 'utf8').replace(/\s+/g, '');
  const missing = (['T2', 'T3', 'T4'] as const).flatMap((t) => TABLES[t].labels.map((l) => l.text)).filter((text_) => !text.includes(text_));
  expect(missing).toEqual([]);
});
