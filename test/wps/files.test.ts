/** @jest-environment jsdom */
/// <reference types="et-jsapi-declare" />
/**
 * Files in the WPS pane (src/wps/files.ts) and what only the WPS pane adds (src/wps/pane-start.ts):
 * 导出 Word saved through WPS's save-as dialog and FileSystem, 导入 and last year's file opened
 * through its file picker, the browser's way where WPS has neither; never a save reported that did
 * not happen; the functions' absence said; listeners gone on pagehide; the start error with the
 * user agent.
 */
import fs from 'fs';
import path from 'path';
import { Blob as NodeBlob } from 'buffer';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';
import { sheetTitle } from '../../src/core/sheet';
import { filterOf, fromBinaryString, toBinaryString, wpsOpenFile, wpsSaveFile } from '../../src/wps/files';
import { consistentReport } from '../helpers/reports';
import { FakeEt, FakeEtOptions } from '../fakes/wps-fake';

Object.assign(globalThis, { TextDecoder: globalThis.TextDecoder ?? NodeTextDecoder, TextEncoder: globalThis.TextEncoder ?? NodeTextEncoder });
if (typeof (globalThis.Blob as unknown as { prototype: { arrayBuffer?: unknown } }).prototype.arrayBuffer !== 'function') Object.assign(globalThis, { Blob: NodeBlob });

const HTML = fs.readFileSync(path.join(__dirname, '../../src/taskpane/taskpane.html'), 'utf8');
const $ = (id: string) => document.getElementById(id) as HTMLElement;
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));
const bytes = (s: string) => new TextEncoder().encode(s);

describe('saving through WPS', () => {
  test('the save-as dialog offers the name; the file is written where the user chose, with its extension', () => {
    const fake = new FakeEt();
    const save = wpsSaveFile(fake.app, null);
    fake.dialogAnswers.push('D:\\年报\\木厂镇2024');
    expect(save(bytes('内容'), '木厂镇2024年报.docx', 'application/x')).toEqual({ path: 'D:\\年报\\木厂镇2024.docx' });
    expect(fake.dialogs).toEqual([{ type: 2, title: '保存', initialFileName: '木厂镇2024年报.docx', filters: [] }]);
    expect(new TextDecoder().decode(fromBinaryString(fake.disk.get('D:\\年报\\木厂镇2024.docx')!))).toBe('内容');
  });

  test('a closed dialog is "cancelled", a refused write throws: never a save that did not happen', () => {
    const fake = new FakeEt();
    const save = wpsSaveFile(fake.app, () => true);
    expect(save(bytes('x'), 'a.docx', 'm')).toBe('cancelled');
    fake.dialogAnswers.push('/readonly/a.docx');
    expect(() => save(bytes('x'), 'a.docx', 'm')).toThrow('未能写入“/readonly/a.docx”');
    expect(fake.disk.size).toBe(0);
  });

  test('a WPS without FileDialog or FileSystem: the browser download, or false where there is none', () => {
    const fake = new FakeEt({ files: false });
    const download = jest.fn(() => true);
    expect(wpsSaveFile(fake.app, download)(bytes('x'), 'a.docx', 'm')).toBe(true);
    expect(download).toHaveBeenCalledWith(bytes('x'), 'a.docx', 'm');
    expect(wpsSaveFile(fake.app, null)(bytes('x'), 'a.docx', 'm')).toBe(false);
  });

  test('bytes go through the binary string whole, large files too', () => {
    const all = new Uint8Array(200_000).map((_, i) => (i * 7) & 0xff);
    expect(fromBinaryString(toBinaryString(all))).toEqual(all);
  });
});

describe('opening through WPS', () => {
  test("the picker filters by the input's accept, and the chosen file comes back read, by its own name", () => {
    const fake = new FakeEt();
    fake.disk.set('/home/张三/2023年报.json', toBinaryString(bytes('{"x":1}')));
    fake.dialogAnswers.push('/home/张三/2023年报.json');
    const chosen = wpsOpenFile(fake.app)('.json,.xlsx,not-an-ext');
    expect(chosen).toEqual({ name: '2023年报.json', bytes: bytes('{"x":1}') });
    expect(fake.dialogs[0]).toEqual({ type: 3, title: '选择文件', initialFileName: '', filters: ['年报文件|*.json;*.xlsx'] });
    expect(wpsOpenFile(fake.app)('.json')).toBe('cancelled');
    expect(filterOf('')).toBe('');
  });

  test('a WPS without the dialog leaves it to the page', () => {
    expect(wpsOpenFile(new FakeEt({ files: false }).app)('.json')).toBe('unavailable');
  });

  test('a file chosen in the dialog that cannot be read: the page\'s file input opens instead, within the same click', async () => {
    const fake = new FakeEt();
    fake.dialogAnswers.push('/gone.json');
    const open = wpsOpenFile(fake.app);
    expect(() => open('.json')).toThrow(/找不到文件/);
    const { chooseFile } = await import('../../src/taskpane/part');
    const input = document.createElement('input');
    input.type = 'file';
    const clicked = jest.spyOn(input, 'click').mockImplementation(() => undefined);
    const chosen = jest.fn();
    fake.dialogAnswers.push('/gone.json');
    chooseFile(input, open, chosen);
    expect([clicked.mock.calls.length, chosen.mock.calls.length]).toEqual([1, 0]);
    chooseFile(input, () => 'cancelled', chosen);
    expect([clicked.mock.calls.length, chosen.mock.calls.length]).toEqual([1, 0]);
  });
});

