/** @jest-environment jsdom */
/// <reference types="office-js" />
import fs from 'fs';
import path from 'path';
import { a1, inputPosition, sheetPlan, sheetTitle } from '../../src/core/sheet';
import { FakeExcel } from '../fakes/excel-fake';

type PaneModule = typeof import('../../src/taskpane/pane');
type SessionModule = typeof import('../../src/taskpane/session');

const HTML = fs.readFileSync(path.join(__dirname, '../../src/taskpane/taskpane.html'), 'utf8');
const TITLE = sheetTitle(2024);

/** Lets the pane's promise chains run to the end. */
const settle = (ms = 10) => new Promise((r) => setTimeout(r, ms));

function setup(before?: (session: SessionModule) => void) {
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(HTML)![1];
  let pane!: PaneModule;
  let session!: SessionModule;
  jest.isolateModules(() => {
    pane = require('../../src/taskpane/pane');
    session = require('../../src/taskpane/session');
  });
  before?.(session);
  const fake = new FakeExcel();
  fake.addSheet('Sheet1');
  const p = new pane.Pane(document, { run: fake.run });
  const $ = (id: string) => document.getElementById(id) as HTMLElement & { value?: string };
  return { fake, pane: p, session, $, MAX_SHOWN: pane.MAX_SHOWN };
}

test('the page has every element the pane needs, and loads office.js first', () => {
  expect(() => setup()).not.toThrow();
  expect(HTML.indexOf('htmlWebpackPlugin.options.officeJs')).toBeLessThan(HTML.indexOf('</head>'));
});

test('insert: the template goes in, the pane says so and checks it', async () => {
  const { fake, $, MAX_SHOWN } = setup();
  $('org').value = '木厂镇';
  $('year').value = '2024';
  $('insert').click();
  await settle();
  expect(fake.model.sheets.map((s) => s.name)).toEqual(['Sheet1', TITLE]);
  expect($('notice').hidden).toBe(false);
  expect($('notice').textContent).toContain(`已插入工作表“${TITLE}”`);
  // A fresh template: nothing wrong, every input still blank.
  expect($('summary').textContent).toBe(`“${TITLE}”：0 个错误，200 个提示`);
  const items = $('findings').querySelectorAll('li');
  expect(items).toHaveLength(MAX_SHOWN + 1);
  expect(items[MAX_SHOWN].textContent).toBe(`另有 ${200 - MAX_SHOWN} 条未列出`);
});

test('insert twice: told the template exists, can go there or insert anyway', async () => {
  const { fake, $ } = setup();
  $('year').value = '2024';
  $('insert').click();
  await settle();
  fake.model.activeSheetId = fake.sheet('Sheet1').id;
  $('insert').click();
  await settle();
  expect(fake.model.sheets).toHaveLength(2);
  expect($('notice').textContent).toContain(`本工作簿已有2024年度的年报模板（工作表“${TITLE}”）`);
  const [goThere, anyway] = Array.from($('notice').querySelectorAll('fluent-button')) as HTMLElement[];
  expect([goThere.textContent, anyway.textContent]).toEqual(['转到该工作表', '仍然插入新模板']);
  goThere.click();
  await settle();
  expect(fake.activeSheet()?.name).toBe(TITLE);
  anyway.click();
  await settle();
  expect(fake.model.sheets.map((s) => s.name)).toEqual(['Sheet1', TITLE, `${TITLE}(2)`]);
});

test('a bad year is refused before anything is written', async () => {
  const { fake, $ } = setup();
  $('year').value = '二〇二四';
  $('insert').click();
  await settle();
  expect(fake.model.sheets).toHaveLength(1);
  expect($('notice').className).toContain('error');
  expect($('notice').textContent).toContain('报告年度“二〇二四”无效');
});

test('check: findings show as text only, whatever a cell holds', async () => {
  const { fake, pane, $ } = setup();
  $('year').value = '2024';
  await pane.insert(false);
  const plan = sheetPlan('', 2024);
  const p = inputPosition(plan, 'T3.R1.C1');
  const hostile = '<img src=x onerror="window.__pwned=1">';
  await fake.userEdit(TITLE, a1(p.row, p.col), [[hostile]]);
  $('check').click();
  await settle();
  expect(document.querySelector('img')).toBeNull();
  expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  const first = $('findings').querySelector('li')!;
  expect(first.className).toBe('error');
  expect(first.textContent).toContain(hostile);
  expect($('summary').className).toContain('fail');
});

test('a sheet that is not a template is said to be one', async () => {
  const { $ } = setup();
  $('check').click();
  await settle();
  expect($('summary').textContent).toBe('工作表“Sheet1”不是年报模板：请先插入年报模板，或切换到模板工作表后再校验。');
  expect($('findings').children).toHaveLength(0);
});

test('an edit in the workbook makes the pane check again; its own insertion does not', async () => {
  const { fake, pane, $ } = setup();
  await pane.watch();
  $('year').value = '2024';
  await pane.insert(false);
  await settle(400);
  expect(fake.delivered).toEqual([]);
  const p = inputPosition(sheetPlan('', 2024), 'T4.R1.C5');
  await fake.userEdit(TITLE, a1(p.row, p.col), [[9]]);
  await settle(400);
  expect($('summary').textContent).toMatch(/^“2024年政府信息公开年报”：1 个错误/);
  expect($('findings').textContent).toContain('表四“行政复议”');
});

test('a notice the ribbon command gave before the pane opened is shown when it opens', () => {
  const { $ } = setup((session) => session.announce({ kind: 'exists', sheet: TITLE, org: '甲', year: 2024 }));
  expect($('notice').hidden).toBe(false);
  expect($('notice').textContent).toContain('本工作簿已有2024年度的年报模板');
  expect($('org').value).toBe('甲');
  expect($('year').value).toBe('2024');
});

test('the body typed in the pane is what the ribbon button uses next', () => {
  const { $, session } = setup();
  $('org').value = '乙县人民政府';
  $('year').value = '2023';
  $('insert').click();
  expect(session.currentChoice()).toEqual({ org: '乙县人民政府', year: 2023 });
});
