/// <reference types="office-js" />
import { a1, inputPosition, sheetPlan, sheetTitle } from '../../src/core/sheet';
import { CELL_IDS, TABLES } from '../../src/core/tables';
import { ACK_NAMESPACE } from '../../src/excel/acknowledgements';
import { ExcelHost, cellsAt } from '../../src/excel/host';
import type { EditBurst } from '../../src/host/contract';
import { FakeExcel, FakeExcelOptions, areaAddress, parseAddress } from '../fakes/excel-fake';
import { inputA1 as at } from '../helpers/template';

const TITLE = sheetTitle(2024);
const plan = sheetPlan('木厂镇', 2024);
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));

async function setup(options: ConstructorParameters<typeof ExcelHost>[1] = {}, excel: FakeExcelOptions = {}) {
  const fake = new FakeExcel(excel);
  fake.addSheet('Sheet1', { A1: '原有数据' });
  const disableTrustUX = jest.fn().mockResolvedValue(true);
  const startupSet = jest.fn().mockResolvedValue(undefined);
  const host = new ExcelHost(fake.run, { debounceMs: 20, disableTrustUX, startup: { get: async () => false, set: startupSet }, isSetSupported: fake.isSetSupported, ...options });
  const outcome = await host.insertTemplate({ org: '木厂镇', year: 2024 });
  expect(outcome).toEqual({ status: 'inserted', sheet: TITLE });
  return { fake, host, disableTrustUX, startupSet };
}

async function listening(host: ExcelHost) {
  const bursts: EditBurst[] = [];
  const stop = await host.onEdit((b) => bursts.push(b));
  return { bursts, stop };
}

describe('templates and reading', () => {
  test('inserting sets DisableTrustUX and never the startup behaviour; templates lists the sheet, its year and body', async () => {
    const { host, disableTrustUX, startupSet, fake } = await setup();
    expect(disableTrustUX).toHaveBeenCalledTimes(1);
    expect(startupSet).not.toHaveBeenCalled();
    // Looking at a workbook that holds a template changes nothing in it.
    const trust = jest.fn().mockResolvedValue(true);
    const set = jest.fn().mockResolvedValue(undefined);
    const fresh = new ExcelHost(fake.run, { disableTrustUX: trust, startup: { get: async () => false, set } });
    await fresh.templates();
    expect(trust).not.toHaveBeenCalled();
    expect(set).not.toHaveBeenCalled();
    fake.addSheet('2023年', {});
    expect(await host.templates()).toEqual({ sheets: [{ name: TITLE, year: 2024, org: '木厂镇' }], active: TITLE });
    fake.model.activeSheetId = fake.sheet('Sheet1').id;
    expect((await host.templates()).active).toBeNull();
  });

  test('read is one sync, and reads the report with the address of every input', async () => {
    const { host, fake } = await setup();
    await fake.userEdit(TITLE, at('T3.R1.C1'), [[5]]);
    const before = fake.syncCount;
    const read = await host.read(TITLE);
    expect(fake.syncCount - before).toBe(1);
    expect(read.isTemplate).toBe(true);
    expect(read.report.cells['T3.R1.C1']).toBe(5);
    expect(read.addresses['T3.R1.C1']).toBe(at('T3.R1.C1'));
  });

  test('a renamed sheet is still found by the name the pane knows', async () => {
    const { host, fake } = await setup();
    await host.read(TITLE);
    fake.sheet(TITLE).name = '改名后';
    const read = await host.read(TITLE);
    expect(read.sheet).toBe('改名后');
  });
});

