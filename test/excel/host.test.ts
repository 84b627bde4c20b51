/// <reference types="office-js" />
import { a1, inputPosition, sheetPlan, sheetTitle } from '../../src/core/sheet';
import { CELL_IDS, TABLES } from '../../src/core/tables';
import { ACK_NAMESPACE } from '../../src/excel/acknowledgements';
import { ExcelHost, MARK_FORMULA, cellsAt } from '../../src/excel/host';
import type { EditBurst } from '../../src/host/contract';
import { FakeExcel, areaAddress, parseAddress } from '../fakes/excel-fake';

const TITLE = sheetTitle(2024);
const plan = sheetPlan('木厂镇', 2024);
const at = (id: string) => {
  const p = inputPosition(plan, id);
  return a1(p.row, p.col);
};
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));

async function setup(options: ConstructorParameters<typeof ExcelHost>[1] = {}) {
  const fake = new FakeExcel();
  fake.addSheet('Sheet1', { A1: '原有数据' });
  const keepLoaded = jest.fn().mockResolvedValue(undefined);
  const host = new ExcelHost(fake.run, { debounceMs: 20, keepLoaded, ...options });
  const outcome = await host.insertTemplate({ org: '木厂镇', year: 2024 });
  expect(outcome).toEqual({ status: 'inserted', sheet: TITLE });
  return { fake, host, keepLoaded };
}

async function listening(host: ExcelHost) {
  const bursts: EditBurst[] = [];
  const stop = await host.onEdit((b) => bursts.push(b));
  return { bursts, stop };
}

describe('templates and reading', () => {
  test('inserting keeps the runtime loading with the document; templates lists the sheet, its year and body', async () => {
    const { host, keepLoaded, fake } = await setup();
    expect(keepLoaded).toHaveBeenCalledTimes(1);
    // A workbook found holding a template (one the command line wrote, say) is kept loading too, once.
    const other = jest.fn().mockResolvedValue(undefined);
    const fresh = new ExcelHost(fake.run, { keepLoaded: other });
    await fresh.templates();
    await fresh.templates();
    expect(other).toHaveBeenCalledTimes(1);
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
    const { host, fake } = await setup();
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
    const { host, fake } = await setup();
    await host.select(TITLE, ['T3.R1.C1', 'T3.R2.C1', 'T3.R24.C1', 'T3.R25.C1']);
    expect(fake.selection).toEqual({ sheet: TITLE, address: `${at('T3.R1.C1')},${at('T3.R2.C1')},${at('T3.R24.C1')}:${at('T3.R25.C1')}` });
    const old = new ExcelHost(fake.run, { supports: (v) => v !== '1.18' });
    await old.select(TITLE, ['T3.R1.C1', 'T3.R24.C1']);
    expect(fake.selection).toEqual({ sheet: TITLE, address: at('T3.R1.C1') });
    await old.select(TITLE, ['T3.R1.C1', 'T3.R1.C2']);
    expect(fake.selection).toEqual({ sheet: TITLE, address: `${at('T3.R1.C1')}:${at('T3.R1.C2')}` });
    expect(fake.activeSheet()?.name).toBe(TITLE);
  });
});

describe('highlight', () => {
  const ours = (fake: FakeExcel) => fake.sheet(TITLE).conditionalFormats.filter((cf) => cf.props['custom.rule.formula'] === MARK_FORMULA);
  const marked = (fake: FakeExcel) => ours(fake).flatMap((cf) => cf.areas.map(areaAddress));

  test('marks exactly the cells, then only the new ones, then none: values, formats and protection stay', async () => {
    const { host, fake } = await setup();
    const sheet = fake.sheet(TITLE);
    // The user's own conditional format on an input cell must survive ours.
    sheet.conditionalFormats.push({ id: '{user}', area: parseAddress(at('T3.R1.C1')), areas: [parseAddress(at('T3.R1.C1'))], type: 'Custom', props: { 'custom.rule.formula': '=D7>100' } });
    const cellsBefore = JSON.stringify([...sheet.cells.entries()]);
    const protection = JSON.stringify(sheet.protection);
    await host.read(TITLE);

    await host.highlight(TITLE, ['T3.R1.C1', 'T3.R1.C7']);
    expect(marked(fake)).toEqual([at('T3.R1.C1'), at('T3.R1.C7')]);
    expect(ours(fake)[0].props).toMatchObject({ 'custom.format.fill.color': expect.any(String) });

    let syncs = fake.syncCount;
    await host.highlight(TITLE, ['T4.R1.C5']);
    expect(fake.syncCount - syncs).toBe(1);
    expect(marked(fake)).toEqual([at('T4.R1.C5')]);

    await host.highlight(TITLE, []);
    expect(ours(fake)).toEqual([]);
    syncs = fake.syncCount;
    await host.highlight(TITLE, []);
    expect(fake.syncCount).toBe(syncs); // nothing to do, nothing sent

    expect(sheet.conditionalFormats.map((cf) => cf.id)).toContain('{user}');
    expect(JSON.stringify([...sheet.cells.entries()])).toBe(cellsBefore);
    // Protected again with the same options (Excel reports every option, so the defaults are spelled out now).
    expect(sheet.protection).toMatchObject(JSON.parse(protection));
  });

  test('marks left by an earlier session are found and replaced; nobody else’s are touched', async () => {
    const { host, fake } = await setup();
    await host.highlight(TITLE, ['T3.R1.C1']);
    const other = fake.sheet(TITLE).conditionalFormats.length;
    const next = new ExcelHost(fake.run, { debounceMs: 20 });
    await next.read(TITLE);
    await next.highlight(TITLE, ['T3.R2.C2']);
    expect(marked(fake)).toEqual([at('T3.R2.C2')]);
    expect(fake.sheet(TITLE).conditionalFormats).toHaveLength(other);
  });

  test('a mark someone deleted does not stop the next one (ExcelApi 1.14 null objects)', async () => {
    const { host, fake } = await setup();
    await host.highlight(TITLE, ['T3.R1.C1']);
    const list = fake.sheet(TITLE).conditionalFormats;
    list.splice(list.findIndex((cf) => cf.props['custom.rule.formula'] === MARK_FORMULA), 1);
    await host.highlight(TITLE, ['T3.R1.C2']);
    expect(marked(fake)).toEqual([at('T3.R1.C2')]);
  });

  test('before ExcelApi 1.14 the failed removal is reported, protection is restored, and the next call recovers', async () => {
    const { fake } = await setup();
    const host = new ExcelHost(fake.run, { supports: (v) => v !== '1.14' });
    await host.highlight(TITLE, ['T3.R1.C1']);
    const list = fake.sheet(TITLE).conditionalFormats;
    list.splice(list.findIndex((cf) => cf.props['custom.rule.formula'] === MARK_FORMULA), 1);
    await expect(host.highlight(TITLE, ['T3.R1.C2'])).rejects.toThrow();
    expect(fake.sheet(TITLE).protection.protected).toBe(true);
    await host.highlight(TITLE, ['T3.R1.C2']);
    expect(marked(fake)).toEqual([at('T3.R1.C2')]);
  });

  test('a sheet protected with a password cannot be marked: the error says so and the sheet stays protected', async () => {
    const { host, fake } = await setup();
    fake.sheet(TITLE).protection = { protected: true, options: {}, password: 'x' };
    await expect(host.highlight(TITLE, ['T3.R1.C1'])).rejects.toThrow(/password/);
    expect(fake.sheet(TITLE).protection).toMatchObject({ protected: true, password: 'x' });
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
