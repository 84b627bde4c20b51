/** Rebuilding tables and paragraphs from positions alone (no PDF): the grid, merges, wrapped labels, pages. */
import { expandTable } from '../../../src/import/model';
import { layoutPages } from '../../../src/import/pdf';
import { PageContent, Rule, TextRun } from '../../../src/import/pdf/page';

const run = (text: string, x: number, y: number, size = 10): TextRun => ({ text, x, y, width: [...text].length * size, size });
const h = (at: number, a: number, b: number): Rule => ({ dir: 'h', at, a, b });
const v = (at: number, a: number, b: number): Rule => ({ dir: 'v', at, a, b });

/** A ruled table: columns at x 100|200|260|320, rows at y 600|570|540|510; the first column merged over the last two rows. */
function tablePage(): PageContent {
  const rules = [
    h(600, 100, 320),
    h(570, 100, 320),
    h(540, 200, 320), // not across the first column: its two lower cells are one
    h(510, 100, 320),
    v(100, 510, 600),
    v(200, 510, 600),
    v(260, 510, 600),
    v(320, 510, 600),
  ];
  const runs = [
    run('一、总体情况', 72, 700, 16),
    run('本机关全年主动公开政府信息一百二十条，', 100, 670),
    run('依申请公开工作规范有序。', 72, 655),
    run('项目', 105, 582),
    run('本年', 205, 582),
    run('累计', 265, 582),
    run('规范性', 105, 530),
    run('文件', 105, 518),
    run('0', 220, 552),
    run('5', 280, 552),
    run('3', 220, 522),
    run('8', 280, 522),
    run('- 2 -', 290, 40),
  ];
  return { width: 595, height: 842, runs, rules };
}

test('a ruled grid becomes a table: a missing edge is a merged cell, a wrapped label one cell, page numbers dropped', () => {
  const doc = layoutPages([tablePage()]);
  expect(doc.blocks.filter((b) => b.kind === 'para').map((b) => (b.kind === 'para' ? b.text : ''))).toEqual(['一、总体情况', '本机关全年主动公开政府信息一百二十条，依申请公开工作规范有序。']);
  const table = doc.blocks.find((b) => b.kind === 'table');
  expect(table?.kind === 'table' && table.table.rows).toEqual([
    [{ text: '项目' }, { text: '本年' }, { text: '累计' }],
    [{ text: '规范性\n文件', rowSpan: 2 }, { text: '0' }, { text: '5' }],
    [{ text: '3' }, { text: '8' }],
  ]);
  expect(table?.kind === 'table' && expandTable(table.table).map((r) => r.cells.map((c) => c.text))).toEqual([
    ['项目', '本年', '累计'],
    ['规范性\n文件', '0', '5'],
    ['规范性\n文件', '3', '8'],
  ]);
});

test('a row broken by the page break is joined; a repeated header is not', () => {
  const top: PageContent = {
    width: 595,
    height: 842,
    runs: [run('1.属于国家', 105, 90), run('7', 220, 90), run('9', 280, 90)],
    rules: [h(110, 100, 320), h(70, 100, 320), v(100, 70, 110), v(200, 70, 110), v(260, 70, 110), v(320, 70, 110)],
  };
  const cont: PageContent = {
    width: 595,
    height: 842,
    runs: [run('秘密', 105, 790), run('2.其他', 105, 760), run('1', 220, 760), run('2', 280, 760)],
    rules: [h(810, 100, 320), h(780, 100, 320), h(750, 100, 320), v(100, 750, 810), v(200, 750, 810), v(260, 750, 810), v(320, 750, 810)],
  };
  const rows = layoutPages([top, cont]).blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.map((r) => r.map((c) => c.text)) : []));
  expect(rows).toEqual([
    ['1.属于国家\n秘密', '7', '9'],
    ['2.其他', '1', '2'],
  ]);
  const header: PageContent = { ...cont, runs: [run('自然人', 205, 790), run('总计', 265, 790), run('2.其他', 105, 760), run('1', 220, 760), run('2', 280, 760)] };
  const kept = layoutPages([top, header]).blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.map((r) => r.map((c) => c.text)) : []));
  expect(kept[0]).toEqual(['1.属于国家', '7', '9']);
  expect(kept[1]).toEqual(['', '自然人', '总计']);
});

test('a row broken just after its ordinal ("6." alone above the break, the label below) is joined: the ordinal is no figure', () => {
  const top: PageContent = {
    width: 595,
    height: 842,
    runs: [run('6.', 105, 90), run('9', 220, 90), run('9', 280, 90)],
    rules: [h(110, 100, 320), h(70, 100, 320), v(100, 70, 110), v(200, 70, 110), v(260, 70, 110), v(320, 70, 110)],
  };
  const cont: PageContent = {
    width: 595,
    height: 842,
    runs: [run('属于四类', 105, 790), run('7.属于行政', 105, 760), run('0', 220, 760), run('0', 280, 760)],
    rules: [h(810, 100, 320), h(780, 100, 320), h(750, 100, 320), v(100, 750, 810), v(200, 750, 810), v(260, 750, 810), v(320, 750, 810)],
  };
  const rows = layoutPages([top, cont]).blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.map((r) => r.map((c) => c.text)) : []));
  expect(rows).toEqual([
    ['6.\n属于四类', '9', '9'],
    ['7.属于行政', '0', '0'],
  ]);
  // A figure above the break still never takes a label.
  const figure: PageContent = { ...top, runs: [run('6.', 105, 90), run('9', 220, 90), run('9', 280, 90)] };
  const under: PageContent = { ...cont, runs: [run('属于', 220, 790), run('7.属于行政', 105, 760), run('0', 220, 760), run('0', 280, 760)] };
  expect(layoutPages([figure, under]).blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.map((r) => r.map((c) => c.text)) : []))[0]).toEqual(['6.', '9', '9']);
});

test('look-alike radicals from CJK fonts are read as the ideographs; full-width digits stay as printed', () => {
  const page: PageContent = { width: 595, height: 842, runs: [run('⾏政许可⺠生１２', 72, 700)], rules: [] };
  expect(layoutPages([page]).blocks).toEqual([{ kind: 'para', text: '行政许可民生１２' }]);
});

test('a table drawn without lines is read row by row, a cell at each wide gap', () => {
  const page: PageContent = { width: 595, height: 842, runs: [run('规章', 72, 700), run('0', 200, 700), run('1', 260, 700), run('3', 320, 700)], rules: [] };
  expect(layoutPages([page]).blocks).toEqual([{ kind: 'table', table: { rows: [[{ text: '规章' }, { text: '0' }, { text: '1' }, { text: '3' }]] } }]);
});