describe('edits', () => {
  test('a paste of 100 cells is one burst naming those 100 input cells', async () => {
    const { host, fake } = await setup();
    await host.read(TITLE);
    const { bursts } = await listening(host);
    // Rows 1–25 of 自然人…社会公益组织: 100 input cells in one rectangle.
    const from = inputPosition(plan, 'T3.R1.C1');
    const area = { row: from.row, col: from.col, rows: 25, cols: 4 };
    await fake.userEdit(TITLE, areaAddress(area), Array.from({ length: 25 }, () => [1, 2, 3, 4]));
    await settle();
    expect(bursts).toHaveLength(1);
    expect(bursts[0].sheet).toBe(TITLE);
    expect(bursts[0].cells).toHaveLength(100);
    expect(new Set(bursts[0].cells)).toEqual(new Set(CELL_IDS.filter((c) => /^T3\.R\d+\.C[1-4]$/.test(c))));
  });

  test('many edits in quick succession are one burst; a pause starts another', async () => {
    const { host, fake } = await setup();
    await host.read(TITLE);
    const { bursts } = await listening(host);
    for (let i = 1; i <= 10; i++) await fake.userEdit(TITLE, at(`T3.R${i}.C1`), [[i]]);
    await settle();
    await fake.userEdit(TITLE, at('T4.R1.C1'), [[1]]);
    await settle();
    expect(bursts.map((b) => (b.cells === 'unknown' ? 'unknown' : b.cells.length))).toEqual([10, 1]);
    expect(bursts[1].cells).toEqual(['T4.R1.C1']);
  });

  test('an edit beside the tables names no cell; one on a label, the body or the year asks for everything', async () => {
    const { host, fake } = await setup();
    await host.read(TITLE);
    const { bursts } = await listening(host);
    fake.sheet(TITLE).protection = { protected: false };
    await fake.userEdit(TITLE, 'Z100', [['备注']]);
    await settle();
    await fake.userEdit(TITLE, a1(plan.org.row, plan.org.col), [['别的机关']]);
    await settle();
    const t3 = plan.tables.T3;
    await fake.userEdit(TITLE, a1(t3.row + 3, t3.col), [['改了标签']]);
    await settle();
    expect(bursts.map((b) => b.cells)).toEqual([[], 'unknown', 'unknown']);
  });

  test('our own writes never come back as edits: events off, and tagged events dropped', async () => {
    const { host, fake } = await setup({}, { excelApi: '1.14' });
    await host.read(TITLE);
    const { bursts } = await listening(host);
    await host.write(TITLE, [{ cell: 'T3.R1.C1', value: 3 }]);
    await settle();
    expect(bursts).toEqual([]);
    // Even with events on, what this add-in writes is tagged ThisLocalAddin and dropped.
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(TITLE).getRange(at('T3.R2.C1')).values = [[4]];
      await ctx.sync();
    });
    await settle();
    expect(fake.delivered.map((e) => e.triggerSource)).toEqual(['ThisLocalAddin']);
    expect(bursts).toEqual([]);
  });

  test('stopping removes the handler with the context that added it', async () => {
    const { host, fake } = await setup();
    await host.read(TITLE);
    const { bursts, stop } = await listening(host);
    await stop();
    await fake.userEdit(TITLE, at('T3.R1.C1'), [[1]]);
    await settle();
    expect(bursts).toEqual([]);
    expect(fake.workbookHandlers).toEqual([]);
  });

  test('a sheet the host never read is not reported', async () => {
    const { host, fake } = await setup();
    const { bursts } = await listening(host);
    await fake.userEdit('Sheet1', 'B2', [[1]]);
    await settle();
    expect(bursts).toEqual([]);
  });

  test('activation reports the sheet by name', async () => {
    const { host, fake } = await setup();
    const seen: string[] = [];
    await host.onActivate((s) => seen.push(s));
    await fake.userActivate('Sheet1');
    await fake.userActivate(TITLE);
    expect(seen).toEqual(['Sheet1', TITLE]);
  });
});

describe('cellsAt', () => {
  test('a merged input (表二 行政许可 spans three columns) is one cell, however it is addressed', async () => {
    const { host, fake } = await setup();
    await host.read(TITLE);
    const layout = (host as unknown as { layouts: Map<string, Parameters<typeof cellsAt>[0]> }).layouts.get(fake.sheet(TITLE).id)!;
    const p = inputPosition(plan, 'T2.R3.C1');
    expect(cellsAt(layout, [areaAddress({ row: p.row, col: p.col, rows: 1, cols: 3 })])).toEqual(['T2.R3.C1']);
    expect(cellsAt(layout, [`${at('T3.R1.C1')}, ${at('T4.R1.C2')}`])).toEqual(['T3.R1.C1', 'T4.R1.C2']);
    expect(cellsAt(layout, ['A:A'])).toBe('unknown');
    expect(cellsAt(layout, ['5:5'])).toBe('unknown');
  });
});

