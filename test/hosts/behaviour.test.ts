/** @jest-environment jsdom */
/// <reference types="office-js" />
/**
 * One behaviour suite, three hosts: the same pane (src/taskpane/pane.ts) in a DOM over
 *   - Excel: src/excel/host.ts over the in-memory Office.js fake (test/fakes/excel-fake.ts),
 *   - the preview: src/preview/host.ts over the in-page workbook,
 *   - WPS 表格: src/wps/host.ts over the fake ET Application (test/fakes/wps-fake.ts).
 * Each host has a driver that does what a person does in that program (type, paste, look at a
 * cell, see the selection); the expectations are written once. A host that behaves differently
 * from the others fails here.
 */
import fs from 'fs';
import path from 'path';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';
import { areaA1, inputPosition } from '../../src/core/sheet';
import type { CellId } from '../../src/core/tables';
import type { WorkbookHost } from '../../src/host/contract';
import { TITLE, Value, at, excelBook, plan, previewBook, wpsBook } from './books';

Object.assign(globalThis, { TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder, TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder });

type PaneModule = typeof import('../../src/taskpane/pane');
type Pane = InstanceType<PaneModule['Pane']>;

const HTML = fs.readFileSync(path.join(__dirname, '../../src/taskpane/taskpane.html'), 'utf8');
const settle = (ms = 80) => new Promise((r) => setTimeout(r, ms));

/** What a person does and sees in one program, and a fresh host over the same workbook. */
interface Driver {
  /** A new host over the workbook (as when the pane is opened again). */
  host(): WorkbookHost;
  /** Inserts this year's template directly (as the ribbon button does). */
  insert(): Promise<void>;
  /** Types one value into an input cell. */
  type(id: CellId, value: Value): Promise<void>;
  /** Pastes a block into input cells, top-left at `from`. */
  paste(from: CellId, grid: Value[][]): Promise<void>;
  /** What the cell holds now; null when empty. */
  value(id: CellId): Value | boolean | null;
  /** The first (active) cell of the selection on the template sheet, and the sheet in view. */
  selection(): { sheet: string | null; first: string | null };
  /** Template sheets in the workbook. */
  sheets(): string[];
  done(): void;
}

const blockAddress = (from: CellId, grid: Value[][]) => areaA1({ ...inputPosition(plan, from), rows: grid.length, cols: grid[0].length });

function excelDriver(): Driver {
  const { fake, host, insertTemplate, templateValue, done } = excelBook();
  return {
    host,
    insert: insertTemplate,
    type: (id, v) => fake.userEdit(TITLE, at(id), [[v]]),
    paste: (from, grid) => fake.userEdit(TITLE, blockAddress(from, grid), grid),
    value: templateValue,
    selection: () => ({ sheet: fake.selection?.sheet ?? null, first: fake.selection?.address.split(/[,:]/)[0] ?? null }),
    sheets: () => fake.model.sheets.map((s) => s.name).filter((n) => n.startsWith(TITLE)),
    done,
  };
}

function previewDriver(): Driver {
  const { book, host, insertTemplate, templateValue, done } = previewBook();
  const ids = (from: CellId, grid: Value[][]): Map<CellId, string> => {
    const p = inputPosition(plan, from);
    const m = new Map<CellId, string>();
    for (const [id] of Object.entries(plan.cells.filter((c) => c.input).reduce<Record<string, number>>((o, c) => ((o[c.input!] = 1), o), {}))) {
      const q = inputPosition(plan, id);
      const r = q.row - p.row;
      const c = q.col - p.col;
      if (r >= 0 && c >= 0 && r < grid.length && c < grid[0].length) m.set(id, String(grid[r][c]));
    }
    return m;
  };
  return {
    host,
    insert: insertTemplate,
    type: async (id, v) => book.set(TITLE, { cells: new Map([[id, String(v)]]) }, 'user'),
    paste: async (from, grid) => book.set(TITLE, { cells: ids(from, grid) }, 'user'),
    value: templateValue,
    selection: () => {
      const sheet = book.active.name;
      const first = book.sheet(TITLE).selected[0];
      return { sheet, first: first ? at(first) : null };
    },
    sheets: () => book.sheets.filter((s) => s.kind === 'template').map((s) => s.name),
    done,
  };
}

function wpsDriver(): Driver {
  const { fake, host, insertTemplate, templateValue, done } = wpsBook();
  return {
    host,
    insert: insertTemplate,
    type: async (id, v) => fake.userEdit(TITLE, at(id), [[v]]),
    paste: async (from, grid) => fake.userEdit(TITLE, blockAddress(from, grid), grid),
    value: templateValue,
    selection: () => ({ sheet: fake.active?.name ?? null, first: fake.selected(TITLE).split(/[,:]/)[0] || null }),
    sheets: () => fake.sheets.map((s) => s.name).filter((n) => n.startsWith(TITLE)),
    done,
  };
}

const DRIVERS: [string, () => Driver][] = [
  ['Excel', excelDriver],
  ['preview', previewDriver],
  ['WPS', wpsDriver],
];

const $ = (id: string) => document.getElementById(id) as HTMLElement & { value?: string };
const findings = () => Array.from(document.querySelectorAll<HTMLElement>('#findings li'));
const byRule = (rule: string) => findings().filter((li) => li.dataset.rule === rule);
const summary = () => $('summary');
const click = (el: Element | null | undefined) => (el as HTMLElement).click();

