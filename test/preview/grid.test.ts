/** @jest-environment jsdom */
/**
 * The preview grid in jsdom: drawn from the sheet plan, recalculated as a spreadsheet would,
 * and never reading cell text as HTML. The real browser runs the same in test/e2e.
 */
import { check } from '../../src/core/engine';
import { PASS_MARK, TEXT_MARK, columnLetter, inputPosition, sheetPlan, sheetTitle } from '../../src/core/sheet';
import { CELL_IDS, TABLES, TABLE_IDS, cellName } from '../../src/core/tables';
import { rule } from '../../src/core/rules';
import { mountPreview } from '../../src/preview/layout';
import { consistentReport } from '../helpers/reports';

const TITLE = sheetTitle(2024);
const plan = sheetPlan();

function setup() {
  document.head.innerHTML = '<title>政府信息公开年报</title>';
  document.body.innerHTML = '<main id="pane-markup"><h1>政府信息公开年报</h1></main>';
  const preview = mountPreview(document, { burstMs: 10 });
  const sheet = () => document.querySelector<HTMLElement>(`.nb-sheet[data-sheet="${preview.book.active.name}"]`)!;
  const input = (id: string) => sheet().querySelector<HTMLInputElement>(`input[data-cell="${id}"]`)!;
  /** Types into a cell and leaves it, which commits it as in Excel. */
  const type = (id: string, text: string) => {
    const el = input(id);
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const checks = () => Array.from(sheet().querySelectorAll<HTMLElement>('td[data-check]')).map((td) => td.textContent);
  const summary = () => sheet().querySelector('td[data-summary]')!.textContent;
  return { ...preview, sheet, input, type, checks, summary };
}

function paste(target: HTMLElement, text: string): Event {
  const e = new Event('paste', { bubbles: true, cancelable: true });
  Object.defineProperty(e, 'clipboardData', { value: { getData: (type: string) => (type === 'text/plain' ? text : '') } });
  target.dispatchEvent(e);
  return e;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the page', () => {
  test('moves the pane’s markup into a column beside the workbook, under a bar that says it is a preview', () => {
    const { pane } = setup();
    const layout = document.body.firstElementChild!;
    expect(layout.className).toBe('nb-layout');
    expect(Array.from(layout.children).map((c) => c.className)).toEqual(['nb-bar', 'nb-workbook', 'nb-pane']);
    expect(pane.querySelector('#pane-markup h1')!.textContent).toBe('政府信息公开年报');
    expect(document.querySelector('.nb-bar')!.textContent).toContain('预览模式');
    // The workbook itself, for Excel and WPS versions that cannot run the add-in.
    expect(document.querySelector('.nb-bar a')!.getAttribute('href')).toBe('年报模板.xlsx');
    expect(document.querySelector('link[rel=stylesheet]')!.getAttribute('href')).toBe('preview.css');
    expect(document.title).toBe('预览 · 政府信息公开年报');
  });

  test('starts on a blank sheet that says how to begin', () => {
    setup();
    expect(Array.from(document.querySelectorAll('.nb-tab')).map((t) => [t.textContent, t.getAttribute('aria-selected')])).toEqual([['Sheet1', 'true']]);
    expect(document.querySelector('.nb-hint')!.textContent).toContain('插入年报模板');
    expect(document.querySelectorAll('input[data-cell]')).toHaveLength(0);
  });
});

