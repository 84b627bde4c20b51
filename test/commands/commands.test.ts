/// <reference types="office-js" />
import { sheetTitle } from '../../src/core/sheet';
import { INSERT_ACTION } from '../../src/commands/actions';
import { FakeExcel } from '../fakes/excel-fake';

type Handler = (event: { completed: () => void }) => Promise<void>;

function load(fake: FakeExcel) {
  const associate = jest.fn();
  const showAsTaskpane = jest.fn().mockResolvedValue(undefined);
  const setStartupBehavior = jest.fn().mockResolvedValue(undefined);
  const settings = new Map<string, unknown>();
  const saveAsync = jest.fn((cb: (r: { status: string }) => void) => cb({ status: 'succeeded' }));
  const documentSettings = { get: (k: string) => settings.get(k) ?? null, set: (k: string, v: unknown) => settings.set(k, v), saveAsync };
  Object.assign(globalThis, {
    Office: { actions: { associate }, addin: { showAsTaskpane, setStartupBehavior }, StartupBehavior: { none: 'None', load: 'Load' }, context: { document: { settings: documentSettings } } },
    Excel: { run: fake.run },
  });
  let session!: typeof import('../../src/taskpane/session');
  jest.isolateModules(() => {
    require('../../src/commands/commands');
    session = require('../../src/taskpane/session');
  });
  const notices: unknown[] = [];
  session.onNotice((n) => notices.push(n));
  expect(associate).toHaveBeenCalledWith(INSERT_ACTION, expect.any(Function));
  const handler = associate.mock.calls[0][1] as Handler;
  const click = async () => {
    const event = { completed: jest.fn() };
    await handler(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
  };
  return { click, showAsTaskpane, setStartupBehavior, notices, session, settings, saveAsync };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
  delete (globalThis as Record<string, unknown>).Excel;
});

test('one click inserts the template for the default year without opening anything', async () => {
  const fake = new FakeExcel();
  fake.addSheet('Sheet1');
  const { click, showAsTaskpane, setStartupBehavior, notices, session, settings, saveAsync } = load(fake);
  await click();
  // Colleagues without the add-in get no trust prompt; whether the add-in opens with the workbook is the user's choice in the pane.
  expect(settings.get('Office.DisableTrustUX')).toBe(true);
  expect(saveAsync).toHaveBeenCalledTimes(1);
  expect(setStartupBehavior).not.toHaveBeenCalled();
  const title = sheetTitle(session.defaultYear());
  expect(fake.model.sheets.map((s) => s.name)).toEqual(['Sheet1', title]);
  expect(showAsTaskpane).not.toHaveBeenCalled();
  expect(notices).toEqual([{ kind: 'inserted', sheet: title }]);
});

test('a second click finds the template and opens the pane to ask', async () => {
  const fake = new FakeExcel();
  const { click, showAsTaskpane, notices, session } = load(fake);
  await click();
  await click();
  expect(fake.model.sheets).toHaveLength(1);
  expect(showAsTaskpane).toHaveBeenCalledTimes(1);
  expect(notices[1]).toEqual({ kind: 'exists', sheet: sheetTitle(session.defaultYear()), org: '', year: session.defaultYear() });
});

test('a failure is reported in the pane, and the button is released', async () => {
  const fake = new FakeExcel();
  fake.failOn = (what) => what.startsWith('write merge');
  const { click, showAsTaskpane, notices } = load(fake);
  await click();
  expect(showAsTaskpane).toHaveBeenCalledTimes(1);
  expect(notices).toEqual([{ kind: 'error', message: expect.stringMatching(/^插入年报模板失败：/) }]);
  expect(fake.model.sheets).toHaveLength(0);
});

test('the default year: the year just ended until October', () => {
  const { defaultYear } = require('../../src/taskpane/session') as typeof import('../../src/taskpane/session');
  expect(defaultYear(new Date(2025, 0, 15))).toBe(2024);
  expect(defaultYear(new Date(2025, 8, 30))).toBe(2024);
  expect(defaultYear(new Date(2025, 9, 1))).toBe(2025);
});
