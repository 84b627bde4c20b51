/** @jest-environment jsdom */
/// <reference types="et-jsapi-declare" />
/**
 * The WPS 环境自检 (src/wps/selftest.ts) against the strict fake: every item ✓ on a WPS that does
 * what the documentation says; with each capability broken in turn, that item ✗ with the error
 * text and the rest as before, nothing thrown; and always the user's workbook untouched, the
 * scratch workbook closed unsaved, EnableEvents and ScreenUpdating as they were.
 */
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';
import type { ProbeResult } from '../../src/selftest/run';
import { FakeEt, FakeEtOptions } from '../fakes/wps-fake';

Object.assign(globalThis, { TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder, TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder });

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/104.0.5112.102 Safari/537.36 WpsOfficeApp/12.1.0.16250';
const IDS = ['version', 'api', 'workbook', 'insert', 'read', 'write', 'events', 'functions', 'acks', 'dialogs', 'close'];

async function selfTest(options: FakeEtOptions = {}, override?: (app: WPSMergedRoot) => WPSMergedRoot) {
  const fake = new FakeEt(options);
  const mine = fake.addSheet('我的数据');
  fake.userEdit('我的数据', 'A1:B1', [['件数', 3]]);
  const userBook = fake.book!;
  const uninstall = fake.install();
  const before = { cells: JSON.stringify([...mine.cells]), names: fake.names.length, sheets: fake.sheets.map((s) => s.name) };
  try {
    let results: ProbeResult[] = [];
    let report = '';
    await jest.isolateModulesAsync(async () => {
      const { registerFunctions } = await import('../../src/wps/functions');
      const { wpsProbes, wpsEnvironment } = await import('../../src/wps/selftest');
      const { runProbes, selfTestReport } = await import('../../src/selftest/run');
      const app = override ? override(fake.app) : fake.app;
      registerFunctions(app); // what the ribbon's page does as the add-in loads
      results = await runProbes(wpsProbes(app, { userAgent: UA, eventWaitMs: 100 }));
      report = selfTestReport(wpsEnvironment(app, UA), results);
    });
    // The user's workbook: untouched, in front again.
    expect(fake.book).toBe(userBook);
    expect(JSON.stringify([...mine.cells])).toBe(before.cells);
    expect(fake.names).toHaveLength(before.names);
    expect(fake.sheets.map((s) => s.name)).toEqual(before.sheets);
    expect(fake.enableEvents).toBe(true);
    expect(fake.screenUpdating).toBe(true);
    expect(fake.dialogs).toHaveLength(0);
    return { fake, results, report, failed: results.filter((r) => !r.ok).map((r) => r.id) };
  } finally {
    uninstall();
  }
}

test('on a WPS that does what its documentation says, every item is ✓, on a scratch workbook closed unsaved', async () => {
  const { fake, results, report, failed } = await selfTest();
  expect(results.map((r) => r.id)).toEqual(IDS);
  expect([failed, results.filter((r) => !r.ok).map((r) => r.detail)]).toEqual([[], []]);
  expect(fake.books).toHaveLength(2);
  expect(fake.books[1]).toMatchObject({ closed: true, saved: false });
  expect(report).toContain('WPS 版本：12.1（Build 20540）');
  expect(report).toContain(`浏览器：${UA}`);
  expect(report).toContain(`共 ${IDS.length} 项，全部通过。`);
  expect(results.find((r) => r.id === 'functions')!.detail).toContain('NIANBAO.BALANCE 计算正确');
});

// Each capability broken the way a build might lack it; the item that tries it is ✗ with the error, the rest ✓.
const BROKEN: Array<[string, string, FakeEtOptions, RegExp]> = [
  ['version', 'Version and Build unreadable', { broken: ['Application.Version', 'Application.Build'] }, /Application\.Version/],
  ['api', 'no GetTaskPane', { broken: ['Application.GetTaskPane'] }, /缺少 Application\.GetTaskPane/],
  ['insert', 'conditional formats refused', { broken: ['FormatConditions.Add'] }, /FormatConditions\.Add/],
  ['read', "names' references unreadable", { broken: ['Name.RefersTo'] }, /RefersTo/],
  ['write', 'numbers stored as text', { numbersAsText: true }, /数字 12 读回为 "12"/],
  ['events', 'no event listeners', { broken: ['ApiEvent.AddApiEventListener'] }, /AddApiEventListener/],
  ['functions', 'a WPS before 12.1.0.20540', { customFunctions: false }, /没有 AddCustomFunction/],
  ['functions', 'registration refused', { customFunctions: 'throws' }, /注册失败：AddCustomFunction: 加载项未获授权/],
  ['acks', 'no very hidden sheets', { broken: ['Worksheet.Visible='] }, /Visible/],
  ['dialogs', 'no FileDialog or FileSystem', { files: false }, /FileSystem/],
  ['close', 'the scratch workbook refuses to close', { broken: ['Workbook.Close'] }, /Close/],
];

test.each(BROKEN)('%s ✗ alone when broken (%s), nothing thrown', async (id, _what, options, error) => {
  const { results, failed } = await selfTest(options);
  expect(failed).toEqual([id]);
  expect(results.find((r) => r.id === id)!.detail).toMatch(error);
});

test('without a scratch workbook, the workbook items say they were skipped, the others still run', async () => {
  const { fake, results, failed } = await selfTest({ broken: ['Workbooks.Add'] });
  expect(failed).toEqual(['workbook', 'insert', 'read', 'write', 'events', 'functions', 'acks']);
  for (const r of results.filter((x) => x.ok === false && x.id !== 'workbook')) expect(r.detail).toContain('未能建立临时工作簿');
  expect(fake.books).toHaveLength(1);
});

test('a build with members as methods and a boolean Visible passes too (the guards of src/wps/book.ts)', async () => {
  const { failed } = await selfTest({ methodMembers: true, visibleAsBoolean: true });
  expect(failed).toEqual([]);
});

test("a build whose Worksheet.Names.Add makes workbook names: names made the other VBA way, the self-test passes; where neither works, the insertion item says so", async () => {
  expect((await selfTest({ sheetNames: 'workbook' })).failed).toEqual([]);
  const never = await selfTest({ sheetNames: 'never' });
  expect(never.failed).toEqual(['insert', 'read']);
  expect(never.results.find((r) => r.id === 'insert')!.detail).toContain('不能建立工作表级名称');
});
