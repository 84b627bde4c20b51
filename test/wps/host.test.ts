/// <reference types="et-jsapi-declare" />
/**
 * The WPS host (src/wps/) against the fake ET Application: the template inserted from the sheet
 * plan, read with one Value2 per table, edits turned into bursts with our own writes left out,
 * cells selected, values written as the Excel host writes them, acknowledgements kept in the
 * workbook. The fake throws on any member it does not have and defines no `Et` at run time.
 */
import { a1, areaA1, cellName, inputPosition, sheetPlan, sheetTitle } from '../../src/core/sheet';
import { CELL_IDS, TABLES } from '../../src/core/tables';
import { ACK_NAMESPACE } from '../../src/excel/acknowledgements';
import type { EditBurst } from '../../src/host/contract';
import { ACK_MARKER } from '../../src/wps/acknowledgements';
import { WpsHost } from '../../src/wps/host';
import { MARK_LOOKS } from '../../src/core/looks';
import { bgr, xlSheetVeryHidden } from '../../src/wps/xl';
import { FakeEt, FakeEtOptions } from '../fakes/wps-fake';

const TITLE = sheetTitle(2024);
const plan = sheetPlan('木厂镇', 2024);
const at = (id: string): string => {
  const p = inputPosition(plan, id);
  return a1(p.row, p.col);
};
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));

