import { analyseLedger, findHeader, readDate, readResult, isoDay, RESULT_CATEGORIES } from '../../src/ledger';
import { excelSerial, dayOf } from '../../src/ledger/dates';
import { app, findingsOf, only, register } from './helpers';

const iso = (cell: Parameters<typeof readDate>[0]): string | null | 'unreadable' => {
  const r = readDate(cell);
  return r.ok ? (r.day === null ? null : isoDay(r.day)) : 'unreadable';
};

describe('dates as registers hold them', () => {
  it.each([
    ['2025-03-04', '2025-03-04'],
    ['2025/3/4', '2025-03-04'],
    ['2025.3.4', '2025-03-04'],
    ['2025年3月4日', '2025-03-04'],
    ['2025年03月04号', '2025-03-04'],
    [' ２０２５－３－４ ', '2025-03-04'],
    ['2025-03-04 10:30', '2025-03-04'],
    ['20250304', '2025-03-04'],
    [20250304, '2025-03-04'],
  ])('text or number %p is %s', (cell, expected) => expect(iso(cell)).toBe(expected));

  it('reads Excel serial dates as Office.js and WPS return them, time of day dropped', () => {
    expect(iso(45720)).toBe('2025-03-04');
    expect(iso(45720.75)).toBe('2025-03-04');
    expect(excelSerial(dayOf(2025, 3, 4)!)).toBe(45720);
  });

  it('reads exceljs Date objects (UTC midnight of the day shown)', () => {
    expect(iso(new Date(Date.UTC(2025, 2, 4)))).toBe('2025-03-04');
  });

  it.each(['2025-02-30', '2025-13-01', '3月4日', '去年', '1899-12-31', true, 12, 'abc'])('%p is not a date', (cell) => {
    expect(iso(cell as never)).toBe('unreadable');
  });

  it('blank is no date', () => {
    expect(iso(null)).toBeNull();
    expect(iso('  ')).toBeNull();
  });
});

describe('the header row', () => {
  it('is found by meaning under a title and notes, in any order, extra columns ignored', () => {
    const grid = [
      ['某某市自然资源局2025年政府信息公开申请登记台账'],
      ['填表说明：日期请按年月日填写'],
      [],
      ['联系电话', '办理结果', '受理日期', '申请人类别', '答复时间', '经办人', '是否延长答复期限'],
      ['13900000000', '1.属于国家秘密', '2025年3月4日', '个人', '2025/3/20', '王', '否'],
    ];
    const header = findHeader(grid)!;
    expect(header.row).toBe(4);
    expect(header.columns).toEqual({ result: 1, received: 2, applicantType: 3, answered: 4, extended: 6 });
    const a = analyseLedger(grid, { year: 2025 });
    expect(a.findings).toEqual([]);
    expect(a.cells['T3.R1.C1']).toBe(1);
    expect(a.cells['T3.R5.C1']).toBe(1);
  });

  it.each([
    ['收到日期', '收到申请日期', '受理日期', '申请日期', '登记日期'],
    ['答复日期', '办结日期', '答复时间'],
    ['办理结果', '答复结果', '处理结果'],
  ])('recognises %s and its synonyms', (...names) => {
    for (const name of names) {
      const base = ['收到日期', '申请人类型', '答复日期', '办理结果'];
      const i = base.findIndex((b) => names.includes(b));
      const header = [...base];
      header[i] = name;
      expect(findHeader([header])?.columns).toMatchObject({ received: 0, applicantType: 1, answered: 2, result: 3 });
    }
  });

  it('reads a two-level header: 征求意见 merged over 开始日期 and 结束日期', () => {
    const grid = [
      ['序号', '收到日期', '申请人类型', '征求意见', null, '答复日期', '办理结果'],
      [null, null, null, '开始日期', '结束日期', null, null],
      [1, '2025-03-03', '自然人', '2025-03-10', '2025-03-14', '2025-04-08', '予以公开'],
    ];
    const header = findHeader(grid)!;
    expect(header).toMatchObject({ row: 1, lastRow: 2, columns: { consultStart: 3, consultEnd: 4 } });
    // The 5 consultation days are not counted: 20 working days, on time.
    const a = analyseLedger(grid, { year: 2025 });
    expect(a.findings).toEqual([]);
    expect(a.cells['T3.R3.C1']).toBe(1);
  });

  it('takes the row under a one-level header as data', () => {
    expect(findHeader([['收到日期', '申请人类型', '答复日期', '办理结果', '经办人'], ['2025-03-03', '自然人', '2025-03-04', '予以公开', '王']])).toMatchObject({ row: 1, lastRow: 1 });
  });

  it('names a missing required column', () => {
    const f = only('ledger.missingColumn', [['收到日期', '申请人类型', '答复日期', '备注'], ['2025-01-01', '自然人', '2025-01-05', '']]);
    expect(f).toMatchObject({ row: null, column: 'result', params: { label: '办理结果', headerRow: 1 } });
  });

  it('says so when there is no register header at all', () => {
    const a = analyseLedger([['年报'], ['项目', '数量']], { year: 2025 });
    expect(a.findings.map((f) => f.rule)).toEqual(['ledger.noHeader']);
    expect(a.stats.complete).toBe(false);
    expect(Object.values(a.cells).every((v) => v === 0)).toBe(true);
  });
});

