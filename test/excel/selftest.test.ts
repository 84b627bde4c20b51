/// <reference types="office-js" />
/**
 * The Excel 环境自检 against the strict fake: every item passes on a capable Excel; each
 * capability broken in turn fails that item alone, nothing throws, and the user's sheets are
 * left exactly as they were, the scratch sheets gone.
 */
import { inputPosition, sheetPlan, a1 } from '../../src/core/sheet';
import { EXCEL_SELFTEST_NOTICE, SCRATCH_SHEET, excelSelfTest, type ExcelSelfTestOptions } from '../../src/excel/selftest';
import { runProbes, selfTestReport, type ProbeResult } from '../../src/selftest/run';
import { FakeExcel, FakeExcelOptions } from '../fakes/excel-fake';

const CAPABLE: FakeExcelOptions = { excelApi: '1.18', sets: { SharedRuntime: '1.1', CustomFunctionsRuntime: '1.1', ExcelUndoApiAll: '1.0', OpenBrowserWindowApi: '1.1' } };
const FACTS = { host: 'Excel', platform: 'PC', version: '16.0.17928.20114', language: 'zh-CN', userAgent: 'Mozilla/5.0 Edg/120' };

interface Run {
  fake: FakeExcel;
  results: ProbeResult[];
  byId: Record<string, ProbeResult>;
  saved: string[];
}

async function selfTest(options: { excel?: FakeExcelOptions; prepare?: (fake: FakeExcel) => void; deps?: Partial<ExcelSelfTestOptions> } = {}): Promise<Run> {
  const fake = new FakeExcel(options.excel ?? CAPABLE);
  fake.addSheet('Sheet1', { A1: '原有数据', B2: 42 });
  fake.addSheet('我的表', { C3: '=A1' });
  fake.model.activeSheetId = fake.sheet('我的表').id;
  options.prepare?.(fake);
  const saved: string[] = [];
  const plan = excelSelfTest(fake.run, {
    isSetSupported: fake.isSetSupported,
    office: () => FACTS,
    saveFile: (_bytes, name) => (saved.push(name), true),
    waitMs: 600,
    ...options.deps,
  });
  const results = await runProbes(plan.probes);
  return { fake, results, byId: Object.fromEntries(results.map((r) => [r.id, r])), saved };
}

const failedIds = (r: Run) => r.results.filter((x) => !x.ok).map((x) => x.id);

function expectUserSheetsUntouched(fake: FakeExcel): void {
  expect(fake.model.sheets.map((s) => s.name)).toEqual(['Sheet1', '我的表']);
  expect(fake.sheet('Sheet1').cellAt(0, 0)?.value).toBe('原有数据');
  expect(fake.sheet('Sheet1').cellAt(1, 1)?.value).toBe(42);
  expect(fake.sheet('我的表').cellAt(2, 2)?.formula).toBe('=A1');
  expect(fake.activeSheet()?.name).toBe('我的表');
  expect(fake.model.customXmlParts).toHaveLength(0);
  expect(fake.model.enableEvents).toBe(true);
}

test('on a capable Excel every item passes, the scratch sheets go, the user’s sheets stay as they were', async () => {
  const run = await selfTest();
  expect(failedIds(run)).toEqual([]);
  expect(run.results.map((r) => r.id)).toEqual(
    expect.arrayContaining(['platform', 'set:ExcelApi:1.9', 'set:SharedRuntime:1.1', 'insert', 'read', 'write', 'events', 'functions', 'xml', 'undo', 'save', 'cleanup']),
  );
  expect(run.byId.platform.detail).toContain('16.0.17928.20114');
  expect(run.byId.insert.detail).toMatch(/名称 \d+ 个，条件格式 \d+ 条/);
  expect(run.byId.functions.detail).toContain('✓');
  expect(run.saved).toEqual(['nianbao-保存测试.txt']);
  expectUserSheetsUntouched(run.fake);
  // What the notice says it costs: the undo history cleared (protection, sheet deletion).
  expect(run.fake.undoClearedBy).toEqual(expect.arrayContaining(['WorksheetProtection.protect', 'Worksheet.delete']));
  expect(EXCEL_SELFTEST_NOTICE).toContain('清空一次撤销记录');
  expect(EXCEL_SELFTEST_NOTICE).toContain(SCRATCH_SHEET);
});

const plan = sheetPlan('自检', 2024);
const addressOf = (id: 'T3.R1.C1') => {
  const p = inputPosition(plan, id);
  return a1(p.row, p.col);
};

const BREAKS: Array<[string, Parameters<typeof selfTest>[0], string[]]> = [
  ['platform', { deps: { office: () => { throw new Error('Office.context.diagnostics is undefined'); } } }, ['platform']],
  ['ExcelApi 1.9 missing', { deps: { isSetSupported: (n, v) => !(n === 'ExcelApi' && v === '1.9') && new FakeExcel(CAPABLE).isSetSupported(n, v) } }, ['set:ExcelApi:1.9']],
  ['SharedRuntime missing', { excel: { ...CAPABLE, sets: { ...CAPABLE.sets, SharedRuntime: '1.0' } } }, ['set:SharedRuntime:1.1']],
  ['conditional formats refused', { prepare: (f) => (f.failOn = (w) => w.startsWith('write conditionalFormats.add')) }, ['insert']],
  ['names unreadable', { prepare: (f) => (f.failOn = (w) => w.startsWith('resolve name')) }, ['read']],
  ['a write refused', { prepare: (f) => (f.failOn = (w) => w.startsWith('write values') && w.endsWith(`!${addressOf('T3.R1.C1')}`)) }, ['write']],
  ['no events', { prepare: (f) => (f.failOn = (w) => w.startsWith('register onChanged')) }, ['events']],
  ['custom functions not registered', { excel: { ...CAPABLE, functions: { 'en-US': ['NIANBAO.CHECK'], 'zh-CN': ['NIANBAO.CHECK'] } } }, ['functions']],
  ['custom XML parts refused', { prepare: (f) => (f.failOn = (w) => w === 'write customXmlParts.add') }, ['xml']],
  ['writes clear undo', { excel: { ...CAPABLE, sets: { ...CAPABLE.sets, ExcelUndoApiAll: '0.9' } } }, ['undo']],
  ['no file saving', { deps: { saveFile: null } }, ['save']],
];

test.each(BREAKS)('%s: that item alone fails, with its reason; nothing throws', async (_name, options, expected) => {
  const run = await selfTest(options);
  expect(failedIds(run)).toEqual(expected);
  const failed = run.byId[expected[0]];
  expect(failed.detail).not.toBe('');
  expectUserSheetsUntouched(run.fake);
});

test('a sheet that cannot be deleted fails the clean-up item and says so in the report', async () => {
  const run = await selfTest({ prepare: (f) => (f.failOn = (w) => w.startsWith('write delete worksheet')) });
  expect(failedIds(run)).toEqual(['cleanup']);
  const report = selfTestReport([['宿主', 'Excel']], run.results);
  expect(report).toMatch(/✗ 删除临时工作表.*错误代码 GeneralException/);
});

test('the report names the error code of a failed Excel call', async () => {
  const run = await selfTest({ prepare: (f) => (f.failOn = (w) => w === 'write customXmlParts.add') });
  expect(run.byId.xml.detail).toMatch(/^错误代码 GeneralException/);
});