describe('a template sheet', () => {
  test('has an <input data-cell> for each of the 200 input cells, named for screen readers', () => {
    const { book, sheet } = setup();
    book.insertTemplate({ org: '木厂镇', year: 2024 });
    const inputs = Array.from(sheet().querySelectorAll<HTMLInputElement>('input[data-cell]'));
    expect(inputs.map((i) => i.dataset.cell).sort()).toEqual([...CELL_IDS].sort());
    expect(inputs.find((i) => i.dataset.cell === 'T3.R1.C7')!.getAttribute('aria-label')).toBe(cellName('T3.R1.C7'));
  });

  test('draws every planned cell at its place, merged as planned, labels word for word', () => {
    const { book, sheet } = setup();
    book.insertTemplate({ org: '木厂镇', year: 2024 });
    const at = (row: number, col: number) => sheet().querySelector<HTMLTableCellElement>(`td[data-address="${columnLetter(col)}${row + 1}"]`);
    for (const m of plan.merges) {
      const td = at(m.r1, m.c1)!;
      expect([td.dataset.address, td.rowSpan, td.colSpan]).toEqual([td.dataset.address, m.r2 - m.r1 + 1, m.c2 - m.c1 + 1]);
      for (let r = m.r1; r <= m.r2; r++) for (let c = m.c1; c <= m.c2; c++) if (r !== m.r1 || c !== m.c1) expect(at(r, c)).toBeNull();
    }
    for (const t of TABLE_IDS) {
      const origin = plan.tables[t];
      for (const l of TABLES[t].labels) expect(at(origin.row + l.r, origin.col + l.c)!.textContent).toBe(l.text);
    }
    expect(at(0, 0)!.textContent).toBe('木厂镇2024年政府信息公开工作年度报告');
    expect(at(0, 0)!.colSpan).toBe(15);
    expect(sheet().querySelector<HTMLInputElement>('input[data-meta="org"]')!.value).toBe('木厂镇');
    expect(sheet().querySelector<HTMLInputElement>('input[data-meta="year"]')!.value).toBe('2024');
    // Every row of the sheet the plan uses keeps all 15 columns, counting spans from above.
    const rows = Array.from(sheet().querySelectorAll('tbody:not(.nb-spill) tr'));
    const width = new Array(rows.length).fill(0);
    rows.forEach((tr, r) => {
      for (const td of Array.from(tr.querySelectorAll('td'))) for (let k = 0; k < (td as HTMLTableCellElement).rowSpan; k++) width[r + k] += (td as HTMLTableCellElement).colSpan;
    });
    expect(new Set(width)).toEqual(new Set([15]));
  });

  test('takes its looks from the plan: input fill, borders, fonts', () => {
    const { book, input } = setup();
    book.insertTemplate({ org: '', year: 2024 });
    const td = input('T3.R1.C1').parentElement!;
    expect(td.style.backgroundColor).toBe('rgb(255, 251, 230)');
    expect(td.classList.contains('nb-bordered')).toBe(true);
    expect(td.style.fontFamily).toContain('宋体');
  });

  test('recalculates check cells, the summary and the title as the user types', () => {
    const { book, type, checks, summary, sheet } = setup();
    book.insertTemplate({ org: '', year: 2024 });
    expect(checks()).toHaveLength(plan.checkCount);
    expect(new Set(checks())).toEqual(new Set([PASS_MARK]));
    expect(summary()).toBe(`${PASS_MARK} 全部勾稽关系通过（${plan.checkCount}条）`);

    const report = consistentReport(9, '木厂镇', 2024);
    for (const [id, v] of Object.entries(report.cells)) type(id, String(v));
    expect(new Set(checks())).toEqual(new Set([PASS_MARK]));

    type('T3.R3.C1', String((report.cells['T3.R3.C1'] as number) + 2));
    const failing = check({ ...report, cells: { ...report.cells, 'T3.R3.C1': (report.cells['T3.R3.C1'] as number) + 2 } }).filter((f) => f.anchor);
    expect(checks().filter((c) => c !== PASS_MARK).sort()).toEqual(failing.map((f) => String(f.difference)).sort());
    expect(summary()).toBe(`✗ ${failing.length} 条勾稽关系不成立或含文本`);
    expect(sheet().querySelectorAll('td[data-check][data-mark="error"]')).toHaveLength(failing.length);

    const org = sheet().querySelector<HTMLInputElement>('input[data-meta="org"]')!;
    org.value = '马厂镇';
    org.dispatchEvent(new Event('input', { bubbles: true }));
    org.dispatchEvent(new Event('change', { bubbles: true }));
    expect(sheet().querySelector('td[data-title]')!.textContent).toBe('马厂镇2024年政府信息公开工作年度报告');
  });

  test('keeps markup typed into a cell as text, shown as 含文本', () => {
    const { book, type, checks, sheet, input } = setup();
    book.insertTemplate({ org: '', year: 2024 });
    type('T3.R1.C1', '<img src=x onerror=alert(1)>');
    expect(document.querySelectorAll('img')).toHaveLength(0);
    expect(input('T3.R1.C1').value).toBe('<img src=x onerror=alert(1)>');
    expect(checks().filter((c) => c === TEXT_MARK)).toHaveLength(2);
    // The findings block (NIANBAO.CHECK), once the user added it, quotes it as text.
    book.setFindingsBlock(TITLE, true);
    const spill = sheet().querySelector('tbody.nb-spill')!;
    expect(spill.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(spill.querySelectorAll('img')).toHaveLength(0);
  });

  test('no findings block unless the user adds it, as in Excel; then it lists what NIANBAO.CHECK returns: a tick for a blank template', () => {
    const { book, sheet, type } = setup();
    book.insertTemplate({ org: '', year: 2024 });
    const spill = () => Array.from(sheet().querySelectorAll('tbody.nb-spill tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent));
    const header = () => Array.from(sheet().querySelectorAll('tbody:not(.nb-spill) tr:last-child td')).map((td) => td.textContent).filter((t) => t !== '');
    expect(spill()).toEqual([]);
    expect(header()).toEqual([]);
    book.setFindingsBlock(TITLE, true);
    expect(header()).toEqual([...plan.findings.header]);
    expect(spill()).toEqual([[`${PASS_MARK} 全部勾稽关系通过（${plan.checkCount}条）`, '', '']]);
    type('T4.R1.C1', '3');
    expect(spill()[0][0]).toBe(`错误：${rule('T4.groupTotal').title}`);
    book.setFindingsBlock(TITLE, false);
    expect(spill()).toEqual([]);
    expect(header()).toEqual([]);
  });

  test('pastes a tab-separated block to the right and below, as one edit', async () => {
    const { book, host, input, checks } = setup();
    book.insertTemplate({ org: '', year: 2024 });
    const bursts: unknown[] = [];
    await host.onEdit((b) => bursts.push(b));
    const e = paste(input('T3.R1.C1'), '1\t2\t3\t4\t5\t6\t21\r\n0\t0\t0\t0\t0\t0\t0\r\n');
    expect(e.defaultPrevented).toBe(true);
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => book.text(TITLE, `T3.R1.C${c}`))).toEqual(['1', '2', '3', '4', '5', '6', '21']);
    expect(input('T3.R1.C7').value).toBe('21');
    expect(input('T3.R2.C1').value).toBe('0');
    expect(checks().some((c) => c !== PASS_MARK)).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(bursts).toEqual([{ sheet: TITLE, cells: expect.arrayContaining(['T3.R1.C1', 'T3.R2.C7']) }]);
    expect((bursts[0] as { cells: string[] }).cells).toHaveLength(14);
    expect(document.querySelector('.nb-status')!.textContent).toBe('已粘贴 14 个单元格。');
  });

  test('a block running past the inputs keeps the labels and check cells and says so', () => {
    const { book, input, sheet } = setup();
    book.insertTemplate({ org: '', year: 2024 });
    paste(input('T3.R1.C7'), '1\t2\t3\n');
    expect(book.text(TITLE, 'T3.R1.C7')).toBe('1');
    expect(sheet().querySelectorAll('td[data-check]')[0].textContent).not.toBe('2');
    expect(document.querySelector('.nb-status')!.textContent).toBe('已粘贴 1 个单元格；另有 2 个值落在表格文字或校验格上，未粘贴。');
  });

  test('a single value with a line break replaces the cell; plain text is left to the browser', () => {
    const { book, input } = setup();
    book.insertTemplate({ org: '', year: 2024 });
    expect(paste(input('T2.R1.C1'), '7\r\n').defaultPrevented).toBe(true);
    expect(book.text(TITLE, 'T2.R1.C1')).toBe('7');
    expect(paste(input('T2.R1.C1'), '8').defaultPrevented).toBe(false);
  });

  test('Enter moves down the column, Shift+Enter up', () => {
    const { book, input } = setup();
    book.insertTemplate({ org: '', year: 2024 });
    input('T3.R1.C1').focus();
    input('T3.R1.C1').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(document.activeElement).toBe(input('T3.R2.C1'));
    input('T3.R2.C1').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true }));
    expect(document.activeElement).toBe(input('T3.R1.C1'));
  });

  test('a cell is committed as in Excel: not while typing, but on Enter, Tab or leaving it; Escape leaves it as it was', () => {
    const { book, input, host } = setup();
    book.insertTemplate({ org: '', year: 2024 });
    const edits: string[][] = [];
    void host.onEdit((b) => edits.push(b.cells === 'unknown' ? ['unknown'] : [...b.cells]));
    const key = (id: string, k: string) => input(id).dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    const typeOnly = (id: string, text: string) => {
      input(id).value = text;
      input(id).dispatchEvent(new Event('input', { bubbles: true }));
    };
    typeOnly('T3.R1.C1', '1');
    typeOnly('T3.R1.C1', '12');
    expect(book.text(TITLE, 'T3.R1.C1')).toBe('');
    key('T3.R1.C1', 'Enter');
    expect(book.text(TITLE, 'T3.R1.C1')).toBe('12');
    typeOnly('T3.R1.C2', '7');
    key('T3.R1.C2', 'Tab');
    expect(book.text(TITLE, 'T3.R1.C2')).toBe('7');
    typeOnly('T3.R1.C3', '5');
    input('T3.R1.C3').dispatchEvent(new Event('change', { bubbles: true })); // what the browser fires on leaving a changed input
    expect(book.text(TITLE, 'T3.R1.C3')).toBe('5');
    typeOnly('T3.R1.C1', '99');
    key('T3.R1.C1', 'Escape');
    expect(input('T3.R1.C1').value).toBe('12');
    expect(book.text(TITLE, 'T3.R1.C1')).toBe('12');
    host.flush();
    expect(edits).toEqual([['T3.R1.C1', 'T3.R1.C2', 'T3.R1.C3']]);
  });
});

