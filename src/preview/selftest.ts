/**
 * 环境自检 in the preview, against its own host: the same probes as in Excel where the preview has
 * the capability, run on a scratch workbook of its own (a PreviewWorkbook that is never drawn),
 * so the workbook on screen is never touched and nothing needs removing afterwards.
 *
 * It tells a person trying the preview (or a test in Chromium) what this browser does with the
 * pane: office.js served by us, inserting, reading and writing through the WorkbookHost
 * contract, edits arriving as bursts, the custom functions' code, acknowledgements kept, and a
 * file offered for download.
 */
/// <reference types="office-js" />
import { balance } from '../functions/functions';
import type { SelfTestPlan, WorkbookHost } from '../host/contract';
import { SAVE_TEST_FILE, type Probe } from '../selftest/run';
import { browserDownload } from '../taskpane/parts/export-word';
import { PreviewHost } from './host';
import { PreviewWorkbook } from './workbook';

export const PREVIEW_SELFTEST_NOTICE = '环境自检在一份不显示的临时工作簿中插入模板、写入、读取和校验，页面上的工作簿不会被改动；最后一项会下载一个很小的文本文件，以确认浏览器能否保存窗格给出的文件。';

export interface PreviewSelfTestOptions {
  doc?: Document;
  /** How long to wait for an edit to arrive (ms). */
  waitMs?: number;
  /** Makes the scratch host (tests break one capability of it at a time). */
  scratch?: () => { host: WorkbookHost; book: PreviewWorkbook };
  /** Hands a file to the user; the browser's download by default. */
  saveFile?: ((bytes: Uint8Array, name: string, mime: string) => boolean) | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The self-test of the preview page. `host` and `book` are the page's own, only looked at. */
export function previewSelfTest(_host: WorkbookHost, _book: PreviewWorkbook, options: PreviewSelfTestOptions = {}): SelfTestPlan {
  const doc = options.doc ?? (typeof document === 'undefined' ? undefined : document);
  const wait = options.waitMs ?? 2000;
  let scratch: { host: WorkbookHost; book: PreviewWorkbook } | null = null;
  let sheet: string | null = null;
  const scratchHost = () => (scratch ??= options.scratch?.() ?? (() => {
    const book = new PreviewWorkbook(null);
    return { book, host: new PreviewHost(book, { burstMs: 20 }) };
  })());
  const template = async (): Promise<string> => {
    if (sheet !== null) return sheet;
    const { host } = scratchHost();
    const outcome = await host.insertTemplate({ org: '自检', year: 2024 });
    sheet = outcome.sheet;
    return sheet;
  };

  const probes: Probe[] = [
    {
      id: 'platform',
      title: '平台与版本',
      run: async () => {
        const ua = doc?.defaultView?.navigator.userAgent ?? '';
        if (!ua) throw new Error('浏览器没有报告版本');
        return `浏览器预览 · ${ua}`;
      },
    },
    {
      id: 'office-js',
      title: 'office.js（由本站提供）',
      run: async () => {
        if (typeof Office === 'undefined') throw new Error('office.js 没有加载：预览照常工作，但在 Excel 中加载项将无法启动');
        const src = [...(doc?.scripts ?? [])].map((s) => s.src).find((s) => /office(\.debug)?\.js(\?|$)/.test(s)) ?? '';
        return `已加载${src ? `：${src}` : ''}；不在 Office 中，进入预览`;
      },
    },
    {
      id: 'insert',
      title: '插入模板（临时工作簿）',
      run: async () => {
        const name = await template();
        return `已插入工作表“${name}”`;
      },
    },
    {
      id: 'read',
      title: '读取模板',
      run: async () => {
        const read = await scratchHost().host.read(await template());
        if (!read.isTemplate || read.unreadable.length > 0) throw new Error('未能读出表格');
        return `读出 ${Object.keys(read.addresses).length} 个填写格`;
      },
    },
    {
      id: 'write',
      title: '写入填写格',
      run: async () => {
        const { host, book } = scratchHost();
        const name = await template();
        await host.write(name, [{ cell: 'T3.R1.C1', value: 7 }]);
        // Looked at in the workbook itself, so this item does not depend on the read above.
        const back = book.value(name, 'T3.R1.C1');
        if (back !== 7) throw new Error(`写入 7，工作簿中为 ${String(back)}`);
        return 'T3.R1.C1 写入 7，工作簿中已是 7';
      },
    },
    {
      id: 'events',
      title: '编辑后收到通知（一次编辑一次校验）',
      run: async () => {
        const { host, book } = scratchHost();
        const name = await template();
        let heard: string | null = null;
        const stop = await host.onEdit((burst) => {
          heard = burst.cells === 'unknown' ? 'unknown' : burst.cells.join(',');
        });
        try {
          book.set(name, { cells: new Map([['T3.R1.C2', '8']]) }, 'user');
          for (let waited = 0; heard === null && waited < wait; waited += 20) await sleep(20);
        } finally {
          await stop();
        }
        if (heard === null) throw new Error(`${Math.round(wait / 1000)} 秒内没有收到编辑通知`);
        return `收到 ${heard}`;
      },
    },
    {
      id: 'functions',
      title: '自定义函数的代码（NIANBAO.BALANCE）',
      run: async () => {
        const value = balance(3, 1, 4, 0);
        if (value !== '✓') throw new Error(`结果为 ${String(value)}，应为 ✓`);
        return 'NIANBAO.BALANCE(3,1,4,0) 得 ✓';
      },
    },
    {
      id: 'findings-block',
      title: '问题清单：添加与移除',
      run: async () => {
        const { host } = scratchHost();
        const name = await template();
        if (!host.setFindingsBlock || !host.findingsBlock) throw new Error('此宿主没有问题清单');
        await host.setFindingsBlock(name, true);
        if (!(await host.findingsBlock(name))) throw new Error('添加后没有问题清单');
        await host.setFindingsBlock(name, false);
        if (await host.findingsBlock(name)) throw new Error('移除后仍有问题清单');
        return '添加、移除均正常';
      },
    },
    {
      id: 'acknowledgements',
      title: '保存与读回“已说明”',
      run: async () => {
        const { host } = scratchHost();
        const ack = { fingerprint: 'selftest', sheet: await template(), reason: '自检 <b>&', at: new Date(0).toISOString() };
        await host.saveAcknowledgements([ack]);
        const back = await host.loadAcknowledgements();
        if (back.length !== 1 || back[0].reason !== ack.reason) throw new Error('读回的内容与保存的不同');
        return '保存、读回一致';
      },
    },
    {
      id: 'save',
      title: '保存文件（导出 Word 用）',
      run: async () => {
        const save = options.saveFile === undefined ? (doc ? browserDownload(doc) : null) : options.saveFile;
        if (!save) throw new Error('此环境不能保存文件');
        const bytes = new TextEncoder().encode('nianbao 环境自检：保存文件测试。\r\n');
        if (!save(bytes, SAVE_TEST_FILE, 'text/plain')) throw new Error('浏览器拒绝了下载');
        return `已交给浏览器下载“${SAVE_TEST_FILE}”，请到“下载”文件夹中查看`;
      },
    },
  ];

  const environment = (): Array<[string, string]> => [
    ['宿主', '浏览器预览（不是 Excel）'],
    ['浏览器', doc?.defaultView?.navigator.userAgent ?? '未知'],
    ['页面', doc?.location?.href ?? '未知'],
    ['自检时间', new Date().toISOString()],
  ];

  return { environment, probes, notice: PREVIEW_SELFTEST_NOTICE };
}
