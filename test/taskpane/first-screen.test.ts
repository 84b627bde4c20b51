/** @jest-environment jsdom */
/// <reference types="office-js" />
/**
 * What the pane shows first and tells screen readers: `data-ready` once it is usable, the status
 * and the findings before everything else once there is a template (inserting, last year's report
 * and importing folded away), and a new finding announced once, not on every re-check.
 * (The same order on a real 350×650 screen: test/e2e/first-screen.test.ts.)
 */
import fs from 'fs';
import path from 'path';
import { sheetTitle } from '../../src/core/sheet';
import { ExcelHost } from '../../src/excel/host';
import { FakeExcel } from '../fakes/excel-fake';
import { inputA1 as at } from '../helpers/template';

type PaneModule = typeof import('../../src/taskpane/pane');

const HTML = fs.readFileSync(path.join(__dirname, '../../src/taskpane/taskpane.html'), 'utf8');
const TITLE = sheetTitle(2024);
const $ = (id: string) => document.getElementById(id)!;
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));
const folded = (id: string) => !($(id) as HTMLDetailsElement).open;
const before = (a: string, b: string) => Boolean($(a).compareDocumentPosition($(b)) & Node.DOCUMENT_POSITION_FOLLOWING);

async function setup(withTemplate: boolean) {
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(HTML)![1];
  document.body.removeAttribute('data-ready');
  // An Excel that keeps undo for add-ins: the pane checks after every edit (without it, on request).
  const fake = new FakeExcel({ sets: { ExcelUndoApiAll: '1.0' } });
  fake.addSheet('Sheet1');
  if (withTemplate) await new ExcelHost(fake.run).insertTemplate({ org: '木厂镇', year: 2024 });
  let paneModule!: PaneModule;
  jest.isolateModules(() => {
    paneModule = require('../../src/taskpane/pane');
  });
  const pane = new paneModule.Pane(document, new ExcelHost(fake.run, { debounceMs: 20, isSetSupported: fake.isSetSupported }));
  const readyBefore = document.body.hasAttribute('data-ready');
  await pane.ready;
  await pane.idle();
  const edit = async (id: string, value: number | string) => {
    await fake.userEdit(TITLE, at(id), [[value]]);
    await settle();
    await pane.idle();
  };
  return { fake, pane, readyBefore, edit };
}

test('the pane sets data-ready on <body> once its first screen is drawn, not before', async () => {
  const { readyBefore } = await setup(true);
  expect(readyBefore).toBe(false);
  expect(document.body.hasAttribute('data-ready')).toBe(true);
  expect($('summary').textContent).toContain('全部勾稽关系通过');
});

test('with a template: the status line and the findings come first, inserting, last year and importing are folded below', async () => {
  await setup(true);
  for (const id of ['insert-section', 'prior-section', 'import-section']) {
    expect(before('summary', id)).toBe(true);
    expect(before('findings', id)).toBe(true);
    expect(folded(id)).toBe(true);
    // A click away: each has a summary line to open it.
    expect($(id).querySelector(':scope > summary')?.textContent).toBeTruthy();
  }
  const main = document.querySelector('main')!;
  const order = Array.from(main.children).map((e) => e.id || e.tagName.toLowerCase());
  expect(order.slice(0, 2)).toEqual(['header', 'check-section']);
  expect(order.indexOf('insert-section')).toBeLessThan(order.indexOf('prior-section'));
  expect(order.indexOf('prior-section')).toBeLessThan(order.indexOf('import-section'));
});

test('without a template the insertion section is open, right after the line that says to insert one', async () => {
  await setup(false);
  expect(folded('insert-section')).toBe(false);
  expect(folded('prior-section')).toBe(true);
  expect(folded('import-section')).toBe(true);
  expect($('summary').textContent).toContain('还没有年报模板');
});

test('after inserting, the insertion section folds away and the findings lead', async () => {
  await setup(false);
  ($('year') as HTMLElement & { value: string }).value = '2024';
  $('insert').click();
  await settle();
  expect($('sheet-line').textContent).toContain(TITLE);
  expect(folded('insert-section')).toBe(true);
});

test('screen readers hear a new finding once: the summary is not live, re-checks that change nothing say nothing', async () => {
  const { edit } = await setup(true);
  const announcer = $('announcer');
  expect(announcer.getAttribute('aria-live')).toBe('polite');
  expect($('summary').hasAttribute('aria-live')).toBe(false);
  expect($('summary').getAttribute('role')).toBeNull();
  const told: string[] = [];
  new MutationObserver(() => told.push(announcer.textContent ?? '')).observe(announcer, { childList: true, characterData: true, subtree: true });

  await edit('T3.R1.C1', 5); // breaks an equation: one new finding
  await settle(0);
  expect(told).toHaveLength(1);
  expect(told[0]).toMatch(/^新问题：/);

  await edit('T3.R1.C1', 5); // the same value again: a re-check, nothing new
  ($('check') as HTMLElement).click(); // 重新校验
  await settle();
  await edit('T2.R3.C1', 3); // a blank filled: the same errors
  await settle(0);
  expect(told).toHaveLength(1);

  await edit('T3.R1.C1', null as unknown as number); // back to consistent: said once
  await settle(0);
  expect(told).toHaveLength(2);
  expect(told[1]).toContain('全部勾稽关系通过');
});
