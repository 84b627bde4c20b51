/** The locator: official labels found despite real-world variation, in every importer's rows. */
import { check } from '../../src/core/engine';
import { T3_ITEMS } from '../../src/core/tables';
import { importDocument, parseFlatText } from '../../src/import';
import { LabelSet, isValueLike, labelKey } from '../../src/import/labels';
import { cellValue } from '../../src/import/locate';
import { flatDocument, flatTable, officialRows, reportBlocks } from '../helpers/documents';
import { consistentReport } from '../helpers/reports';

describe('label matching', () => {
  const rows = new LabelSet<string>(
    ['（一）予以公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '行政规范性文件', '3.危及“三安全一稳定”', '1.属于国家秘密', T3_ITEMS.received, T3_ITEMS.carriedIn, '其他', '3.其他'].map((l) => [l, l] as const),
  );

  test.each([
    ['(一)予以公开', '（一）予以公开'],
    ['（ 一 ）予以 公开', '（一）予以公开'],
    ['（二）部分公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
    ['（二）部分公开(区分处理的只计这一情形)', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
    ['规范性文件', '行政规范性文件'],
    ['3、危及"三安全一稳定"', '3.危及“三安全一稳定”'],
    ['3．危及‘三安全一稳定’', '3.危及“三安全一稳定”'],
    ['１.属于国家秘密', '1.属于国家秘密'],
    ['1.属于国家秘密的', '1.属于国家秘密'],
    ['一、本年新收政府信息\n公开申请数量', T3_ITEMS.received],
    ['3.其它', '3.其他'],
  ])('%j matches %j', (text, official) => {
    expect(rows.match(text)).toBe(official);
  });

  test.each([['政府信息公开申请数量'], ['总'], ['合计'], ['']])('%j matches nothing (ambiguous or unknown)', (text) => {
    expect(rows.match(text)).toBeUndefined();
  });

  test('a key folds widths, spaces, quotes and ordinal marks only', () => {
    expect(labelKey(' 第二十条第(一)项 ')).toBe('第二十条第（一）项');
    expect(labelKey('本年收费金额(单位:万元)')).toBe('本年收费金额（单位：万元）');
  });

  test('what counts as a figure', () => {
    for (const t of ['', '0', ' 12 ', '１２', '1,234', '4068.208', '22（其中修订16件）', '55(含自然失效29件)', '3件', '/', '—', '——', '-', '无', '\u3000']) expect([t, isValueLike(t)]).toEqual([t, true]);
    for (const t of ['1.属于国家秘密', '3.其他', '规章', '2024年', '见说明']) expect([t, isValueLike(t)]).toEqual([t, false]);
  });

  test('a figure is kept as a number only when it is one', () => {
    expect([cellValue('0'), cellValue('12'), cellValue('0.5'), cellValue('\n0'), cellValue('')]).toEqual([0, 12, 0.5, 0, null]);
    expect([cellValue('１２'), cellValue('1,234'), cellValue('/'), cellValue('22\n（其中修订16件）')]).toEqual(['１２', '1,234', '/', '22（其中修订16件）']);
  });
});

describe('the flattened text form, as extraction tools give it', () => {
  const base = consistentReport(41, '某县交通运输局', 2024);
  const read = (text: string) => importDocument(parseFlatText(text));

  test('rows pasted as one tab-separated line each', () => {
    const text = reportBlocks(base)
      .map((b) => (typeof b === 'string' ? `${b}\n` : b.rows.map((row) => row.map((c) => c.text.replace(/\n/g, '')).join('\t')).join('\n') + '\n'))
      .join('');
    const r = read(text);
    expect(r.report).toEqual(base);
    expect(r.findings).toEqual([]);
  });

  test('page numbers and repeated headers inside 表三, a footnote under 表四', () => {
    const t3 = officialRows('T3', base);
    const withBreak = [...t3.slice(0, 12), [{ text: '— 4 —' }], [{ text: '第5页 共9页' }], ...t3.slice(0, 3), ...t3.slice(12)];
    const t4 = [...officialRows('T4', base), [{ text: '注：行政复议、行政诉讼数量含上年度结转数量。' }]];
    const r = read(flatDocument(reportBlocks(base, { tables: { T3: [withBreak], T4: [t4] } })));
    expect(r.report).toEqual(base);
    expect(r.findings).toEqual([]);
  });

  test('only the 总计 column filled: the other cells stay blank, and the engine says so', () => {
    const t3 = officialRows('T3', base, { value: (v, id) => (id.endsWith('.C7') ? String(v) : '') });
    const r = read(flatDocument(reportBlocks(base, { tables: { T3: [t3] } })));
    expect(r.findings).toEqual([]);
    expect(r.report.cells['T3.R1.C1']).toBeNull();
    expect(r.report.cells['T3.R1.C7']).toBe(base.cells['T3.R1.C7']);
    expect(check(r.report).map((f) => f.rule)).toContain('T3.onlyTotals');
  });

  test('a stray empty cell at the end of a row is not a figure', () => {
    const t3 = officialRows('T3', base).map((row, i) => (i === 6 ? [...row, { text: '' }] : row));
    const r = read(flatDocument(reportBlocks(base, { tables: { T3: [t3] } })));
    expect(r.report).toEqual(base);
  });

  test('"其他" written without its number is found under （六）其他处理', () => {
    const t3 = officialRows('T3', base, { label: (s) => (s === '3.其他' ? '其他' : s) });
    const r = read(flatDocument(reportBlocks(base, { tables: { T3: [t3] } })));
    expect(r.report).toEqual(base);
    expect(r.findings).toEqual([]);
  });

  test('details written without numbers or with 、 are found by their words', () => {
    const t3 = officialRows('T3', base, { label: (s) => s.replace(/^(\d)\./, (_, d) => (Number(d) % 2 === 0 ? '' : `${d}、`)) });
    const r = read(flatDocument(reportBlocks(base, { tables: { T3: [t3] } })));
    expect(r.report).toEqual(base);
  });

  test('the table rows are found by labels, not by position: rows in another order read right', () => {
    const t3 = officialRows('T3', base);
    const swapped = [...t3.slice(0, 3), t3[4], t3[3], ...t3.slice(5)];
    const r = read(flatTable(swapped));
    for (const id of ['T3.R1.C1', 'T3.R2.C1', 'T3.R2.C7']) expect(r.report.cells[id]).toBe(base.cells[id]);
  });
});