describe('the template’s marks', () => {
  const marks = (sheet: HTMLElement, severity: string) =>
    Array.from(sheet.querySelectorAll<HTMLElement>(`td[data-mark="${severity}"]`))
      .map((td) => td.dataset.address!)
      .sort();
  const address = (id: string) => {
    const p = inputPosition(plan, id);
    return `${columnLetter(p.col)}${p.row + 1}`;
  };

  test('a fresh template is not marked anywhere', () => {
    const { book, sheet } = setup();
    book.insertTemplate({ org: '', year: 2024 });
    expect(sheet().querySelectorAll('td[data-mark]')).toHaveLength(0);
  });

  test('a wrong cell turns red, the checks it blocks amber, and both clear once it is fixed', () => {
    const { book, type, sheet, input } = setup();
    book.insertTemplate({ org: '', year: 2024 });
    type('T3.R1.C1', '22（其中修订16件）');
    expect(marks(sheet(), 'error')).toEqual([address('T3.R1.C1')]);
    expect(marks(sheet(), 'warning')).toEqual(['D49', 'K24']);
    const td = input('T3.R1.C1').parentElement!;
    expect([td.style.backgroundColor, td.style.color, td.style.fontWeight]).toEqual(['rgb(253, 226, 226)', 'rgb(192, 0, 0)', '700']);
    type('T3.R1.C1', '１２');
    expect(marks(sheet(), 'error')).toEqual([]);
    expect(marks(sheet(), 'warning')).toEqual([address('T3.R1.C1'), 'D49', 'K24'].sort());
    type('T3.R1.C1', '12');
    expect(marks(sheet(), 'warning')).toEqual([]);
    expect(marks(sheet(), 'error')).toEqual(['D49', 'J24', 'K24'].sort());
    type('T3.R1.C1', '');
    expect(sheet().querySelectorAll('td[data-mark]')).toHaveLength(0);
    expect([td.style.backgroundColor, td.style.fontWeight]).toEqual(['rgb(255, 251, 230)', '400']);
  });

  test('a stale total marks the total and its check cells, not its parts', () => {
    const { book, type, sheet } = setup();
    book.insertTemplate({ org: '', year: 2024 });
    const report = consistentReport(4, '木厂镇', 2024);
    for (const [id, v] of Object.entries(report.cells)) type(id, String(v));
    expect(sheet().querySelectorAll('td[data-mark]')).toHaveLength(0);
    type('T3.R24.C7', String((report.cells['T3.R24.C7'] as number) + 1));
    expect(marks(sheet(), 'error')).toEqual([address('T3.R24.C7'), 'J49', 'J50', 'K47'].sort());
    expect(marks(sheet(), 'warning')).toEqual([]);
  });
});

