/**
 * The preview workbook behind the WorkbookHost contract: what the pane may rely on, the same
 * things the Excel host promises (src/host/contract.ts).
 */
import { check, checkGridReport } from '../../src/core/engine';
import { fingerprint } from '../../src/core/findings';
import { a1, inputPosition, sheetPlan, sheetTitle } from '../../src/core/sheet';
import { CELL_IDS } from '../../src/core/tables';
import { PreviewHost } from '../../src/preview/host';
import { FIRST_SHEET, PreviewWorkbook } from '../../src/preview/workbook';
import type { EditBurst, WorkbookHost } from '../../src/host/contract';
import { consistentReport } from '../helpers/reports';

const TITLE = sheetTitle(2024);

function setup(storage: Storage | null = null) {
  const book = new PreviewWorkbook(storage);
  const host = new PreviewHost(book, { burstMs: 20 });
  const bursts: EditBurst[] = [];
  return { book, host, bursts, listen: () => host.onEdit((b) => bursts.push(b)) };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Storage in memory, as localStorage behaves. */
class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, String(v));
  }
}

test('it is a WorkbookHost of kind preview', () => {
  const host: WorkbookHost = setup().host;
  expect(host.kind).toBe('preview');
});

describe('a new workbook', () => {
  test('holds one blank sheet, which is not a template', async () => {
    const { host } = setup();
    expect(await host.templates()).toEqual({ sheets: [], active: null });
    const read = await host.read(FIRST_SHEET);
    expect(read.isTemplate).toBe(false);
    expect(read.findings.map((f) => [f.rule, f.table])).toEqual([
      ['layout.missing', 'T2'],
      ['layout.missing', 'T3'],
      ['layout.missing', 'T4'],
    ]);
  });

  test('reading a sheet that does not exist fails with a Chinese message', async () => {
    await expect(setup().host.read('没有这张表')).rejects.toThrow('工作表“没有这张表”不存在');
  });
});

describe('inserting the template', () => {
  test('adds the sheet named after the year, shows it, and keeps body and year', async () => {
    const { host, book } = setup();
    expect(await host.insertTemplate({ org: ' 木厂镇 ', year: 2024 })).toEqual({ status: 'inserted', sheet: TITLE });
    expect(await host.templates()).toEqual({ sheets: [{ name: TITLE, year: 2024, org: '木厂镇' }], active: TITLE });
    expect(book.sheets.map((s) => s.name)).toEqual([FIRST_SHEET, TITLE]);
    const read = await host.read(TITLE);
    expect(read.isTemplate).toBe(true);
    expect(read.report).toEqual({ format: 'nianbao/report@1', org: '木厂镇', year: 2024, cells: Object.fromEntries(CELL_IDS.map((id) => [id, null])) });
    expect(read.findings).toEqual([]);
    expect(read.unreadable).toEqual([]);
  });

  test('never overwrites: the same year again is refused unless forced, and then gets "(2)"', async () => {
    const { host } = setup();
    await host.insertTemplate({ org: '', year: 2024 });
    expect(await host.insertTemplate({ org: '', year: 2024 })).toEqual({ status: 'exists', sheet: TITLE });
    expect(await host.insertTemplate({ org: '', year: 2024, force: true })).toEqual({ status: 'inserted', sheet: `${TITLE}(2)` });
    expect(await host.insertTemplate({ org: '', year: 2023 })).toEqual({ status: 'inserted', sheet: sheetTitle(2023) });
    expect(await host.insertTemplate({ org: '', year: null })).toEqual({ status: 'inserted', sheet: sheetTitle(null) });
    expect(await host.insertTemplate({ org: '', year: null })).toEqual({ status: 'inserted', sheet: `${sheetTitle(null)}(2)` });
    expect((await host.templates()).sheets.map((s) => s.year)).toEqual([2024, 2024, 2023, null, null]);
  });

  test('addresses are where the cells sit on the sheet', async () => {
    const { host } = setup();
    await host.insertTemplate({ org: '', year: 2024 });
    const read = await host.read(TITLE);
    const plan = sheetPlan();
    for (const id of CELL_IDS) {
      const p = inputPosition(plan, id);
      expect(read.addresses[id]).toBe(a1(p.row, p.col));
    }
  });
});

