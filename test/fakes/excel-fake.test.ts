/// <reference types="office-js" />
/**
 * The fake's newer parts (conditional formats with ids, RangeAreas, names resolved as null
 * objects, custom XML parts, activation events, run with a given context) behave as the
 * Office.js contract says, so tests built on them mean something.
 */
import { FakeExcel } from './excel-fake';

const ctxOf = (fake: FakeExcel) => fake.context as unknown as Excel.RequestContext;

test('a name that does not exist gives a null range, without failing the batch', async () => {
  const fake = new FakeExcel();
  const sheet = fake.addSheet('S', { B2: 7 });
  const ctx = ctxOf(fake);
  ctx.workbook.worksheets.getItem('S').names.add('HERE', ctx.workbook.worksheets.getItem('S').getRange('B2'));
  await ctx.sync();
  const ws = ctx.workbook.worksheets.getItem('S');
  const found = ws.names.getItemOrNullObject('HERE').getRangeOrNullObject().load('values,rowIndex,columnIndex,rowCount,columnCount,address');
  const missing = ws.names.getItemOrNullObject('NOPE').getRangeOrNullObject().load('values');
  const before = fake.syncCount;
  await ctx.sync();
  expect(fake.syncCount).toBe(before + 1);
  expect(found.isNullObject).toBe(false);
  expect([found.values, found.rowIndex, found.columnIndex, found.address]).toEqual([[[7]], 1, 1, 'S!B2']);
  expect(missing.isNullObject).toBe(true);
  expect(() => missing.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  expect(sheet.names.size).toBe(1);
});

test('conditional formats: added on RangeAreas at the top priority, found by id, deleted; a protected sheet refuses them', async () => {
  const fake = new FakeExcel({ excelApi: '1.14' });
  const sheet = fake.addSheet('S');
  const ctx = ctxOf(fake);
  const ws = ctx.workbook.worksheets.getItem('S');
  const cf = ws.getRanges('B2, D4:D5').conditionalFormats.add('Custom');
  cf.custom.rule.formula = '=TRUE';
  cf.custom.format.fill.color = '#FF0000';
  cf.load('id');
  await ctx.sync();
  expect(cf.id).toBe('0');
  expect(sheet.conditionalFormats).toHaveLength(1);
  expect(sheet.conditionalFormats[0]).toMatchObject({ areas: [{ row: 1, col: 1, rows: 1, cols: 1 }, { row: 3, col: 3, rows: 2, cols: 1 }], props: { 'custom.rule.formula': '=TRUE' } });

  const all = ws.getRange().conditionalFormats.load('items/id,items/type,items/customOrNullObject/rule/formula');
  await ctx.sync();
  expect(all.items.map((i) => [i.id, i.type, i.customOrNullObject.rule.formula])).toEqual([['0', 'Custom', '=TRUE']]);

  ws.getRange().conditionalFormats.getItemOrNullObject('7').delete();
  ws.getRange().conditionalFormats.getItem(cf.id).delete();
  await ctx.sync();
  expect(sheet.conditionalFormats).toEqual([]);

  sheet.protection = { protected: true, options: {} };
  ws.getRange('A1').conditionalFormats.add('Custom');
  await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
});

test('a conditional format’s id is its priority: add() shifts the others down, so a stored id later names another format', async () => {
  const fake = new FakeExcel();
  const sheet = fake.addSheet('S');
  const ctx = ctxOf(fake);
  const ws = ctx.workbook.worksheets.getItem('S');
  const mine = ws.getRange('A1').conditionalFormats.add('Custom');
  mine.custom.rule.formula = '=1';
  mine.load('id');
  await ctx.sync();
  const stored = mine.id;
  const user = ws.getRange('A1').conditionalFormats.add('Custom');
  user.custom.rule.formula = '=2';
  await ctx.sync();
  expect(sheet.conditionalFormats.map((c) => c.props['custom.rule.formula'])).toEqual(['=2', '=1']);
  // Deleting by the stored id removes the user's format, which now sits at that priority.
  ws.getRange('A1').conditionalFormats.getItem(stored).delete();
  await ctx.sync();
  expect(sheet.conditionalFormats.map((c) => c.props['custom.rule.formula'])).toEqual(['=1']);
  // Items loaded in one batch are reached by position in the next: deleting the top one first moves the rest up.
  ws.getRange('B1').conditionalFormats.add('Custom').custom.rule.formula = '=3';
  await ctx.sync();
  const items = ws.getRange().conditionalFormats.load('items/id');
  await ctx.sync();
  expect(items.items.map((i) => i.id)).toEqual(['0', '1']);
  items.items[0].delete();
  items.items[1].delete();
  await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
});

test('a call above the configured ExcelApi fails the batch with ApiNotFound (1.9 by default); isSetSupported says what is there', async () => {
  const fake = new FakeExcel();
  fake.addSheet('S');
  const ctx = ctxOf(fake);
  expect([fake.isSetSupported('ExcelApi', '1.9'), fake.isSetSupported('ExcelApi', '1.10'), fake.isSetSupported('ExcelUndoApiAll', '1.0')]).toEqual([true, false, false]);
  ctx.workbook.worksheets.getItem('S').getRanges('A1,B2').select();
  await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
  ctx.workbook.worksheets.getItem('S').getRange().conditionalFormats.getItemOrNullObject('0');
  await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
  const newer = new FakeExcel({ excelApi: '1.18', sets: { ExcelUndoApiAll: '1.0' } });
  newer.addSheet('S');
  ctxOf(newer).workbook.worksheets.getItem('S').getRanges('A1,B2').select();
  await ctxOf(newer).sync();
  expect(newer.isSetSupported('ExcelUndoApiAll', '1.0')).toBe(true);
  // Event arguments lack triggerSource before ExcelApi 1.14.
  const seen: unknown[] = [];
  fake.workbookHandlers.push((e) => void seen.push('triggerSource' in e));
  await fake.userEdit('S', 'A1', [[1]]);
  expect(seen).toEqual([false]);
});

test('undo: protect, unprotect and Worksheet.delete clear it, and so does every write without ExcelUndoApiAll; reads never', async () => {
  const fake = new FakeExcel();
  fake.addSheet('S');
  fake.addSheet('T');
  const ctx = ctxOf(fake);
  ctx.workbook.worksheets.getItem('S').getRange('A1').load('values');
  await ctx.sync();
  await fake.userEdit('S', 'A1', [[1]]);
  expect(fake.undoClears).toBe(0);
  ctx.workbook.worksheets.getItem('S').getRange('A1').values = [[2]];
  await ctx.sync();
  expect(fake.undoClearedBy).toEqual(['write values S!A1']);

  const modern = new FakeExcel({ sets: { ExcelUndoApiAll: '1.0' } });
  modern.addSheet('S');
  modern.addSheet('T');
  const m = ctxOf(modern);
  m.workbook.worksheets.getItem('S').getRange('A1').values = [[2]];
  await m.sync();
  expect(modern.undoClears).toBe(0);
  m.workbook.worksheets.getItem('S').protection.protect();
  m.workbook.worksheets.getItem('S').protection.unprotect();
  m.workbook.worksheets.getItem('T').delete();
  await m.sync();
  expect(modern.undoClearedBy).toEqual(['WorksheetProtection.protect', 'WorksheetProtection.unprotect', 'Worksheet.delete']);
});

test('web: a worksheet’s names also list the workbook’s, as Excel on the web does; desktop lists its own only', async () => {
  for (const platform of ['web', 'desktop'] as const) {
    const fake = new FakeExcel({ platform });
    const a = fake.addSheet('A');
    fake.addSheet('B');
    fake.model.names.set('WB', { name: 'WB', area: { row: 0, col: 0, rows: 1, cols: 1 }, sheet: a, comment: '' });
    const ctx = ctxOf(fake);
    const found = ctx.workbook.worksheets.getItem('B').names.getItemOrNullObject('WB');
    const list = ctx.workbook.worksheets.getItem('B').names.load('items/name');
    await ctx.sync();
    expect([found.isNullObject, list.items.map((n) => n.name)]).toEqual(platform === 'web' ? [false, ['WB']] : [true, []]);
  }
});

test('a custom function called by a name not registered for the display language is #NAME?; switching the language evaluates again', async () => {
  const functions = { 'en-US': ['NS.CHECK'], 'zh-CN': ['NS.勾稽校验'] };
  const fake = new FakeExcel({ functions });
  fake.addSheet('S');
  const ctx = ctxOf(fake);
  ctx.workbook.worksheets.getItem('S').getRange('A1:D1').formulas = [['=NS.CHECK(B1)', '=NS.勾稽校验(B1)', '=SUM(B1)', '="NS.NOPE(1)"']];
  await ctx.sync();
  const row = () => ['A1', 'B1', 'C1', 'D1'].map((c) => fake.sheet('S').cell(c).value);
  expect(row()).toEqual(['', '#NAME?', '', '']);
  fake.displayLanguage = 'zh-CN';
  expect(row()).toEqual(['#NAME?', '', '', '']);
  // By default the names are the add-in's own: functions.json's and the zh-CN metadata's.
  const own = new FakeExcel();
  own.addSheet('S', { A1: '=NIANBAO.CHECK(B1)', B1: '=NIANBAO.NOSUCH(B1)' });
  expect(own.sheet('S').cell('A1').value).toBe('');
  expect(own.sheet('S').cell('B1').value).toBe('#NAME?');
});

test('error messages are Excel’s generic text in the display language; the fake’s detail is in debugInfo', async () => {
  const messages: string[] = [];
  for (const displayLanguage of ['en-US', 'zh-CN'] as const) {
    const fake = new FakeExcel({ displayLanguage });
    const ctx = ctxOf(fake);
    ctx.workbook.worksheets.getItem('nowhere').load('name');
    const e = await ctx.sync().then(
      () => null,
      (x: { code: string; message: string; debugInfo: { message: string } }) => x,
    );
    expect(e?.code).toBe('ItemNotFound');
    expect(e?.debugInfo.message).toMatch(/nowhere/);
    expect(e?.message).not.toMatch(/nowhere/);
    messages.push(e!.message);
  }
  expect(messages[0]).not.toBe(messages[1]);
  expect(messages[1]).toMatch(/[\u4e00-\u9fff]/);
});

test('strings are taken as typed: "-3" and "12" are numbers, "+x", "-x", "@x" formulas, only an apostrophe makes text', async () => {
  const fake = new FakeExcel();
  fake.addSheet('S');
  const ctx = ctxOf(fake);
  ctx.workbook.worksheets.getItem('S').getRange('A1:F1').values = [['-3', '12', '+A1', '@A1', "'-3", '/']];
  await ctx.sync();
  const cells = ['A1', 'B1', 'C1', 'D1', 'E1', 'F1'].map((c) => fake.sheet('S').cell(c));
  expect(cells.map((c) => c.value)).toEqual([-3, 12, '', '', '-3', '/']);
  expect(cells.map((c) => c.formula)).toEqual([-3, 12, '=+A1', '=A1', '-3', '/']);
});

test('loading custom/… over a collection with another type fails, as in Excel; customOrNullObject does not', async () => {
  const fake = new FakeExcel();
  fake.addSheet('S');
  const ctx = ctxOf(fake);
  const ws = ctx.workbook.worksheets.getItem('S');
  ws.getRange('A1').conditionalFormats.add('Custom').custom.rule.formula = '=1';
  ws.getRange('A2').conditionalFormats.add('ColorScale');
  await ctx.sync();
  ws.getRange().conditionalFormats.load('items/custom/rule/formula');
  await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
  const ok = ws.getRange().conditionalFormats.load('items/id,items/customOrNullObject/rule/formula');
  await ctx.sync();
  // The one added last is on top.
  expect(ok.items.map((i) => i.customOrNullObject.isNullObject)).toEqual([true, false]);
});

test('protection options are loadable and default as Excel reports them', async () => {
  const fake = new FakeExcel();
  const sheet = fake.addSheet('S');
  sheet.protection = { protected: true, options: { allowFormatCells: true } };
  const ctx = ctxOf(fake);
  const p = ctx.workbook.worksheets.getItem('S').protection.load('protected,options') as unknown as { protected: boolean; options: Record<string, unknown> };
  await ctx.sync();
  expect(p.protected).toBe(true);
  expect(p.options).toMatchObject({ allowFormatCells: true, allowFormatRows: false, selectionMode: 'Normal' });
});

test('custom XML parts: added, found by namespace, read, rewritten and deleted', async () => {
  const fake = new FakeExcel();
  const ctx = ctxOf(fake);
  ctx.workbook.customXmlParts.add('<a xmlns="urn:x"><b/></a>');
  ctx.workbook.customXmlParts.add('<c xmlns="urn:other"/>');
  await ctx.sync();
  const mine = ctx.workbook.customXmlParts.getByNamespace('urn:x').load('items/id');
  await ctx.sync();
  expect(mine.items).toHaveLength(1);
  const xml = mine.items[0].getXml();
  await ctx.sync();
  expect(xml.value).toBe('<a xmlns="urn:x"><b/></a>');
  mine.items[0].setXml('<a xmlns="urn:x"/>');
  await ctx.sync();
  expect(fake.model.customXmlParts.map((p) => p.xml)).toEqual(['<a xmlns="urn:x"/>', '<c xmlns="urn:other"/>']);
  ctx.workbook.customXmlParts.getItem(mine.items[0].id).delete();
  await ctx.sync();
  expect(fake.model.customXmlParts.map((p) => p.namespaceUri)).toEqual(['urn:other']);
});

test('activation fires onActivated (for a person and for the API); run(context, batch) reuses the context to remove a handler', async () => {
  const fake = new FakeExcel();
  fake.addSheet('A');
  fake.addSheet('B');
  const seen: string[] = [];
  const registration = await fake.run(async (ctx) => {
    const r = ctx.workbook.worksheets.onActivated.add(async (e) => void seen.push(e.worksheetId));
    await ctx.sync();
    return r;
  });
  await fake.userActivate('B');
  await fake.run(async (ctx) => {
    ctx.workbook.worksheets.getItem('A').activate();
    await ctx.sync();
  });
  expect(seen).toEqual([fake.sheet('B').id, fake.sheet('A').id]);
  await fake.run(registration.context as Excel.RequestContext, async (ctx) => {
    registration.remove();
    await ctx.sync();
  });
  await fake.userActivate('B');
  expect(seen).toHaveLength(2);
});

test('selecting RangeAreas records every area (ExcelApi 1.18)', async () => {
  const fake = new FakeExcel({ excelApi: '1.18' });
  fake.addSheet('S');
  const ctx = ctxOf(fake);
  ctx.workbook.worksheets.getItem('S').getRanges('D7,F9:F10').select();
  await ctx.sync();
  expect(fake.selection).toEqual({ sheet: 'S', address: 'D7,F9:F10' });
});

test('deleting a format through another range’s collection throws ItemNotFound when two formats share a cell (office-js#5222); through its own range it works', async () => {
  const fake = new FakeExcel();
  const sheet = fake.addSheet('S');
  const ctx = ctxOf(fake);
  const ws = ctx.workbook.worksheets.getItem('S');
  ws.getRange('A1:B2').conditionalFormats.add('Custom').custom.rule.formula = '=1';
  ws.getRange('B2').conditionalFormats.add('Custom').custom.rule.formula = '=2';
  await ctx.sync();
  const all = ws.getRange().conditionalFormats.load('items/id');
  await ctx.sync();
  all.items[1].delete();
  await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
  const own = ws.getRange('A1:B2').conditionalFormats.load('items/id');
  const where = own.load('items/id');
  await ctx.sync();
  expect(where.items).toHaveLength(2);
  // In A1:B2's own collection the format on A1:B2 is the second (the B2 one is on top).
  const range = (await (async () => {
    const cf = own.items[1];
    const r = cf.getRange().load('address');
    await ctx.sync();
    return r.address;
  })()) as string;
  expect(range).toBe('S!A1:B2');
  own.items[1].delete();
  await ctx.sync();
  expect(sheet.conditionalFormats.map((c) => c.props['custom.rule.formula'])).toEqual(['=2']);
});

test('a custom XML part with an XML declaration is refused (office-js#1643)', async () => {
  const fake = new FakeExcel();
  const ctx = ctxOf(fake);
  ctx.workbook.customXmlParts.add('<?xml version="1.0"?><a xmlns="urn:x"/>');
  await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
  ctx.workbook.customXmlParts.add('<a xmlns="urn:x"/>');
  await ctx.sync();
  expect(fake.model.customXmlParts).toHaveLength(1);
});

test('a custom function shows #BUSY! right after it is written, then its result; an unregistered one #NAME?', async () => {
  const fake = new FakeExcel();
  const sheet = fake.addSheet('S');
  const ctx = ctxOf(fake);
  const ws = ctx.workbook.worksheets.getItem('S');
  ws.getRange('A1:B1').formulas = [['=NIANBAO.BALANCE(3,1,4,0)', '=NIANBAO.NOPE(1)']];
  await ctx.sync();
  const read = async () => {
    const r = ws.getRange('A1:B1').load('values');
    await ctx.sync();
    return r.values[0];
  };
  expect(await read()).toEqual(['#BUSY!', '#NAME?']);
  expect(await read()).toEqual(['✓', '#NAME?']);
  expect(sheet.cellAt(0, 0)?.value).toBe('✓');
});