describe('writing', () => {
  test('write changes exactly the named cells, nothing else', async () => {
    const { host, fake } = await setup();
    const before = fake.sheet(TITLE).snapshot() as { cells: [string, unknown][] };
    await host.write(TITLE, [
      { cell: 'T3.R1.C1', value: 7 },
      { cell: 'T2.R6.C1', value: 1.5 },
    ]);
    const after = fake.sheet(TITLE).snapshot() as { cells: [string, unknown][] };
    const changed = after.cells.filter(([k, v], i) => JSON.stringify(before.cells[i]) !== JSON.stringify([k, v])).map(([k]) => k);
    const key = (id: string) => {
      const p = inputPosition(plan, id);
      return `${p.row},${p.col}`;
    };
    expect(changed.sort()).toEqual([key('T3.R1.C1'), key('T2.R6.C1')].sort());
    expect({ ...after, cells: [] }).toEqual({ ...before, cells: [] });
    expect(fake.model.enableEvents).toBe(true);
  });

  test('select: the cells, as several areas where Excel can; else the first cell', async () => {
    const { host, fake } = await setup({}, { excelApi: '1.18' });
    await host.select(TITLE, ['T3.R1.C1', 'T3.R2.C1', 'T3.R24.C1', 'T3.R25.C1']);
    expect(fake.selection).toEqual({ sheet: TITLE, address: `${at('T3.R1.C1')},${at('T3.R2.C1')},${at('T3.R24.C1')}:${at('T3.R25.C1')}` });
    const old = new ExcelHost(fake.run);
    await old.select(TITLE, ['T3.R1.C1', 'T3.R24.C1']);
    expect(fake.selection).toEqual({ sheet: TITLE, address: at('T3.R1.C1') });
    await old.select(TITLE, ['T3.R1.C1', 'T3.R1.C2']);
    expect(fake.selection).toEqual({ sheet: TITLE, address: `${at('T3.R1.C1')}:${at('T3.R1.C2')}` });
    expect(fake.activeSheet()?.name).toBe(TITLE);
  });
});

describe('checking never writes; a write writes input cells only', () => {
  test('after insertion, edits, reads, the template list, selections and event handling clear no undo and write nothing', async () => {
    const { host, fake } = await setup();
    const clears = fake.undoClears;
    const writes = fake.writeBatches().length;
    const { stop } = await listening(host);
    await host.read(TITLE);
    for (let i = 1; i <= 5; i++) await fake.userEdit(TITLE, at(`T3.R${i}.C1`), [[i === 3 ? -1 : i]]);
    await settle();
    await host.read(TITLE);
    await host.templates();
    await host.select(TITLE, ['T3.R3.C1', 'T3.R4.C1']);
    await host.activate('Sheet1');
    await stop();
    expect(fake.undoClearedBy.slice(clears)).toEqual([]);
    expect(fake.writeBatches()).toHaveLength(writes);
    expect('highlight' in host).toBe(false);
  });

  test('a write clears undo where Excel lacks ExcelUndoApiAll, and the host says so; with it, undo is kept', async () => {
    const { host, fake } = await setup();
    expect(host.writesKeepUndo()).toBe(false);
    const clears = fake.undoClears;
    await host.write(TITLE, [{ cell: 'T3.R1.C1', value: 1 }]);
    expect(fake.undoClears).toBeGreaterThan(clears);

    const modern = await setup({}, { sets: { ExcelUndoApiAll: '1.0' } });
    expect(modern.host.writesKeepUndo()).toBe(true);
    const before = modern.fake.undoClears;
    await modern.host.write(TITLE, [{ cell: 'T3.R1.C1', value: 1 }], { org: '新机关' });
    expect(modern.fake.undoClears).toBe(before);
    // Without options the host assumes only what the manifest requires.
    expect(new ExcelHost(modern.fake.run).writesKeepUndo()).toBe(false);
  });

  test('text stays text: "-3", "+1", "=A1", "@x", "/" and an org name starting with "=" are stored as typed text', async () => {
    const { host, fake } = await setup();
    const texts = ['-3', '+1', '=A1', '@x', '/', '12'];
    const cells = ['T3.R1.C1', 'T3.R1.C2', 'T3.R1.C3', 'T3.R1.C4', 'T3.R1.C5', 'T3.R1.C6'] as const;
    await host.write(
      TITLE,
      cells.map((cell, i) => ({ cell, value: texts[i] })),
      { org: '=某局' },
    );
    const sheet = fake.sheet(TITLE);
    expect(cells.map((c) => sheet.cell(at(c)).value)).toEqual(texts);
    expect(cells.map((c) => sheet.cell(at(c)).formula)).toEqual(texts);
    expect(sheet.cell(a1(plan.org.row, plan.org.col)).value).toBe('=某局');
    const read = await host.read(TITLE);
    expect(read.report.cells['T3.R1.C1']).toBe('-3');
    expect(read.report.cells['T3.R1.C5']).toBe('/');
    // A number is written as a number.
    await host.write(TITLE, [{ cell: 'T3.R1.C1', value: -3 }]);
    expect(sheet.cell(at('T3.R1.C1')).value).toBe(-3);
  });

  test('a write to a sheet protected with a password still reaches the input cells (they are unlocked); protection is never lifted', async () => {
    const { host, fake } = await setup();
    fake.sheet(TITLE).protection = { protected: true, options: {}, password: 'x' };
    await host.write(TITLE, [{ cell: 'T3.R1.C1', value: 2 }]);
    expect(fake.sheet(TITLE).cell(at('T3.R1.C1')).value).toBe(2);
    expect(fake.sheet(TITLE).protection).toMatchObject({ protected: true, password: 'x' });
    expect(fake.batches.flatMap((b) => b.ops).filter((o) => /protect/.test(o) && !/format\.protection/.test(o))).toHaveLength(1); // the insertion's only
  });
});

