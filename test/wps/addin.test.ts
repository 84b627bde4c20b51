/** @jest-environment jsdom */
/// <reference types="et-jsapi-declare" />
/**
 * The WPS add-in around the host: custom functions registered the WPS way where the build has
 * them, the ribbon's buttons, the pane opened with either spelling of CreateTaskPane, the
 * ribbon's notice reaching the pane.
 */
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';
import { a1, sheetPlan } from '../../src/core/sheet';
import { FINDINGS_FORMULA } from '../../src/core/sheet';
import { check } from '../../src/functions/functions';
import { FUNCTION_IDS, supportsCustomFunctions } from '../../src/wps/functions';
import { passNotice, takeNotice } from '../../src/wps/notice';
import { paneUrl, showPane } from '../../src/wps/pane-window';
import { FakeEt, FakeEtOptions } from '../fakes/wps-fake';

Object.assign(globalThis, { TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder, TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder });

const plan = sheetPlan();

function fresh(options: FakeEtOptions = {}) {
  const fake = new FakeEt(options);
  fake.addSheet('Sheet1');
  const uninstall = fake.install();
  let ribbon!: typeof import('../../src/wps/ribbon');
  jest.isolateModules(() => {
    ribbon = require('../../src/wps/ribbon');
  });
  return { fake, ribbon, uninstall };
}

describe('custom functions', () => {
  test('registered as NIANBAO.* from the same code as in Excel, with Chinese descriptions, when the add-in loads', () => {
    const { fake, uninstall } = fresh();
    try {
      expect([...fake.functions.keys()].sort()).toEqual(FUNCTION_IDS.map((id) => `NIANBAO.${id}`).sort());
      expect(fake.functions.get('NIANBAO.CHECK')!.fn.toString()).toBe(check.toString());
      expect(fake.functions.get('NIANBAO.BALANCE')!.metadata).toMatchObject({ parameters: [{ name: '本年新收' }, { name: '上年结转' }, { name: '办理总计' }, { name: '结转下年' }] });
      expect(fake.callFunction('NIANBAO.BALANCE', 5, 1, 6, 0)).toBe('✓');
      expect(fake.callFunction('NIANBAO.SUMCHECK', 7, [[3], [3]])).toBe(1);
    } finally {
      uninstall();
    }
  });

  test("an older WPS without AddCustomFunction: nothing registered, nothing thrown, and the template's findings formula falls back by itself", async () => {
    const { fake, ribbon, uninstall } = fresh({ customFunctions: false });
    try {
      expect(supportsCustomFunctions(fake.app)).toBe(false);
      expect(fake.functions.size).toBe(0);
      await ribbon.insertFromRibbon(fake.app);
      const sheet = fake.sheets[1];
      expect(sheet.name).toMatch(/年政府信息公开年报$/);
      // The plan's IFERROR shows its sentence where NIANBAO.CHECK does not exist.
      expect(sheet.shown(a1(plan.findings.row + 1, plan.findings.col))).toBe(`=${FINDINGS_FORMULA}`);
    } finally {
      uninstall();
    }
  });
});

