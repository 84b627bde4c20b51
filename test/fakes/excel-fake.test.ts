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
  expect(() => missing.values).toThrow(/not loaded/);
  expect(sheet.names.size).toBe(1);
});

test('conditional formats carry ids; added on RangeAreas, found by id, deleted; a protected sheet refuses them', async () => {
  const fake = new FakeExcel();
  const sheet = fake.addSheet('S');
  const ctx = ctxOf(fake);
  const ws = ctx.workbook.worksheets.getItem('S');
  const cf = ws.getRanges('B2, D4:D5').conditionalFormats.add('Custom');
  cf.custom.rule.formula = '=TRUE';
  cf.custom.format.fill.color = '#FF0000';
  cf.load('id');
  await ctx.sync();
  expect(sheet.conditionalFormats).toHaveLength(1);
  expect(sheet.conditionalFormats[0]).toMatchObject({ id: cf.id, areas: [{ row: 1, col: 1, rows: 1, cols: 1 }, { row: 3, col: 3, rows: 2, cols: 1 }], props: { 'custom.rule.formula': '=TRUE' } });

  const all = ws.getRange().conditionalFormats.load('items/id,items/type,items/customOrNullObject/rule/formula');
  await ctx.sync();
  expect(all.items.map((i) => [i.id, i.type, i.customOrNullObject.rule.formula])).toEqual([[cf.id, 'Custom', '=TRUE']]);

  ws.getRange().conditionalFormats.getItemOrNullObject('{cf-404}').delete();
  ws.getRange().conditionalFormats.getItem(cf.id).delete();
  await ctx.sync();
  expect(sheet.conditionalFormats).toEqual([]);

  sheet.protection = { protected: true, options: {} };
  ws.getRange('A1').conditionalFormats.add('Custom');
  await expect(ctx.sync()).rejects.toThrow(/protected/);
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
  await expect(ctx.sync()).rejects.toThrow(/not permitted/);
  const ok = ws.getRange().conditionalFormats.load('items/id,items/customOrNullObject/rule/formula');
  await ctx.sync();
  expect(ok.items.map((i) => i.customOrNullObject.isNullObject)).toEqual([false, true]);
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

test('selecting RangeAreas records every area', async () => {
  const fake = new FakeExcel();
  fake.addSheet('S');
  const ctx = ctxOf(fake);
  ctx.workbook.worksheets.getItem('S').getRanges('D7,F9:F10').select();
  await ctx.sync();
  expect(fake.selection).toEqual({ sheet: 'S', address: 'D7,F9:F10' });
});