describe('names as Excel on the web lists them', () => {
  test('a workbook name pointing into another sheet does not make a sheet a template, nor feed its tables', async () => {
    const { host, fake } = await setup({}, { platform: 'web' });
    // An older file's workbook-scoped names, pointing into its own sheet.
    const old = fake.addSheet('旧表');
    for (const n of plan.names) fake.model.names.set(n.name.toUpperCase(), { name: n.name, area: n.area, sheet: old, comment: '' });
    const other = fake.addSheet('别的表');
    const list = await host.templates();
    expect(list.sheets.map((s) => s.name).sort()).toEqual([TITLE, '旧表'].sort());
    expect(list.sheets.map((s) => s.name)).not.toContain('别的表');
    expect(list.sheets.map((s) => s.name)).not.toContain('Sheet1');
    const read = await host.read(other.name);
    expect(read.isTemplate).toBe(false);
    // The template's own names still win on its own sheet.
    await fake.userEdit(TITLE, at('T3.R1.C1'), [[5]]);
    expect((await host.read(TITLE)).report.cells['T3.R1.C1']).toBe(5);
  });
});

describe('errors', () => {
  test('messages are Excel’s, in the display language; the code is what code may look at', async () => {
    const zh = new FakeExcel({ displayLanguage: 'zh-CN' });
    const en = new FakeExcel();
    const fail = async (fake: FakeExcel) => {
      try {
        await fake.run(async (ctx) => {
          ctx.workbook.worksheets.getItem('没有这张表').load('name');
          await ctx.sync();
        });
      } catch (e) {
        return e as { code: string; message: string };
      }
      throw new Error('no error');
    };
    const [a, b] = [await fail(zh), await fail(en)];
    expect([a.code, b.code]).toEqual(['ItemNotFound', 'ItemNotFound']);
    expect(a.message).not.toBe(b.message);
    expect(a.message).toMatch(/[\u4e00-\u9fff]/);
    expect(b.message).not.toMatch(/没有这张表|sheet/);
  });
});

describe('acknowledgements', () => {
  test('kept in one custom XML part of our namespace, read back as written', async () => {
    const { host, fake } = await setup();
    expect(await host.loadAcknowledgements()).toEqual([]);
    const acks = [{ fingerprint: 'prior.inForce|T2.row1|5:7', sheet: TITLE, reason: '废止的是<2019年>制发的 & 其他', at: '2025-01-10T08:00:00.000Z' }];
    await host.saveAcknowledgements(acks);
    await host.saveAcknowledgements([...acks, { ...acks[0], fingerprint: 'x', reason: '二' }]);
    expect(fake.model.customXmlParts).toHaveLength(1);
    expect(fake.model.customXmlParts[0].namespaceUri).toBe(ACK_NAMESPACE);
    const again = await new ExcelHost(fake.run).loadAcknowledgements();
    expect(again).toEqual([...acks, { ...acks[0], fingerprint: 'x', reason: '二' }]);
  });
});

test('the layout covers every input of every table', async () => {
  const { host, fake } = await setup();
  await host.read(TITLE);
  const layout = (host as unknown as { layouts: Map<string, { positions: Map<string, unknown> }> }).layouts.get(fake.sheet(TITLE).id)!;
  expect(layout.positions.size).toBe(TABLES.T2.inputs.length + TABLES.T3.inputs.length + TABLES.T4.inputs.length);
});
