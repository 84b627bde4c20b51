/// <reference types="office-js" />
/**
 * 环境自检 in the user's real Excel: each capability the add-in relies on, tried once, reported
 * item by item (src/selftest/run.ts runs them; src/taskpane/selftest-view.ts shows them).
 *
 * Nothing of the user's is touched. The self-test works on scratch sheets of its own
 * ("nianbao自检", never activated) and a custom XML part of its own namespace, and removes them at
 * the end, also when an item failed. What it costs, said before it runs: inserting a template
 * protects a sheet and deleting a sheet are "Unsupported APIs" of "Undo capabilities with the
 * Excel JavaScript API", so the undo history is cleared once; and it offers a tiny text file for
 * download to see whether this Excel lets an add-in save a file.
 *
 * Each item stands alone: when the full insertion fails, the items that need a template read,
 * write and evaluate on a plain copy (names and contents only), so one broken capability shows
 * as one ✗.
 */
import { CELL_IDS } from '../core/tables';
import { inputPosition, a1, sheetPlan } from '../core/sheet';
import type { SelfTestPlan } from '../host/contract';
import { SAVE_TEST_FILE, type Probe } from '../selftest/run';
import type { ExcelRun } from './host';
import { queueTemplateRead } from './read';
import { drawNamesAndContents, drawPlan, uniqueSheetName } from './template';

export interface OfficeFacts {
  /** Office.context.diagnostics.host / platform / version; the display language; the web view's user agent. */
  host: string;
  platform: string;
  version: string;
  language: string;
  userAgent: string;
}

export interface ExcelSelfTestOptions {
  isSetSupported: (name: string, version?: string) => boolean;
  /** What Office says about itself; a function, so an Office that cannot say shows as one ✗. */
  office: () => OfficeFacts;
  /** Hands a small file to the user (the pane's 导出 Word does the same); null where this Excel cannot. */
  saveFile?: ((bytes: Uint8Array, name: string, mime: string) => boolean) | null;
  /** How long to wait for an event or a custom function's result (ms). */
  waitMs?: number;
}

export const SCRATCH_SHEET = 'nianbao自检';
export const SELFTEST_NAMESPACE = 'urn:nianbao:selftest';

export const EXCEL_SELFTEST_NOTICE =
  `环境自检会新建临时工作表“${SCRATCH_SHEET}”（不会切换过去），在其中插入一份模板、写入、读取并计算一个自定义函数，再把它删除；另写入并删除一个自检用的自定义 XML 部件。您的工作表不会被改动。插入模板（工作表保护）和删除工作表会清空一次撤销记录。最后一项会下载一个很小的文本文件（${SAVE_TEST_FILE}），以确认此 Excel 能否由加载项保存文件。`;