describe.each(DRIVERS)('the pane over %s', (_name, make) => {
  let driver: Driver;
  let pane: Pane | null = null;
  let reads = 0;

  async function open(): Promise<Pane> {
    await pane?.stop();
    document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(HTML)![1];
    let module!: PaneModule;
    jest.isolateModules(() => {
      module = require('../../src/taskpane/pane');
    });
    const host = driver.host();
    const read = host.read.bind(host);
    host.read = (sheet: string) => {
      reads++;
      return read(sheet);
    };
    pane = new module.Pane(document, host);
    await pane.ready;
    await pane.idle();
    return pane;
  }

  const quiet = async () => {
    await settle();
    await pane!.idle();
  };

  beforeEach(() => {
    driver = make();
    reads = 0;
  });

  afterEach(async () => {
    await pane?.stop();
    pane = null;
    driver.done();
  });

  test('insert: the template goes in from the pane, and the pane checks it', async () => {
    await open();
    $('org').value = '木厂镇';
    $('year').value = '2024';
    click($('insert'));
    await quiet();
    expect(driver.sheets()).toEqual([TITLE]);
    expect($('notice').textContent).toContain(`已插入工作表“${TITLE}”`);
    expect(summary().textContent).toBe('✓ 全部勾稽关系通过（42条），200 处提示');
  });

  test('a live check after an edit, in Chinese', async () => {
    await driver.insert();
    await open();
    await driver.type('T4.R1.C5', 9);
    await quiet();
    expect(summary().textContent).toMatch(/^✗ 1 处错误/);
    expect(byRule('T4.groupTotal')[0].querySelector('.message')!.textContent).toBe('表四“行政复议”：总计=9，结果维持+结果纠正+其他结果+尚未审结=0，相差9');
  });

  test('a pasted block gives one check', async () => {
    await driver.insert();
    await open();
    const before = reads;
    await driver.paste('T3.R1.C1', Array.from({ length: 3 }, () => [1, 1, 1, 1]));
    await quiet();
    expect(reads - before).toBe(1);
    expect(summary().dataset.errors).not.toBe('0');
  });

  test('a click on a finding selects its cells, the first one active, on the template sheet', async () => {
    await driver.insert();
    await driver.type('T3.R1.C1', 5);
    await open();
    click(byRule('T3.balance')[0].querySelector('.message'));
    await pane!.idle();
    expect(driver.selection()).toEqual({ sheet: TITLE, first: at('T3.R1.C1') });
  });

  test('quick fix: blanks become 0 and only blanks; the write is not taken for an edit', async () => {
    await driver.insert();
    await driver.type('T3.R1.C1', 5);
    await driver.type('T4.R1.C1', '/');
    await open();
    click($('fill-blanks'));
    await pane!.idle();
    const after = reads;
    await quiet();
    expect(reads).toBe(after); // no check for an echo of our own write
    expect(driver.value('T3.R2.C1')).toBe(0);
    expect(driver.value('T3.R1.C1')).toBe(5);
    expect(driver.value('T4.R1.C1')).toBe('/');
    expect(byRule('cell.blank')).toEqual([]);
  });

  test('suggestion: the one cell that satisfies several rules is changed in one click', async () => {
    await driver.insert();
    for (const [id, v] of Object.entries({ 'T3.R1.C1': 57, 'T3.R3.C1': 57, 'T3.R24.C1': 55, 'T3.R1.C7': 57, 'T3.R3.C7': 57, 'T3.R24.C7': 57 })) await driver.type(id, v);
    await open();
    const resolved = findings().filter((li) => li.querySelector('.suggestion'));
    expect(resolved.length).toBeGreaterThan(0);
    click(resolved[0].querySelector('[data-action="apply-suggestion"]'));
    await quiet();
    expect(driver.value('T3.R24.C1')).toBe(57);
    expect(summary().dataset.errors).toBe('0');
  });

  test('an acknowledgement is kept in the workbook: the pane opened again still has it', async () => {
    await driver.insert();
    await driver.type('T4.R1.C1', '/');
    await open();
    const placeholder = () => byRule('cell.placeholder')[0];
    click(placeholder().querySelector('[data-action="acknowledge"]'));
    placeholder().querySelector<HTMLElement & { value?: string }>('[data-role="reason"]')!.value = '本年度无行政复议案件';
    click(placeholder().querySelector('[data-action="save-acknowledgement"]'));
    await quiet();
    expect(placeholder().dataset.acknowledged).toBe('true');
    await open();
    expect(placeholder().dataset.acknowledged).toBe('true');
    expect(placeholder().querySelector('.ack p')!.textContent).toBe('说明：本年度无行政复议案件');
  });

  test('a typed cell is never overwritten: recompute totals leaves what the user typed, and a second insertion adds a sheet', async () => {
    await driver.insert();
    for (const [id, v] of Object.entries({ 'T3.R1.C1': 3, 'T3.R1.C2': 2, 'T3.R1.C7': 9 })) await driver.type(id, v);
    await open();
    click($('recompute-totals'));
    await quiet();
    expect(driver.value('T3.R1.C1')).toBe(3);
    expect(driver.value('T3.R1.C2')).toBe(2);
    $('org').value = '木厂镇';
    $('year').value = '2024';
    click($('insert'));
    await quiet();
    expect($('notice').textContent).toContain('已有2024年度的年报模板');
    expect(driver.sheets()).toEqual([TITLE]);
    expect(driver.value('T3.R1.C1')).toBe(3);
  });
});