describe('reading and writing', () => {
  test('typed text reads as Excel would store it, and the core checks it as it checks Excel', async () => {
    const { host, book } = setup();
    await host.insertTemplate({ org: '木厂镇', year: 2024 });
    const report = consistentReport(5, '木厂镇', 2024);
    book.set(TITLE, { cells: new Map(Object.entries(report.cells).map(([id, v]) => [id, String(v)])) }, 'user');
    book.set(TITLE, { cells: new Map([['T3.R1.C1', '１２'], ['T3.R2.C1', '/'], ['T4.R1.C1', '<img src=x onerror=alert(1)>']]) }, 'user');
    const read = await host.read(TITLE);
    const expected = { ...report.cells, 'T3.R1.C1': '１２', 'T3.R2.C1': '/', 'T4.R1.C1': '<img src=x onerror=alert(1)>' };
    expect(read.report.cells).toEqual(expected);
    expect(checkGridReport(read)).toEqual(check({ ...report, cells: expected }));
    expect(checkGridReport(read).map((f) => f.rule)).toEqual(expect.arrayContaining(['cell.normalized', 'cell.placeholder', 'cell.notNumber']));
  });

  test('the year cell as typed is the year; text there is no year', async () => {
    const { host, book } = setup();
    await host.insertTemplate({ org: '', year: 2024 });
    book.set(TITLE, { meta: { year: '2025' } }, 'user');
    expect((await host.read(TITLE)).report.year).toBe(2025);
    expect((await host.templates()).sheets[0].year).toBe(2025);
    book.set(TITLE, { meta: { year: '明年' } }, 'user');
    expect((await host.read(TITLE)).report.year).toBeNull();
  });

  test('write touches exactly the cells named and is not reported as an edit', async () => {
    const { host, book, bursts, listen } = setup();
    await listen();
    await host.insertTemplate({ org: '', year: 2024 });
    book.set(TITLE, { cells: new Map([['T3.R1.C1', '5']]) }, 'user');
    host.flush();
    bursts.length = 0;
    await host.write(TITLE, [
      { cell: 'T3.R1.C2', value: 0 },
      { cell: 'T3.R1.C7', value: 5 },
    ]);
    await wait(40);
    expect(bursts).toEqual([]);
    const cells = (await host.read(TITLE)).report.cells;
    expect(Object.entries(cells).filter(([, v]) => v !== null)).toEqual([
      ['T3.R1.C1', 5],
      ['T3.R1.C2', 0],
      ['T3.R1.C7', 5],
    ]);
  });

  test('only template sheets take values; unknown cell ids are refused', async () => {
    const { book } = setup();
    expect(() => book.set(FIRST_SHEET, { cells: new Map([['T3.R1.C1', '1']]) }, 'user')).toThrow('不是年报模板');
    book.insertTemplate({ org: '', year: 2024 });
    expect(() => book.set(TITLE, { cells: new Map([['T9.R1.C1', '1']]) }, 'user')).toThrow('T9.R1.C1 不是输入单元格');
  });
});

describe('edits reach the pane in bursts', () => {
  test('keystrokes close together are one burst with every cell they touched', async () => {
    const { host, book, bursts, listen } = setup();
    await listen();
    await host.insertTemplate({ org: '', year: 2024 });
    for (const text of ['1', '12', '123']) book.set(TITLE, { cells: new Map([['T3.R1.C1', text]]) }, 'user');
    book.set(TITLE, { cells: new Map([['T3.R1.C2', '4']]) }, 'user');
    expect(bursts).toEqual([]);
    await wait(60);
    expect(bursts).toEqual([{ sheet: TITLE, cells: ['T3.R1.C1', 'T3.R1.C2'] }]);
  });

  test('a pasted block is one burst', async () => {
    const { host, book, bursts, listen } = setup();
    await listen();
    await host.insertTemplate({ org: '', year: 2024 });
    const block = new Map(CELL_IDS.filter((id) => id.startsWith('T3.')).map((id) => [id, '1']));
    book.set(TITLE, { cells: block }, 'user');
    await wait(60);
    expect(bursts).toHaveLength(1);
    expect(bursts[0].cells).toHaveLength(175);
  });

  test('an edit of the body or the year asks for a full check', async () => {
    const { host, book, bursts, listen } = setup();
    await listen();
    await host.insertTemplate({ org: '', year: 2024 });
    book.set(TITLE, { meta: { org: '木厂镇' } }, 'user');
    await wait(60);
    expect(bursts).toEqual([{ sheet: TITLE, cells: 'unknown' }]);
  });

  test('edits on another sheet close the burst in progress', async () => {
    const { host, book, bursts, listen } = setup();
    await listen();
    await host.insertTemplate({ org: '', year: 2024 });
    await host.insertTemplate({ org: '', year: 2023 });
    book.set(TITLE, { cells: new Map([['T2.R1.C1', '1']]) }, 'user');
    book.set(sheetTitle(2023), { cells: new Map([['T2.R1.C1', '1']]) }, 'user');
    await wait(60);
    expect(bursts).toEqual([
      { sheet: TITLE, cells: ['T2.R1.C1'] },
      { sheet: sheetTitle(2023), cells: ['T2.R1.C1'] },
    ]);
  });

  test('setting a cell to what it holds is no edit; the returned function stops listening', async () => {
    const { host, book, bursts, listen } = setup();
    const stop = await listen();
    await host.insertTemplate({ org: '', year: 2024 });
    book.set(TITLE, { cells: new Map([['T2.R1.C1', '']]) }, 'user');
    await wait(40);
    expect(bursts).toEqual([]);
    await stop();
    book.set(TITLE, { cells: new Map([['T2.R1.C1', '3']]) }, 'user');
    await wait(40);
    expect(bursts).toEqual([]);
  });
});