/** Sets the add-in uses: the manifest's, then the guarded ones and what each buys. */
const REQUIRED_SETS: Array<[string, string, string]> = [
  ['ExcelApi', '1.9', '加载项的全部表格操作'],
  ['SharedRuntime', '1.1', '任务窗格、功能区与自定义函数共用一个运行时'],
];
const OPTIONAL_SETS: Array<[string, string, string]> = [
  ['CustomFunctionsRuntime', '1.1', '自定义函数 NIANBAO.*'],
  ['ExcelApi', '1.14', '区分加载项自己的写入（triggerSource）'],
  ['ExcelApi', '1.18', '一次选中多处单元格'],
  ['ExcelUndoApiAll', '1.0', '加载项写入后仍可撤销'],
  ['OpenBrowserWindowApi', '1.1', '在系统浏览器中打开链接'],
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The self-test for this Excel: environment lines, the probes, and what running them touches. */
export function excelSelfTest(run: ExcelRun, options: ExcelSelfTestOptions): SelfTestPlan {
  const wait = options.waitMs ?? 5000;
  const plan = sheetPlan('自检', 2024);
  const pos = (id: (typeof CELL_IDS)[number]) => inputPosition(plan, id);
  /** Scratch sheets made so far (removed at the end), and the one holding a readable template. */
  const scratch: string[] = [];
  let templateSheet: string | null = null;
  let activeBefore: string | null = null;

  const newScratch = async (context: Excel.RequestContext): Promise<Excel.Worksheet> => {
    const sheets = context.workbook.worksheets.load('items/name');
    const active = context.workbook.worksheets.getActiveWorksheet().load('name');
    await context.sync();
    activeBefore ??= active.name;
    const name = uniqueSheetName(
      sheets.items.map((s) => s.name),
      SCRATCH_SHEET,
    );
    const ws = context.workbook.worksheets.add(name);
    scratch.push(name);
    return ws;
  };

  /** A sheet holding the template's names and contents: the inserted one, else a plain copy. */
  const ensureTemplate = async (): Promise<string> => {
    if (templateSheet !== null) return templateSheet;
    return run(async (context) => {
      const ws = await newScratch(context);
      drawNamesAndContents(ws, plan);
      await context.sync();
      templateSheet = scratch[scratch.length - 1];
      return templateSheet;
    });
  };

  /** Writes into an input cell (unlocked in every template) with this add-in's events as asked; restored in a finally. */
  const writeCell = (sheet: string, address: string, value: number | string, events: boolean, asFormula = false) =>
    run(async (context) => {
      context.runtime.enableEvents = events;
      try {
        const r = context.workbook.worksheets.getItem(sheet).getRange(address);
        if (asFormula) r.formulas = [[value]];
        else r.values = [[value]];
        await context.sync();
      } finally {
        context.runtime.enableEvents = true;
        await context.sync();
      }
    });

  const probes: Probe[] = [
    {
      id: 'platform',
      title: '平台与版本',
      run: async () => {
        const f = options.office();
        if (!f.host) throw new Error('Office 没有报告宿主');
        return `${f.host} · ${f.platform} · 版本 ${f.version || '未知'} · 界面语言 ${f.language || '未知'}`;
      },
    },
    ...REQUIRED_SETS.map(
      ([name, version, what]): Probe => ({
        id: `set:${name}:${version}`,
        title: `需求集 ${name} ${version}（必需：${what}）`,
        run: async () => {
          if (!options.isSetSupported(name, version)) throw new Error(`不支持：此 Excel 无法运行加载项的${what}`);
          return '支持';
        },
      }),
    ),
    ...OPTIONAL_SETS.map(
      ([name, version, what]): Probe => ({
        id: `set:${name}:${version}`,
        title: `需求集 ${name} ${version}（${what}）`,
        run: async () => (options.isSetSupported(name, version) ? '支持' : `不支持：${what}不可用，其余功能照常`),
      }),
    ),
    {
      id: 'insert',
      title: '在临时工作表中插入模板（名称、条件格式、数据有效性、工作表保护）',
      run: async () => {
        const made = await run(async (context) => {
          const ws = await newScratch(context);
          context.runtime.enableEvents = false;
          try {
            context.application.suspendScreenUpdatingUntilNextSync();
            drawPlan(ws, plan);
            await context.sync();
          } finally {
            context.runtime.enableEvents = true;
            await context.sync();
          }
          const names = ws.names.load('items/name');
          const count = ws.getRange().conditionalFormats.getCount();
          const protection = ws.protection.load('protected');
          await context.sync();
          return { sheet: scratch[scratch.length - 1], names: names.items.length, marks: count.value, protectedNow: protection.protected };
        });
        if (made.names < plan.names.length) throw new Error(`名称只有 ${made.names} 个，应为 ${plan.names.length} 个`);
        if (made.marks < plan.marks.length) throw new Error(`条件格式只有 ${made.marks} 条，应为 ${plan.marks.length} 条`);
        if (!made.protectedNow) throw new Error('工作表未受保护');
        templateSheet = made.sheet;
        return `名称 ${made.names} 个，条件格式 ${made.marks} 条，数据有效性已写入，工作表已保护`;
      },
    },
    {
      id: 'read',
      title: '读取模板（一次同步）',
      run: async () => {
        const sheet = await ensureTemplate();
        const read = await run(async (context) => {
          const { finish } = queueTemplateRead(context, sheet);
          await context.sync();
          return finish();
        });
        if (!read.isTemplate || read.unreadable.length > 0) throw new Error(`未能读出表格：${read.unreadable.join('、') || '没有表格名称'}`);
        return `读出表二、表三、表四共 ${CELL_IDS.length} 个填写格`;
      },
    },
    {
      id: 'write',
      title: '写入填写格',
      run: async () => {
        const sheet = await ensureTemplate();
        const p = pos('T3.R1.C1');
        await writeCell(sheet, a1(p.row, p.col), 7, false);
        const back = await run(async (context) => {
          const r = context.workbook.worksheets.getItem(sheet).getRange(a1(p.row, p.col)).load('values');
          await context.sync();
          return r.values[0][0];
        });
        if (back !== 7) throw new Error(`写入 7，读回 ${String(back)}`);
        return `${a1(p.row, p.col)} 写入 7 并读回`;
      },
    },
    {
      id: 'events',
      title: '写入后收到 onChanged 事件',
      run: async () => {
        const sheet = await ensureTemplate();
        const p = pos('T3.R1.C2');
        const address = a1(p.row, p.col);
        let heard: string | null = null;
        const registration = await run(async (context) => {
          const r = context.workbook.worksheets.getItem(sheet).onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
            heard = e.address;
          });
          await context.sync();
          return r;
        });
        try {
          await writeCell(sheet, address, 8, true);
          for (let waited = 0; heard === null && waited < wait; waited += 100) await sleep(100);
        } finally {
          await run(registration.context as Excel.RequestContext, async (context) => {
            registration.remove();
            await context.sync();
          }).catch(() => undefined);
        }
        if (heard === null) throw new Error(`${Math.round(wait / 1000)} 秒内没有收到 onChanged`);
        return `收到 ${address} 的 onChanged`;
      },
    },
    {
      id: 'functions',
      title: '自定义函数已注册并能计算（NIANBAO.BALANCE）',
      run: async () => {
        const sheet = await ensureTemplate();
        const p = pos('T3.R1.C3');
        const address = a1(p.row, p.col);
        await writeCell(sheet, address, '=NIANBAO.BALANCE(3,1,4,0)', false, true);
        let value: unknown = '#BUSY!';
        for (let waited = 0; ; waited += 200) {
          value = await run(async (context) => {
            const r = context.workbook.worksheets.getItem(sheet).getRange(address).load('values');
            await context.sync();
            return r.values[0][0];
          });
          if (value !== '#BUSY!' || waited >= wait) break;
          await sleep(200);
        }
        if (value === '#NAME?') throw new Error('#NAME?：自定义函数没有注册（请清除 Office 缓存后重新打开 Excel）');
        if (value === '#BUSY!') throw new Error(`${Math.round(wait / 1000)} 秒内没有算出结果（#BUSY!）`);
        if (value !== '✓') throw new Error(`结果为 ${String(value)}，应为 ✓`);
        return `=NIANBAO.BALANCE(3,1,4,0) 得 ✓`;
      },
    },
    {
      id: 'xml',
      title: '自定义 XML 部件：写入、读回、删除（“已说明”保存在这里）',
      run: async () => {
        const xml = `<nianbaoSelfTest xmlns="${SELFTEST_NAMESPACE}">自检 ✓ &amp; &lt;</nianbaoSelfTest>`;
        const back = await run(async (context) => {
          const part = context.workbook.customXmlParts.add(xml);
          await context.sync();
          const got = part.getXml();
          await context.sync();
          part.delete();
          await context.sync();
          return got.value;
        });
        if (!back.includes('自检 ✓ &amp; &lt;')) throw new Error('读回的内容与写入的不同');
        return '写入、读回一致，已删除';
      },
    },
    {
      id: 'undo',
      title: '加载项写入后能否撤销（Ctrl+Z）',
      run: async () => {
        if (!options.isSetSupported('ExcelUndoApiAll', '1.0')) {
          throw new Error('不能：此版本不支持 ExcelUndoApiAll，加载项的每次写入（一键修正、导入、问题清单的每次重算）都会清空撤销记录；窗格改为按需校验');
        }
        return '能：支持 ExcelUndoApiAll（插入模板、升级旧表仍会清空一次）';
      },
    },
    {
      id: 'save',
      title: '加载项保存文件（导出 Word 用）',
      run: async () => {
        if (!options.saveFile) throw new Error('此版本的 Excel（如 Mac 版、iPad 版）不允许加载项保存文件：导出 Word 请用命令行');
        const bytes = new TextEncoder().encode('nianbao 环境自检：保存文件测试。\r\n看到这个文件，说明导出 Word 可以在窗格中保存。\r\n');
        if (!options.saveFile(bytes, SAVE_TEST_FILE, 'text/plain')) throw new Error('此环境拒绝了下载');
        return `已交给 Excel 下载“${SAVE_TEST_FILE}”；加载项无法确认文件是否保存成功，请到“下载”文件夹中查看`;
      },
    },
    {
      id: 'cleanup',
      title: '删除临时工作表和自检 XML 部件',
      run: async () => {
        const removed = await run(async (context) => {
          const items = scratch.map((name) => {
            const ws = context.workbook.worksheets.getItemOrNullObject(name);
            return { ws, protection: ws.protection };
          });
          const parts = context.workbook.customXmlParts.getByNamespace(SELFTEST_NAMESPACE).load('items/id');
          await context.sync();
          const present = items.filter((i) => !i.ws.isNullObject);
          for (const i of present) i.protection.load('protected');
          await context.sync();
          for (const i of present) {
            if (i.protection.protected) i.protection.unprotect();
            i.ws.delete();
          }
          for (const p of parts.items) p.delete();
          const back = activeBefore === null ? null : context.workbook.worksheets.getItemOrNullObject(activeBefore);
          await context.sync();
          // Deleting a sheet never activated leaves the user where they were; this only makes sure.
          if (back && !back.isNullObject) {
            back.activate();
            await context.sync();
          }
          return present.length;
        });
        scratch.length = 0;
        templateSheet = null;
        return `已删除临时工作表 ${removed} 张`;
      },
    },
  ];

  const environment = (): Array<[string, string]> => {
    let f: OfficeFacts | null = null;
    try {
      f = options.office();
    } catch {
      f = null;
    }
    return [
      ['宿主', f ? `${f.host}（${f.platform}）` : '未知'],
      ['Office 版本', f?.version || '未知'],
      ['界面语言', f?.language || '未知'],
      ['浏览器内核', f?.userAgent || '未知'],
      ['自检时间', new Date().toISOString()],
    ];
  };

  return { environment, probes, notice: EXCEL_SELFTEST_NOTICE };
}
