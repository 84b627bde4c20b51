/** @jest-environment jsdom */
/// <reference types="office-js" />
/**
 * Live checking without a quiet window: the first edit is checked at the next task, a paste and
 * a run of typing cost one read each, and a burst that goes on is checked when it pauses — over
 * the Excel host (with the Excel fake) and over the preview (typing commits on Enter, as in Excel).
 * Fake timers: nothing here waits for real time.
 */
import fs from 'fs';
import path from 'path';
import { inputPosition, sheetPlan, sheetTitle } from '../../src/core/sheet';
import { ExcelHost } from '../../src/excel/host';
import { FakeExcel, areaAddress } from '../fakes/excel-fake';
import { consistentReport } from '../helpers/reports';
import { inputA1 as at } from '../helpers/template';

type PaneModule = typeof import('../../src/taskpane/pane');

const HTML = fs.readFileSync(path.join(__dirname, '../../src/taskpane/taskpane.html'), 'utf8');
const BODY = /<body>([\s\S]*)<\/body>/.exec(HTML)![1];
const TITLE = sheetTitle(2024);
const plan = sheetPlan('', 2024);
const readBatches = (fake: FakeExcel, from: number) => fake.batches.slice(from).filter((b) => b.ops.some((o) => o.startsWith('load range values')));
const errors = () => document.getElementById('summary')!.dataset.errors;

function loadPane(): PaneModule {
  let paneModule!: PaneModule;
  jest.isolateModules(() => {
    paneModule = require('../../src/taskpane/pane');
  });
  return paneModule;
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('over the Excel host', () => {
  async function setup() {
    document.body.innerHTML = BODY;
    // An Excel that keeps undo for add-ins (ExcelUndoApiAll): the pane checks after every edit.
    const fake = new FakeExcel({ sets: { ExcelUndoApiAll: '1.0' } });
    fake.addSheet('Sheet1');
    await new ExcelHost(fake.run).insertTemplate({ org: '木厂镇', year: 2024 });
    // The default window: the point is that a single edit never waits for it.
    const pane = new (loadPane().Pane)(document, new ExcelHost(fake.run, { isSetSupported: fake.isSetSupported }));
    await pane.ready;
    await pane.idle();
    return { fake, pane };
  }

  test('the first edit is checked at the next task, without waiting for a quiet window', async () => {
    const { fake, pane } = await setup();
    const from = fake.batches.length;
    expect(errors()).toBe('0');
    await fake.userEdit(TITLE, at('T3.R1.C1'), [[5]]);
    expect(readBatches(fake, from)).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(0);
    await pane.idle();
    expect(readBatches(fake, from)).toHaveLength(1);
    expect(Number(errors())).toBeGreaterThan(0);
  });

  test('a 100-cell paste is one read', async () => {
    const { fake, pane } = await setup();
    const report = consistentReport(3);
    const from = fake.batches.length;
    const p = inputPosition(plan, 'T3.R1.C1');
    const block = Array.from({ length: 25 }, (_, r) => Array.from({ length: 4 }, (_, c) => report.cells[`T3.R${r + 1}.C${c + 1}`] as number));
    await fake.userEdit(TITLE, areaAddress({ row: p.row, col: p.col, rows: 25, cols: 4 }), block);
    await jest.advanceTimersByTimeAsync(0);
    await pane.idle();
    await jest.advanceTimersByTimeAsync(1000);
    await pane.idle();
    expect(readBatches(fake, from)).toHaveLength(1);
  });

  test('edits arriving in the same task are one read', async () => {
    const { fake, pane } = await setup();
    const from = fake.batches.length;
    await Promise.all([fake.userEdit(TITLE, at('T3.R1.C1'), [[1]]), fake.userEdit(TITLE, at('T3.R2.C1'), [[2]]), fake.userEdit(TITLE, at('T3.R3.C1'), [[3]])]);
    await jest.advanceTimersByTimeAsync(1000);
    await pane.idle();
    expect(readBatches(fake, from)).toHaveLength(1);
  });

  test('a burst that goes on (a change every 20 ms) is checked at its start and once when it pauses', async () => {
    const { fake, pane } = await setup();
    const from = fake.batches.length;
    for (let i = 0; i < 10; i++) {
      await fake.userEdit(TITLE, at('T3.R1.C1'), [[i + 1]]);
      await jest.advanceTimersByTimeAsync(20);
    }
    await jest.advanceTimersByTimeAsync(1000);
    await pane.idle();
    expect(readBatches(fake, from)).toHaveLength(2);
  });
});

describe('over the preview', () => {
  async function setup() {
    document.head.innerHTML = '<title>政府信息公开年报</title>';
    document.body.innerHTML = BODY;
    let layout!: typeof import('../../src/preview/layout');
    jest.isolateModules(() => {
      layout = require('../../src/preview/layout');
    });
    const preview = layout.mountPreview(document, { stylesheet: null });
    preview.book.insertTemplate({ org: '木厂镇', year: 2024 });
    const pane = new (loadPane().Pane)(document, preview.host);
    await pane.ready;
    await pane.idle();
    const read = jest.spyOn(preview.host, 'read');
    const input = (id: string) => document.querySelector<HTMLInputElement>(`.nb-sheet:not([hidden]) input[data-cell="${id}"]`)!;
    return { pane, read, input };
  }

  test('a run of typing in a cell is not checked keystroke by keystroke: Enter commits it, one read, at the next task', async () => {
    const { pane, read, input } = await setup();
    const cell = input('T3.R1.C1');
    for (const text of ['1', '12', '123']) {
      cell.value = text;
      cell.dispatchEvent(new Event('input', { bubbles: true }));
      await jest.advanceTimersByTimeAsync(300);
    }
    await pane.idle();
    expect(read).not.toHaveBeenCalled();
    cell.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await jest.advanceTimersByTimeAsync(0);
    await pane.idle();
    expect(read).toHaveBeenCalledTimes(1);
    expect(Number(errors())).toBeGreaterThan(0);
  });
});