function setup(options: FakeEtOptions = {}): { fake: FakeEt; host: WpsHost; uninstall: () => void } {
  const fake = new FakeEt(options);
  fake.addSheet('Sheet1');
  const uninstall = fake.install();
  const host = new WpsHost(fake.app, { debounceMs: 20 });
  return { fake, host, uninstall };
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

async function inserted(options: FakeEtOptions = {}) {
  const s = setup(options);
  cleanup = s.uninstall;
  const outcome = await s.host.insertTemplate({ org: '木厂镇', year: 2024 });
  expect(outcome).toEqual({ status: 'inserted', sheet: TITLE });
  return s;
}

describe('insertion draws the sheet plan', () => {
  test('labels, input cells, names on the sheet, merges and widths are the plan', async () => {
    const { fake } = await inserted();
    const ws = fake.sheetOrThrow(TITLE);
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1', TITLE]);
    expect(fake.active).toBe(ws);
    for (const c of plan.cells) {
      const cell = ws.peek(c.row, c.col);
      if (c.formula !== undefined) expect(cell?.formula).toBe(c.formula);
      else if (c.value !== undefined && c.value !== '') expect(cell?.value).toBe(c.value);
    }
    for (const n of plan.names) {
      const name = fake.names.find((x) => x.name === n.name);
      expect(name?.scope).toBe(ws);
      expect(name?.area).toEqual(n.area);
    }
    expect(ws.merges).toHaveLength(plan.merges.length);
    expect(ws.colWidths.get(2)).toBe(plan.colWidths[2]);
  });

  test('the sheet is protected with its input cells, the body and the year unlocked', async () => {
    const { fake } = await inserted();
    const ws = fake.sheetOrThrow(TITLE);
    expect(ws.protection).toEqual({ password: '', contents: true, allowFormattingCells: true });
    for (const id of CELL_IDS) {
      const p = inputPosition(plan, id);
      expect(ws.peek(p.row, p.col)?.locked).toBe(false);
    }
    expect(ws.peek(plan.org.row, plan.org.col)?.locked).toBe(false);
    expect(ws.peek(plan.year.row, plan.year.col)?.locked).toBe(false);
    expect(ws.peek(0, 0)?.locked).toBe(true);
    expect(() => fake.userEdit(TITLE, 'A1', [['改标题']])).toThrow(/受保护/);
  });

  test('validation on every input cell and the year, with numeric types (no Et enum at run time)', async () => {
    const { fake } = await inserted();
    expect((globalThis as { Et?: unknown }).Et).toBeUndefined();
    const ws = fake.sheetOrThrow(TITLE);
    const covered = (row: number, col: number) => ws.validations.find((v) => row >= v.area.row && row < v.area.row + v.area.rows && col >= v.area.col && col < v.area.col + v.area.cols);
    for (const id of CELL_IDS) {
      const p = inputPosition(plan, id);
      const v = covered(p.row, p.col);
      expect(v?.type).toBe(TABLES[id.split('.')[0] as 'T2'].inputs.find((i) => i.id === id)!.kind === 'amount' ? 2 : 1);
      expect(v?.errorMessage).toMatch(/不小于0/);
    }
    expect(covered(plan.year.row, plan.year.col)).toMatchObject({ type: 1, operator: 1, formula1: '2000', formula2: '2100' });
  });

  test('the check cells carry native formulas, and every mark of the plan is a conditional format anchored at its own top-left cell', async () => {
    const { fake } = await inserted();
    const ws = fake.sheetOrThrow(TITLE);
    for (const c of plan.checks) expect(ws.peek(c.row, c.col)?.formula).toBe(c.formula);
    expect(plan.marks.length).toBeGreaterThan(0);
    expect(ws.formatConditions.map((f) => [f.area, f.formula1])).toEqual(plan.marks.map((m) => [m.area, `=${m.formula}`]));
    for (const [i, f] of ws.formatConditions.entries()) {
      const look = MARK_LOOKS[plan.marks[i].severity];
      expect(f).toMatchObject({ type: 2, anchor: a1(f.area.row, f.area.col), fill: bgr(look.fill), fontColor: bgr(look.font), bold: look.bold });
    }
  });

  test('the findings block holds the plan\'s formula, which falls back to a sentence where NIANBAO.CHECK is missing', async () => {
    const { fake } = await inserted({ customFunctions: false });
    const ws = fake.sheetOrThrow(TITLE);
    expect(ws.shown(a1(plan.findings.row + 1, plan.findings.col))).toBe(`=${plan.findings.formula}`);
    expect(plan.findings.formula).toMatch(/^IFERROR\(NIANBAO\.CHECK\(/);
    plan.findings.header.forEach((h, i) => expect(ws.shown(a1(plan.findings.row, plan.findings.col + i))).toBe(h));
  });

  test('no event fires for our own drawing, and events and screen updating are back on after it', async () => {
    const { fake } = await inserted();
    expect(fake.fired).toEqual([]);
    expect(fake.enableEvents).toBe(true);
    expect(fake.screenUpdating).toBe(true);
  });

  test('a second insertion for the same year finds the first; forced, it takes a new name; a user\'s sheet of that name is never touched', async () => {
    const s = setup();
    cleanup = s.uninstall;
    const mine = s.fake.addSheet(TITLE);
    s.fake.userEdit(TITLE, 'A1', [['我的草稿']]);
    const first = await s.host.insertTemplate({ org: '木厂镇', year: 2024 });
    expect(first).toEqual({ status: 'inserted', sheet: `${TITLE}(2)` });
    expect(mine.shown('A1')).toBe('我的草稿');
    expect(mine.protection).toBeNull();
    expect(await s.host.insertTemplate({ org: '木厂镇', year: 2024 })).toEqual({ status: 'exists', sheet: `${TITLE}(2)` });
    expect(await s.host.insertTemplate({ org: '木厂镇', year: 2024, force: true })).toEqual({ status: 'inserted', sheet: `${TITLE}(3)` });
  });

  test('a protected workbook structure is a clear Chinese error, and nothing is added', async () => {
    const s = setup();
    cleanup = s.uninstall;
    s.fake.protectStructure = true;
    await expect(s.host.insertTemplate({ org: '', year: 2024 })).rejects.toThrow(/工作簿结构受保护/);
    expect(s.fake.sheets).toHaveLength(1);
  });

  test('a body name that looks like a formula stays text', async () => {
    const s = setup();
    cleanup = s.uninstall;
    await s.host.insertTemplate({ org: '=HYPERLINK("x")', year: 2024 });
    const cell = s.fake.sheetOrThrow(TITLE).peek(plan.org.row, plan.org.col)!;
    expect(cell.formula).toBeNull();
    expect(cell.value).toBe('=HYPERLINK("x")');
  });
});

describe('reading', () => {
  test('each table is one Value2 read, and the report holds what was typed', async () => {
    const { fake, host } = await inserted();
    fake.userEdit(TITLE, at('T3.R1.C7'), [[12]]);
    fake.userEdit(TITLE, at('T2.R1.C1'), [['5件']]);
    fake.value2Reads = 0;
    const read = await host.read(TITLE);
    expect(fake.value2Reads).toBe(5); // T2, T3, T4, the body, the year
    expect(read.isTemplate).toBe(true);
    expect(read.report.org).toBe('木厂镇');
    expect(read.report.year).toBe(2024);
    expect(read.report.cells['T3.R1.C7']).toBe(12);
    expect(read.report.cells['T2.R1.C1']).toBe('5件');
    expect(read.addresses['T3.R1.C7']).toBe(at('T3.R1.C7'));
    expect(read.unreadable).toEqual([]);
  });

  test('templates lists template sheets with body and year, not other or hidden sheets', async () => {
    const { host } = await inserted();
    expect(await host.templates()).toEqual({ sheets: [{ name: TITLE, year: 2024, org: '木厂镇' }], active: TITLE });
    await host.saveAcknowledgements([{ sheet: TITLE, fingerprint: 'f', reason: '说明', at: '2025-01-01' }]);
    expect((await host.templates()).sheets.map((s) => s.name)).toEqual([TITLE]);
  });

  test('a sheet without the template\'s names reads as no template', async () => {
    const { host } = await inserted();
    const read = await host.read('Sheet1');
    expect(read.isTemplate).toBe(false);
  });
});

describe('edits', () => {
  test('a typed cell is one burst naming its input cell', async () => {
    const { fake, host } = await inserted();
    await host.read(TITLE);
    const bursts: EditBurst[] = [];
    await host.onEdit((b) => bursts.push(b));
    fake.userEdit(TITLE, at('T3.R1.C7'), [[3]]);
    await settle();
    expect(bursts).toEqual([{ sheet: TITLE, cells: ['T3.R1.C7'] }]);
  });

  test('a pasted block and quick typing are one burst', async () => {
    const { fake, host } = await inserted();
    await host.read(TITLE);
    const bursts: EditBurst[] = [];
    await host.onEdit((b) => bursts.push(b));
    const p = inputPosition(plan, 'T3.R1.C1');
    fake.userEdit(TITLE, areaA1({ ...p, rows: 2, cols: 7 }), Array.from({ length: 2 }, () => Array.from({ length: 7 }, () => 1)));
    fake.userEdit(TITLE, at('T2.R1.C1'), [[2]]);
    await settle();
    expect(bursts).toHaveLength(1);
    expect((bursts[0].cells as string[]).length).toBe(15);
  });

  test('our own writes never come back as edits, and EnableEvents is restored', async () => {
    const { fake, host } = await inserted();
    await host.read(TITLE);
    const bursts: EditBurst[] = [];
    await host.onEdit((b) => bursts.push(b));
    await host.write(TITLE, [{ cell: 'T3.R1.C7', value: 4 }], { org: '新机关' });
    await host.saveAcknowledgements([{ sheet: TITLE, fingerprint: 'f', reason: 'r', at: '' }]);
    await settle();
    expect(bursts).toEqual([]);
    expect(fake.enableEvents).toBe(true);
  });

  test('an edit of a label or a whole row asks for a full check; edits of unread sheets are dropped', async () => {
    const { fake, host } = await inserted();
    await host.read(TITLE);
    const bursts: EditBurst[] = [];
    await host.onEdit((b) => bursts.push(b));
    fake.sheetOrThrow(TITLE).protection = null;
    const t3 = plan.tables.T3;
    fake.userEdit(TITLE, a1(t3.row + 1, t3.col), [['改了标签']]);
    fake.userEdit('Sheet1', 'B2', [[1]]);
    await settle();
    expect(bursts).toEqual([{ sheet: TITLE, cells: 'unknown' }]);
  });

  test('stopping removes the listener', async () => {
    const { fake, host } = await inserted();
    const stop = await host.onEdit(() => undefined);
    const stopActivate = await host.onActivate(() => undefined);
    expect(fake.listenerCount('SheetChange')).toBe(1);
    await stop();
    await stopActivate();
    expect(fake.listenerCount('SheetChange')).toBe(0);
    expect(fake.listenerCount('SheetActivate')).toBe(0);
  });

  test('another sheet brought into view is reported by name', async () => {
    const { fake, host } = await inserted();
    const seen: string[] = [];
    await host.onActivate((s) => seen.push(s));
    fake.userActivate('Sheet1');
    fake.userActivate(TITLE);
    expect(seen).toEqual(['Sheet1', TITLE]);
  });
});

describe('writing and selecting', () => {
  test('numbers go in as numbers, text as text exactly as given, on a protected template', async () => {
    const { fake, host } = await inserted();
    await host.write(TITLE, [
      { cell: 'T3.R1.C7', value: 7 },
      { cell: 'T3.R1.C1', value: '22（其中修订16件）' },
      { cell: 'T3.R1.C2', value: '/' },
      { cell: 'T3.R1.C3', value: '12' },
      { cell: 'T3.R1.C4', value: '=1+1' },
    ]);
    const ws = fake.sheetOrThrow(TITLE);
    const cell = (id: string) => {
      const p = inputPosition(plan, id);
      return ws.peek(p.row, p.col)!;
    };
    expect(cell('T3.R1.C7').value).toBe(7);
    expect(cell('T3.R1.C1').value).toBe('22（其中修订16件）');
    expect(cell('T3.R1.C2').value).toBe('/');
    expect(cell('T3.R1.C3').value).toBe('12');
    expect(cell('T3.R1.C4')).toMatchObject({ value: '=1+1', formula: null });
    expect(ws.protection).not.toBeNull();
    const read = await host.read(TITLE);
    expect(read.report.cells['T3.R1.C3']).toBe('12');
  });

  test('the year and body are written where the template has them', async () => {
    const { fake, host } = await inserted();
    await host.write(TITLE, [], { org: '新机关', year: 2025 });
    expect(fake.sheetOrThrow(TITLE).shown(a1(plan.org.row, plan.org.col))).toBe('新机关');
    expect(fake.sheetOrThrow(TITLE).shown(a1(plan.year.row, plan.year.col))).toBe(2025);
  });

  test('a cell the sheet does not have is refused before anything is written', async () => {
    const { fake, host } = await inserted();
    await expect(host.write(TITLE, [{ cell: 'T3.R1.C7', value: 1 }, { cell: 'T9.R1.C1', value: 1 }])).rejects.toThrow(/找不到 T9\.R1\.C1/);
    expect(fake.sheetOrThrow(TITLE).shown(at('T3.R1.C7'))).toBeNull();
  });

  test('select shows the sheet and selects the cells, the first one active', async () => {
    const { fake, host } = await inserted();
    fake.userActivate('Sheet1');
    await host.select(TITLE, ['T3.R1.C7', 'T3.R2.C7', 'T3.R3.C7', 'T2.R1.C1']);
    expect(fake.active?.name).toBe(TITLE);
    const sel = fake.selected(TITLE).split(',');
    expect(sel[0]).toBe(at('T3.R1.C7'));
    expect(sel.length).toBeGreaterThan(1);
  });

  test('select of very many scattered cells falls back to the first (Range takes 255 characters)', async () => {
    const { fake, host } = await inserted();
    const ids = CELL_IDS.filter((_, i) => i % 2 === 0);
    await host.select(TITLE, ids);
    expect(fake.selected(TITLE)).toBe(at(ids[0]));
  });
});

describe('acknowledgements', () => {
  const acks = [
    { sheet: TITLE, fingerprint: 'T3.balance|T3.C1|5:7', reason: '=SUM(A1) 是原文', at: '2025-01-10T08:00:00.000Z' },
    { sheet: TITLE, fingerprint: 'prior.inForce|T2.row1|5:7', reason: '2019', at: '2025-01-11T08:00:00.000Z' },
  ];

  test('kept on a very hidden sheet of the workbook, text as text, and read back', async () => {
    const { fake, host } = await inserted();
    await host.saveAcknowledgements(acks);
    const sheet = fake.sheets.find((s) => s.shown('A1') === ACK_MARKER)!;
    expect(sheet.visible).toBe(xlSheetVeryHidden);
    expect(fake.active?.name).toBe(TITLE);
    expect(await host.loadAcknowledgements()).toEqual(acks);
    const again = new WpsHost(fake.app);
    expect(await again.loadAcknowledgements()).toEqual(acks);
  });

  test('saving again replaces the list; an empty list on a workbook without any adds no sheet', async () => {
    const s = await inserted();
    await s.host.saveAcknowledgements([]);
    expect(s.fake.sheets).toHaveLength(2);
    await s.host.saveAcknowledgements(acks);
    await s.host.saveAcknowledgements(acks.slice(1));
    expect(await s.host.loadAcknowledgements()).toEqual(acks.slice(1));
    expect(s.fake.sheets).toHaveLength(3);
  });

  test('a user\'s sheet named like ours is left alone', async () => {
    const s = await inserted();
    const mine = s.fake.addSheet('nianbao_说明');
    s.fake.userEdit('nianbao_说明', 'A1', [['我的笔记']]);
    await s.host.saveAcknowledgements(acks);
    expect(mine.shown('A1')).toBe('我的笔记');
    expect(await s.host.loadAcknowledgements()).toEqual(acks);
  });

  test('rows that are not ours are dropped when read', async () => {
    const s = await inserted();
    await s.host.saveAcknowledgements(acks);
    const sheet = s.fake.sheets.find((x) => x.shown('A1') === ACK_MARKER)!;
    sheet.cell(5, 0).value = TITLE; // a row with no fingerprint or reason
    expect(await s.host.loadAcknowledgements()).toEqual(acks);
  });

  test('where ET has custom XML parts, the Excel add-in\'s part is written too, and read when the sheet is missing', async () => {
    const s = await inserted({ customXml: true });
    await s.host.saveAcknowledgements(acks);
    expect(s.fake.customXmlParts).toHaveLength(1);
    expect(s.fake.customXmlParts[0].namespace).toBe(ACK_NAMESPACE);
    const fromExcel = new FakeEt({ customXml: true });
    fromExcel.addSheet('Sheet1');
    fromExcel.customXmlParts.push({ ...s.fake.customXmlParts[0] });
    expect(await new WpsHost(fromExcel.app).loadAcknowledgements()).toEqual(acks);
  });
});

test('names used in tests are the plan\'s', () => {
  expect(cellName('T3.R1.C7')).toBe('NB_T3_R1_C7');
});

describe('the object-model guards (builds that differ from the documentation, audit-wps B.6–B.8)', () => {
  const template2024 = sheetTitle(2024);
  const template2023 = sheetTitle(2023);

  test("a build whose Worksheet.Names.Add makes workbook names: the names are made sheet-scoped the other VBA way, and a user's workbook name is given its reference back", async () => {
    const s = setup({ sheetNames: 'workbook' });
    cleanup = s.uninstall;
    s.fake.app.ActiveWorkbook.Names.Add('NB_T2', "='Sheet1'!$A$1");
    await s.host.insertTemplate({ org: '木厂镇', year: 2023 });
    await s.host.insertTemplate({ org: '木厂镇', year: 2024 });
    // Two years in one workbook, each with its own names.
    for (const title of [template2023, template2024]) {
      const sheet = s.fake.sheetOrThrow(title);
      expect(plan.names.every((n) => s.fake.names.some((x) => x.name === n.name && x.scope === sheet))).toBe(true);
    }
    // (Sheet1 counts too: a workbook name pointing into a sheet is how older files mark a template.)
    expect((await s.host.templates()).sheets.map((t) => [t.name, t.year])).toEqual(
      expect.arrayContaining([
        [template2023, 2023],
        [template2024, 2024],
      ]),
    );
    const users = s.fake.names.filter((n) => n.scope === null);
    expect(users.map((n) => [n.name, n.sheet.name, n.area])).toEqual([['NB_T2', 'Sheet1', { row: 0, col: 0, rows: 1, cols: 1 }]]);
  });

  test('a build that makes no sheet-scoped names at all: a Chinese error, no half-drawn sheet, the workbook names as they were', async () => {
    const s = setup({ sheetNames: 'never' });
    cleanup = s.uninstall;
    s.fake.app.ActiveWorkbook.Names.Add('NB_T2', "='Sheet1'!$A$1");
    await expect(s.host.insertTemplate({ org: '', year: 2024 })).rejects.toThrow(/^此版本 WPS 不能建立工作表级名称（NB_\w+），无法插入模板；请运行“环境自检”/);
    expect(s.fake.sheets.map((x) => x.name)).toEqual(['Sheet1']);
    expect(s.fake.names.map((n) => [n.name, n.scope, n.sheet.name])).toEqual([['NB_T2', null, 'Sheet1']]);
    expect(s.fake.enableEvents).toBe(true);
    expect(s.fake.screenUpdating).toBe(true);
  });

  test('Visible read as tri-state: a build reporting true/false lists its visible templates and hides the hidden ones', async () => {
    const s = setup({ visibleAsBoolean: true });
    cleanup = s.uninstall;
    await s.host.insertTemplate({ org: '木厂镇', year: 2023 });
    await s.host.insertTemplate({ org: '木厂镇', year: 2024 });
    expect((await s.host.templates()).sheets.map((t) => t.name)).toEqual([template2023, template2024]);
    s.fake.sheetOrThrow(template2023).visible = 0;
    expect((await s.host.templates()).sheets.map((t) => t.name)).toEqual([template2024]);
  });

  test('members exposed as zero-argument methods: insert, list, read, write and acknowledgements all work', async () => {
    const s = setup({ methodMembers: true });
    cleanup = s.uninstall;
    expect(await s.host.insertTemplate({ org: '木厂镇', year: 2024 })).toEqual({ status: 'inserted', sheet: template2024 });
    expect((await s.host.templates()).sheets).toEqual([{ name: template2024, year: 2024, org: '木厂镇' }]);
    await s.host.write(template2024, [{ cell: 'T2.R1.C1', value: 5 }]);
    expect((await s.host.read(template2024)).report.cells['T2.R1.C1']).toBe(5);
    await s.host.saveAcknowledgements([{ sheet: template2024, fingerprint: 'f', reason: '说明', at: '2024-01-01' }]);
    expect(await s.host.loadAcknowledgements()).toHaveLength(1);
  });

  test('no undefined passed where real WPS code passes none: the strict fake refuses it, and insertion still draws everything', async () => {
    const fake = new FakeEt();
    fake.addSheet('Sheet1');
    const ws = fake.app.ActiveWorkbook.Worksheets.Item(1) as Et.Worksheet;
    expect(() => ws.Range('A1').FormatConditions.Add(2, undefined, '=A1>0')).toThrow(/第 2 个参数为 undefined/);
    const { fake: f2 } = await inserted();
    expect(f2.sheetOrThrow(TITLE).formatConditions.length).toBe(plan.marks.length);
  });

  test('a build that refuses the findings formula (an add-in function it does not know): the sentence goes in as text, the rest of the sheet is drawn', async () => {
    const { fake } = await inserted({ customFunctions: false, unknownFunctionsRefused: true });
    const ws = fake.sheetOrThrow(TITLE);
    const cell = ws.peek(plan.findings.row + 1, plan.findings.col);
    expect(cell?.formula).toBeNull();
    expect(cell?.value).toMatch(/^此处由年报加载项列出问题/);
    expect(ws.protection).not.toBeNull();
  });

  test('EnableEvents and ScreenUpdating are back as they were after an insertion fails half-way, and its sheet is gone', async () => {
    const s = setup({ broken: ['FormatConditions.Add'] });
    cleanup = s.uninstall;
    await expect(s.host.insertTemplate({ org: '', year: 2024 })).rejects.toThrow(/FormatConditions\.Add/);
    expect([s.fake.enableEvents, s.fake.screenUpdating, s.fake.displayAlerts]).toEqual([true, true, true]);
    expect(s.fake.sheets.map((x) => x.name)).toEqual(['Sheet1']);
  });

  test('a pane closed or reloaded leaves no listener behind (dispose on pagehide)', async () => {
    const { fake, host } = await inserted();
    await host.onEdit(() => undefined);
    await host.onActivate(() => undefined);
    expect([fake.listenerCount('SheetChange'), fake.listenerCount('SheetActivate')]).toEqual([1, 1]);
    host.dispose();
    expect([fake.listenerCount('SheetChange'), fake.listenerCount('SheetActivate')]).toEqual([0, 0]);
  });
});