describe('ribbon', () => {
  test('the callbacks are where ribbon.xml names them: window.ribbon.* and the bare globals', () => {
    const { uninstall } = fresh();
    try {
      const w = window as unknown as Record<string, unknown> & { ribbon: Record<string, unknown> };
      for (const name of ['OnAddinLoad', 'OnAction', 'GetImage', 'OnGetEnabled']) {
        expect(typeof w.ribbon[name]).toBe('function');
        expect(typeof w[name]).toBe('function');
      }
    } finally {
      uninstall();
    }
  });

  test('插入年报模板 inserts without opening the pane; a second time it opens the pane with the notice', async () => {
    const { fake, ribbon, uninstall } = fresh();
    try {
      localStorage.setItem('nianbao.org', '木厂镇');
      await ribbon.insertFromRibbon(fake.app);
      const year = fake.sheets[1].name;
      expect(year).toMatch(/年政府信息公开年报$/);
      expect(fake.taskPanes).toHaveLength(0);
      expect(takeNotice(fake.app)).toEqual({ kind: 'inserted', sheet: year });
      await ribbon.insertFromRibbon(fake.app);
      expect(fake.sheets).toHaveLength(2);
      expect(fake.taskPanes).toHaveLength(1);
      expect(fake.taskPanes[0].Visible).toBe(true);
      expect(takeNotice(fake.app)).toMatchObject({ kind: 'exists', sheet: year, org: '木厂镇' });
      expect(takeNotice(fake.app)).toBeNull();
    } finally {
      uninstall();
    }
  });

  test('a failed insertion opens the pane with a Chinese error', async () => {
    const { fake, ribbon, uninstall } = fresh();
    try {
      fake.protectStructure = true;
      await ribbon.insertFromRibbon(fake.app);
      expect(fake.taskPanes).toHaveLength(1);
      expect(takeNotice(fake.app)).toMatchObject({ kind: 'error', message: expect.stringMatching(/^插入年报模板失败：.*工作簿结构受保护/) });
    } finally {
      uninstall();
    }
  });

  test('年报校验 opens one pane beside index.html, found again the next time; either spelling of CreateTaskPane', () => {
    for (const spelling of ['CreateTaskPane', 'CreateTaskpane'] as const) {
      const { fake, ribbon, uninstall } = fresh({ taskPaneSpelling: spelling });
      try {
        ribbon.OnAction({ Id: 'nbOpenPane' });
        fake.taskPanes[0].Visible = false;
        ribbon.OnAction({ Id: 'nbOpenPane' });
        expect(fake.taskPanes).toHaveLength(1);
        expect(fake.taskPanes[0]).toMatchObject({ Visible: true, title: '政府信息公开年报' });
        expect(fake.taskPanes[0].url).toMatch(/taskpane\.html$/);
      } finally {
        uninstall();
      }
    }
  });

  test('a WPS without any task-pane factory is told so in Chinese', () => {
    const fake = new FakeEt();
    fake.addSheet('Sheet1');
    const app = new Proxy(fake.app, { get: (t, p) => (p === 'CreateTaskPane' ? undefined : Reflect.get(t, p)) });
    expect(() => showPane(app, 'x/taskpane.html')).toThrow('此版本 WPS 不支持加载项任务窗格');
  });

  test('the pane address sits beside the page, from a server or an unpacked folder', () => {
    expect(paneUrl('http://10.0.0.8/wps/nianbao/index.html?x=1')).toBe('http://10.0.0.8/wps/nianbao/taskpane.html');
    expect(paneUrl('file:///C:/Users/a/AppData/Roaming/kingsoft/wps/jsaddons/nianbao_0.1.0/index.html')).toBe('file:///C:/Users/a/AppData/Roaming/kingsoft/wps/jsaddons/nianbao_0.1.0/taskpane.html');
  });

  test('a notice that is not ours is dropped', () => {
    const fake = new FakeEt();
    fake.storage.set('nianbao.notice', '{"kind":"exists","sheet":1}');
    expect(takeNotice(fake.app)).toBeNull();
    passNotice(fake.app, { kind: 'error', message: '错' });
    expect(takeNotice(fake.app)).toEqual({ kind: 'error', message: '错' });
  });
});

describe('环境自检 on the ribbon', () => {
  test('the button opens selftest.html in a pane of its own, beside index.html; a second click shows it again and runs it anew', () => {
    const { fake, ribbon, uninstall } = fresh();
    try {
      ribbon.OnAction({ Id: 'nbOpenPane' });
      ribbon.OnAction({ Id: 'nbSelfTest' });
      expect(fake.taskPanes).toHaveLength(2);
      expect(fake.taskPanes[1]).toMatchObject({ Visible: true, title: '年报加载项环境自检' });
      expect(fake.taskPanes[1].url).toMatch(/\/selftest\.html$/);
      fake.taskPanes[1].Visible = false;
      fake.taskPanes[1].url = 'about:blank';
      ribbon.OnAction({ Id: 'nbSelfTest' });
      expect(fake.taskPanes).toHaveLength(2);
      expect(fake.taskPanes[1]).toMatchObject({ Visible: true });
      expect(fake.taskPanes[1].url).toMatch(/\/selftest\.html$/);
      // The checking pane is left as it was.
      expect(fake.taskPanes[0].url).toMatch(/\/taskpane\.html$/);
    } finally {
      uninstall();
    }
  });

  test('the page shows ✓ per item, and saves the report as a .txt through WPS’s save-as dialog (UTF-8 with BOM, CRLF)', async () => {
    const { fake, uninstall } = fresh();
    try {
      document.body.innerHTML = '<main><div id="selftest"></div></main>';
      const { runWpsSelfTest, REPORT_FILE } = await import('../../src/wps/selftest-page');
      const report = await runWpsSelfTest(document, document.getElementById('selftest')!, fake.app, { userAgent: 'Chrome/104 WpsOfficeApp/12.1', eventWaitMs: 50 });
      const items = Array.from(document.querySelectorAll('[data-probe]'));
      expect(items.length).toBeGreaterThan(8);
      expect(items.every((li) => li.classList.contains('ok'))).toBe(true);
      expect(report).toContain('全部通过');
      fake.dialogAnswers.push('C:\\Users\\张三\\Desktop\\自检');
      (document.querySelector('[data-selftest="save"]') as HTMLElement).click();
      await new Promise((r) => setTimeout(r, 20));
      expect(fake.dialogs.at(-1)).toMatchObject({ type: 2, initialFileName: REPORT_FILE });
      const saved = fake.disk.get('C:\\Users\\张三\\Desktop\\自检.txt')!;
      const bytes = Uint8Array.from(saved, (c) => c.charCodeAt(0));
      expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder().decode(bytes.subarray(3))).toBe(report.replace(/\n/g, '\r\n'));
    } finally {
      uninstall();
    }
  });
});