describe('the host through the grid', () => {
  test('write shows the new values', async () => {
    const { book, host, input, checks } = setup();
    book.insertTemplate({ org: '', year: 2024 });
    await host.write(TITLE, [{ cell: 'T2.R6.C1', value: 12.5 }]);
    expect(input('T2.R6.C1').value).toBe('12.5');
    await host.write(TITLE, [{ cell: 'T4.R1.C1', value: 1 }]);
    expect(checks().filter((c) => c !== PASS_MARK)).toEqual(['-1']);
  });

  test('select focuses the first cell and marks them all', async () => {
    const { book, host, input, sheet } = setup();
    book.insertTemplate({ org: '', year: 2024 });
    await host.activate('Sheet1');
    await host.select(TITLE, ['T3.R24.C1', 'T3.R3.C1']);
    expect(sheet().dataset.sheet).toBe(TITLE);
    expect(document.activeElement).toBe(input('T3.R24.C1'));
    expect(Array.from(sheet().querySelectorAll('td.nb-selected input')).map((i) => (i as HTMLInputElement).dataset.cell).sort()).toEqual(['T3.R24.C1', 'T3.R3.C1']);
    expect(input('T3.R24.C1').parentElement!.classList.contains('nb-active-cell')).toBe(true);
    // Selection leaves values alone.
    expect(input('T3.R24.C1').value).toBe('');
  });

  test('each sheet has a tab; a click shows it', async () => {
    const { book, host } = setup();
    await host.insertTemplate({ org: '', year: 2024 });
    await host.insertTemplate({ org: '', year: 2023 });
    const tabs = () => Array.from(document.querySelectorAll<HTMLElement>('.nb-tab'));
    expect(tabs().map((t) => [t.textContent, t.getAttribute('aria-selected')])).toEqual([
      ['Sheet1', 'false'],
      [TITLE, 'false'],
      [sheetTitle(2023), 'true'],
    ]);
    tabs()[1].click();
    expect(book.active.name).toBe(TITLE);
    const visible = Array.from(document.querySelectorAll<HTMLElement>('.nb-sheet')).filter((s) => !s.hidden).map((s) => s.dataset.sheet);
    expect(visible).toEqual([TITLE]);
  });
});