describe('the WPS pane', () => {
  async function pane(options: FakeEtOptions = {}, before?: (fake: FakeEt) => void) {
    const fake = new FakeEt(options);
    fake.addSheet('Sheet1');
    const uninstall = fake.install();
    document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(HTML)![1];
    let started!: ReturnType<typeof import('../../src/wps/pane-start')['startWpsPane']>;
    let mod!: typeof import('../../src/wps/pane-start');
    jest.isolateModules(() => {
      const functions = require('../../src/wps/functions') as typeof import('../../src/wps/functions');
      functions.registerFunctions(fake.app);
      before?.(fake);
      mod = require('../../src/wps/pane-start');
      started = mod.startWpsPane(document, fake.app);
    });
    await started.pane.ready;
    await started.pane.idle();
    return { fake, uninstall, mod, ...started };
  }

  let cleanup: (() => void) | null = null;
  afterEach(() => {
    cleanup?.();
    cleanup = null;
  });

  test('导出 Word is saved through the save-as dialog and says where; a closed dialog says nothing was saved', async () => {
    const s = await pane();
    cleanup = s.uninstall;
    await s.host.insertTemplate({ org: '木厂镇', year: 2024 });
    await s.pane.refresh(sheetTitle(2024));
    await s.pane.idle();
    s.fake.dialogAnswers.push('/home/张三/年报.docx');
    $('export-button').click();
    await settle(300);
    await s.pane.idle();
    expect($('export-status').textContent).toMatch(/^已保存到“\/home\/张三\/年报\.docx”。/);
    expect(fromBinaryString(s.fake.disk.get('/home/张三/年报.docx')!).subarray(0, 2)).toEqual(bytes('PK'));
    $('export-button').click();
    await settle(300);
    await s.pane.idle();
    expect($('export-status').textContent).toBe('已取消保存，没有生成文件。');
  });

  test("导入本年数据 opens WPS's picker and reads the file chosen there; without the picker the page's file input opens", async () => {
    const s = await pane();
    cleanup = s.uninstall;
    await s.host.insertTemplate({ org: '木厂镇', year: 2024 });
    await s.pane.refresh(sheetTitle(2024));
    await s.pane.idle();
    s.fake.disk.set('/tmp/修订.json', toBinaryString(bytes(JSON.stringify(consistentReport(3, '木厂镇', 2024)))));
    s.fake.dialogAnswers.push('/tmp/修订.json');
    const input = $('import-file') as HTMLInputElement;
    const opened = jest.spyOn(input, 'click');
    $('import-button').click();
    await settle(300);
    await s.pane.idle();
    expect(opened).not.toHaveBeenCalled();
    expect($('import-panel').textContent).toContain('已从“修订.json”导入');
    s.uninstall();
    cleanup = null;
    const t = await pane({ files: false });
    cleanup = t.uninstall;
    const input2 = $('import-file') as HTMLInputElement;
    const opened2 = jest.spyOn(input2, 'click').mockImplementation(() => undefined);
    $('prior-file-button').click();
    expect(opened2).not.toHaveBeenCalled();
    const prior = jest.spyOn($('prior-file') as HTMLInputElement, 'click').mockImplementation(() => undefined);
    $('prior-file-button').click();
    expect(prior).toHaveBeenCalledTimes(1);
  });

  test('where the functions could not be registered the pane says so first; where they are, nothing is said', async () => {
    const s = await pane({ customFunctions: false });
    cleanup = s.uninstall;
    expect(document.querySelector('.nb-functions-note')?.textContent).toMatch(/^此版本 WPS 没有加载项工作表函数（需 12\.1\.0\.20540 及以上）/);
    s.uninstall();
    const t = await pane({ customFunctions: 'throws' });
    cleanup = t.uninstall;
    expect(document.querySelector('.nb-functions-note')?.textContent).toMatch(/^工作表函数 NIANBAO\.CHECK 等未能注册（AddCustomFunction: 加载项未获授权）/);
    t.uninstall();
    const u = await pane();
    cleanup = u.uninstall;
    expect(document.querySelector('.nb-functions-note')).toBeNull();
  });

  test("the pane's own 环境自检 runs the WPS probes on a scratch workbook, all ✓, the user's workbook in front again", async () => {
    const s = await pane();
    cleanup = s.uninstall;
    expect($('selftest-section').hidden).toBe(false);
    expect($('selftest-note').textContent).toContain('临时新建的工作簿');
    const report = await s.pane.selfTest.run();
    expect(report).toContain('全部通过');
    expect(Array.from(document.querySelectorAll('#selftest-results [data-probe]')).every((li) => li.classList.contains('ok'))).toBe(true);
    expect(s.fake.books.map((b) => b.closed)).toEqual([false, true]);
    expect(s.fake.book).toBe(s.fake.books[0]);
  });

  test('on pagehide every listener the pane added is removed from WPS', async () => {
    const s = await pane();
    cleanup = s.uninstall;
    expect(s.fake.listenerCount('SheetChange')).toBe(1);
    expect(s.fake.listenerCount('SheetActivate')).toBe(1);
    window.dispatchEvent(new Event('pagehide'));
    expect(s.fake.listenerCount('SheetChange')).toBe(0);
    expect(s.fake.listenerCount('SheetActivate')).toBe(0);
  });

  test("a pane that cannot start says why and in which browser", async () => {
    const { failStart, startErrorText } = await import('../../src/wps/pane-start');
    expect(startErrorText('未能启动', 'Chrome/104.0 WpsOfficeApp/12.1')).toBe('未能启动（浏览器：Chrome/104.0 WpsOfficeApp/12.1）');
    document.body.innerHTML = '<main></main>';
    failStart(document, '此页面须在 WPS 表格中打开。');
    expect(document.querySelector('[role="alert"]')?.textContent).toBe(`此页面须在 WPS 表格中打开。（浏览器：${navigator.userAgent}）`);
  });
});