describe('result categories as offices write them', () => {
  it.each(RESULT_CATEGORIES.map((c) => [c.label, c] as const))('%s: official, bare, with its heading, as the list writes it', (_, c) => {
    const forms = [c.label, c.name, c.choice, c.parent ? `${c.parent}${c.label}` : c.label, c.parent ? `${c.parent.slice(3)}-${c.label}` : c.name];
    for (const form of forms) expect(readResult(form)).toEqual({ kind: 'category', category: c });
  });

  it('reads the three forms the issue names', () => {
    for (const form of ['1.属于国家秘密', '不予公开-属于国家秘密', '属于国家秘密', '（三）不予公开 1.属于国家秘密', '不予公开—1、属于国家秘密']) {
      expect(readResult(form)).toMatchObject({ kind: 'category', category: { row: 5 } });
    }
  });

  it('finds a heading without its kind vague, and anything else unknown', () => {
    expect(readResult('不予公开')).toEqual({ kind: 'vague', parent: '不予公开' });
    expect(readResult('（六）其他处理')).toEqual({ kind: 'vague', parent: '其他处理' });
    expect(readResult('已办结')).toEqual({ kind: 'unknown' });
  });
});

describe('rows', () => {
  it('skips empty rows, rows numbered in advance and a totals row', () => {
    const grid = register([app('2025-03-04', '2025-03-10'), {}, {}]);
    grid.push(['合计', null, null]);
    const a = analyseLedger(grid, { year: 2025 });
    expect(a.findings).toEqual([]);
    expect(a.cells['T3.R1.C7']).toBe(1);
  });

  it.each([
    ['ledger.date', app('2025/02/30', '2025-03-10'), 'received'],
    ['ledger.date', app('2025-03-01', '三月十日'), 'answered'],
    ['ledger.noReceipt', app(null, '2025-03-10'), 'received'],
    ['ledger.answerBeforeReceipt', app('2025-03-10', '2025-03-09'), 'answered'],
    ['ledger.resultWithoutDate', app('2025-03-10', null, { result: '予以公开' }), 'answered'],
    ['ledger.dateWithoutResult', app('2025-03-10', '2025-03-12', { result: null }), 'result'],
    ['ledger.category', app('2025-03-10', '2025-03-12', { result: '已答复' }), 'result'],
    ['ledger.categoryVague', app('2025-03-10', '2025-03-12', { result: '不予处理' }), 'result'],
    ['ledger.applicantType', app('2025-03-10', '2025-03-12', { applicantType: '事业单位' }), 'applicantType'],
    ['ledger.applicantType', app('2025-03-10', '2025-03-12', { applicantType: null }), 'applicantType'],
  ] as const)('%s: names the worksheet row and column, and the row is not counted', (rule, row, column) => {
    const grid = register([app('2025-01-06', '2025-01-08'), row]);
    const f = only(rule, grid);
    expect(f).toMatchObject({ rule, row: 4, column, severity: 'error', table: 'T3' });
    const a = analyseLedger(grid, { year: 2025 });
    expect(a.cells['T3.R1.C7']).toBe(1);
    expect(a.stats.complete).toBe(false);
  });

  it('reads applicant types by their other names', () => {
    const types = ['个人', '企业', '律师事务所', '法人或其他组织-科研机构', '社会组织', '其他组织'];
    const a = analyseLedger(register(types.map((t) => app('2025-03-03', '2025-03-05', { applicantType: t }))), { year: 2025 });
    expect(a.findings).toEqual([]);
    expect([1, 2, 3, 4, 5, 6].map((c) => a.cells[`T3.R1.C${c}`])).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('leaves out the findings of rows that belong to other years', () => {
    const grid = register([app('2023-03-10', '2023-03-20', { result: '已答复' }), app('2026-01-05', null, { applicantType: '??' }), app('2025-03-10', '2025-03-20')]);
    expect(analyseLedger(grid, { year: 2025 }).findings).toEqual([]);
    expect(findingsOf('ledger.category', grid, 2023)).toHaveLength(1);
  });
});