describe('sheets coming into view', () => {
  test('onActivate reports every sheet shown, after the edits made before it', async () => {
    const { host, book, bursts, listen } = setup();
    await listen();
    const shown: string[] = [];
    const order: string[] = [];
    const stop = await host.onActivate((sheet) => {
      shown.push(sheet);
      order.push(`active:${sheet}`);
    });
    await host.onEdit((b) => order.push(`edit:${b.sheet}`));
    await host.insertTemplate({ org: '', year: 2024 });
    book.set(TITLE, { cells: new Map([['T2.R1.C1', '1']]) }, 'user');
    book.activate(FIRST_SHEET);
    await host.select(TITLE, ['T2.R1.C1']);
    await host.activate(TITLE);
    expect(shown).toEqual([TITLE, FIRST_SHEET, TITLE]);
    expect(order).toEqual([`active:${TITLE}`, `edit:${TITLE}`, `active:${FIRST_SHEET}`, `active:${TITLE}`]);
    expect(bursts).toHaveLength(1);
    await stop();
    book.activate(FIRST_SHEET);
    expect(shown).toHaveLength(3);
  });
});

describe('selection and flags', () => {
  test('select shows the sheet and marks the cells, the first one active', async () => {
    const { host, book } = setup();
    await host.insertTemplate({ org: '', year: 2024 });
    await host.activate(FIRST_SHEET);
    expect((await host.templates()).active).toBeNull();
    const events: unknown[] = [];
    book.on((e) => events.push(e));
    await host.select(TITLE, ['T3.R24.C1', 'T3.R3.C1', 'bogus']);
    expect(book.active.name).toBe(TITLE);
    expect(book.sheet(TITLE).selected).toEqual(['T3.R24.C1', 'T3.R3.C1']);
    expect(events).toEqual([
      { type: 'active', sheet: TITLE },
      { type: 'marks', sheet: TITLE, focus: true },
    ]);
  });
});

describe('acknowledgements', () => {
  const ack = { fingerprint: fingerprint({ rule: 'cell.blank', severity: 'warning', table: 'T2', cells: ['T2.R1.C1'] }), sheet: TITLE, reason: '本年无此类文件', at: '2025-01-10T08:00:00.000Z' };

  test('are kept for the page and in its storage', async () => {
    const storage = new MemoryStorage();
    const { host } = setup(storage);
    expect(await host.loadAcknowledgements()).toEqual([]);
    await host.saveAcknowledgements([ack]);
    expect(await host.loadAcknowledgements()).toEqual([ack]);
    expect(await setup(storage).host.loadAcknowledgements()).toEqual([ack]);
  });

  test('work without storage, and a damaged store is ignored', async () => {
    const { host } = setup(null);
    await host.saveAcknowledgements([ack]);
    expect(await host.loadAcknowledgements()).toEqual([ack]);
    const storage = new MemoryStorage();
    storage.setItem('nianbao.preview.acknowledgements', '{not json');
    expect(await setup(storage).host.loadAcknowledgements()).toEqual([]);
    storage.setItem('nianbao.preview.acknowledgements', JSON.stringify([ack, { fingerprint: 1 }, null]));
    expect(await setup(storage).host.loadAcknowledgements()).toEqual([ack]);
  });

  test('a copy goes out: changing what was loaded does not change what is kept', async () => {
    const { host } = setup();
    await host.saveAcknowledgements([ack]);
    const loaded = await host.loadAcknowledgements();
    loaded[0].reason = '改过';
    expect((await host.loadAcknowledgements())[0].reason).toBe(ack.reason);
  });
});
