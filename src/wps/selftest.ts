/// <reference types="et-jsapi-declare" />
/**
 * 环境自检 in WPS 表格: every capability nianbao uses, tried in the user's real WPS, on a scratch
 * workbook the self-test opens itself and closes unsaved — the user's open workbooks are never
 * touched. Nobody here can run WPS: this is how a first real install turns into a report
 * (docs/deployment-wps.md, “安装后先运行自检”).
 *
 * Each probe tries one capability and nothing else, so one failure marks one item: reading uses
 * its own sheet with the template's names and cells, writing its own sheet, and so on. Only the
 * scratch workbook is shared: without it the workbook probes say they were skipped.
 *
 * The probes are data for src/selftest/run.ts (runProbes never throws; a probe that throws is ✗
 * with its error), shown by src/taskpane/selftest-view.ts on the 自检 page (./selftest-page.ts).
 */
import { a1, areaA1, sheetPlan, sheetTitle } from '../core/sheet';
import type { Probe } from '../selftest/run';
import { ACK_MARKER, findAckSheet } from './acknowledgements';
import { EtApplication, activeWorkbook, countOf, member, nameOf, quietly, worksheets } from './book';
import { FUNCTION_IDS, NAMESPACE, functionsState, supportsCustomFunctions } from './functions';
import { WpsHost } from './host';
import { addSheetName, contents, ownName } from './template';

const YEAR = 2024;
const ORG = '自检';
/** Kso.MsoFileDialogType: save-as and file picker (the enums do not exist at run time). */
const SAVE_AS = 2;
const FILE_PICKER = 3;

export interface WpsSelfTestOptions {
  /** The embedded browser's user agent (navigator.userAgent). */
  userAgent: string;
  /** How long to wait for an event WPS may raise after the call returns, in ms. */
  eventWaitMs?: number;
}

/** The members nianbao calls that no other probe tries (events, functions and files have their own), each by where it is read from. */
const API: Array<[string, (app: EtApplication) => unknown]> = [
  ['Application.ActiveWorkbook', (app) => (app as { ActiveWorkbook?: unknown }).ActiveWorkbook !== undefined],
  ['Application.Workbooks', (app) => app.Workbooks],
  ['Application.PluginStorage', (app) => typeof app.PluginStorage?.getItem === 'function' && typeof app.PluginStorage.setItem === 'function'],
  ['Application.CreateTaskPane', (app) => ['CreateTaskPane', 'CreateTaskpane'].some((n) => typeof (app as unknown as Record<string, unknown>)[n] === 'function')],
  ['Application.GetTaskPane', (app) => typeof app.GetTaskPane === 'function'],
  ['Application.EnableEvents', (app) => typeof app.EnableEvents === 'boolean'],
  ['Application.ScreenUpdating', (app) => typeof app.ScreenUpdating === 'boolean'],
  ['Application.DisplayAlerts', (app) => typeof app.DisplayAlerts === 'boolean'],
  ['Application.Calculate', (app) => typeof app.Calculate === 'function'],
];

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `done()` or the time is up (WPS may raise an event after the call that caused it returns). */
async function until(done: () => boolean, ms: number): Promise<boolean> {
  for (let waited = 0; !done() && waited < ms; waited += 20) await wait(20);
  return done();
}

/** Environment lines of the report: what WPS and its browser say they are. */
export function wpsEnvironment(app: EtApplication, userAgent: string): Array<[string, string]> {
  const read = (name: string): string => {
    try {
      const v = member<unknown>(app, name);
      return v === undefined || v === null || v === '' ? '未知' : String(v);
    } catch {
      return '未知';
    }
  };
  return [
    ['宿主', 'WPS 表格'],
    ['WPS 版本', `${read('Version')}（Build ${read('Build')}）`],
    ['浏览器', userAgent || '未知'],
  ];
}

/**
 * The probes, in the order they run. The scratch workbook is opened by the 'workbook' probe and
 * closed by the last one ('close'); the user's workbook in view is shown again after it.
 */
export function wpsProbes(app: EtApplication, options: WpsSelfTestOptions): Probe[] {
  const eventWaitMs = options.eventWaitMs ?? 1000;
  let userBook: Et.Workbook | null = null;
  let scratch: Et.Workbook | null = null;
  /** EnableEvents and ScreenUpdating as the user had them: put back by the end, whatever failed. */
  let settings: { events: boolean; screen: boolean } | null = null;
  let sheets = 0;

  /** The scratch workbook, brought to the front (our host works on the active workbook). */
  const book = (): Et.Workbook => {
    if (!scratch) throw new Error('未能建立临时工作簿，此项未检查');
    scratch.Activate();
    return scratch;
  };
  /** A new sheet of the scratch workbook, named for the probe. */
  const newSheet = (label: string): Et.Worksheet => {
    const b = book();
    const all = b.Worksheets;
    const ws = all.Add(undefined, all.Item(countOf(all))) as Et.Worksheet;
    ws.Name = `自检${++sheets}${label}`;
    ws.Activate();
    return ws;
  };

  return [
    {
      id: 'version',
      title: 'WPS 版本与浏览器',
      run: async () => {
        const version = member<unknown>(app, 'Version');
        const build = member<unknown>(app, 'Build');
        if (version === undefined && build === undefined) throw new Error('读不到 Application.Version 与 Build');
        return `WPS ${String(version ?? '?')}（Build ${String(build ?? '?')}）；${options.userAgent || '浏览器未知'}`;
      },
    },
    {
      id: 'api',
      title: '所用接口齐全',
      run: async () => {
        const missing = API.filter(([, has]) => {
          try {
            return !has(app);
          } catch {
            return true;
          }
        }).map(([name]) => name);
        if (missing.length > 0) throw new Error(`缺少 ${missing.join('、')}`);
        return `${API.length} 项接口均在`;
      },
    },
    {
      id: 'workbook',
      title: '临时工作簿（自检在其中进行，不动您打开的工作簿）',
      run: async () => {
        userBook = activeWorkbook(app);
        settings = { events: app.EnableEvents, screen: app.ScreenUpdating };
        scratch = app.Workbooks.Add() as Et.Workbook;
        if (!scratch) throw new Error('Workbooks.Add 没有返回工作簿');
        return `已新建“${nameOf(scratch)}”`;
      },
    },
    {
      id: 'insert',
      title: '模板插入（名称、数据有效性、条件格式、保护）',
      run: async () => {
        const b = book();
        const outcome = await new WpsHost(app).insertTemplate({ org: ORG, year: YEAR });
        if (outcome.status !== 'inserted') throw new Error(`未插入：${outcome.status}`);
        const ws = b.Worksheets.Item(outcome.sheet) as Et.Worksheet;
        const plan = sheetPlan(ORG, YEAR);
        const missing = plan.names.filter((n) => !ownName(ws, n.name)).map((n) => n.name);
        if (missing.length > 0) throw new Error(`工作表级名称缺少 ${missing.join('、')}`);
        const mark = plan.marks[0];
        const marks = mark ? countOf(ws.Range(areaA1(mark.area)).FormatConditions) : 0;
        if (mark && marks < 1) throw new Error('条件格式未写入');
        const yearCheck = String(ws.Range(a1(plan.year.row, plan.year.col)).Validation.ErrorMessage ?? '');
        if (!yearCheck) throw new Error('数据有效性未写入');
        if (member<unknown>(ws, 'ProtectContents') !== true) throw new Error('工作表未保护');
        return `名称 ${plan.names.length} 个（工作表级），条件格式 ${plan.marks.length} 条，数据有效性与保护均在`;
      },
    },
    {
      id: 'read',
      title: '读取模板（按名称，每张表一次读取）',
      run: async () => {
        const ws = newSheet('读');
        const plan = sheetPlan(ORG, YEAR);
        const b = book();
        for (const n of plan.names) addSheetName(b, ws, n.name, `='${nameOf(ws)}'!${areaA1(n.area, true)}`);
        const body = contents(plan);
        quietly(app, () => (ws.Range(areaA1(body.area)).Value2 = body.grid));
        const read = await new WpsHost(app).read(nameOf(ws));
        if (!read.isTemplate) throw new Error('读不到模板的表格（名称未能解析）');
        if (read.report.year !== YEAR) throw new Error(`报告年度读作 ${String(read.report.year)}`);
        return `读到三张表，年度 ${read.report.year}`;
      },
    },
    {
      id: 'write',
      title: '写入（数字为数字，文本为文本）',
      run: async () => {
        const ws = newSheet('写');
        const before = app.EnableEvents;
        quietly(app, () => (ws.Range('A1:C1').Value2 = [[12, "'=1+1", "'0012"]]));
        if (app.EnableEvents !== before) throw new Error('写入后 EnableEvents 未恢复');
        const back = ws.Range('A1:C1').Value2 as unknown[][];
        const row = Array.isArray(back) ? back[0] : [];
        if (row[0] !== 12) throw new Error(`数字 12 读回为 ${JSON.stringify(row[0])}`);
        if (row[1] !== '=1+1' || row[2] !== '0012') throw new Error(`文本读回为 ${JSON.stringify(row.slice(1))}`);
        return '数字、以“=”开头的文本和前导 0 均按原样保存';
      },
    },
    {
      id: 'events',
      title: '事件（SheetChange、SheetActivate）',
      run: async () => {
        const ws = newSheet('事件');
        const other = newSheet('切换');
        ws.Activate();
        const seen = { change: '', activate: '' };
        const onChange = (sheet: unknown, target: unknown) => (seen.change = `${nameOf(sheet as object)}!${String((target as Et.Range).Address(false, false))}`);
        const onActivate = (sheet: unknown) => (seen.activate = nameOf(sheet as object));
        const events = app.ApiEvent as unknown as { AddApiEventListener(e: string, f: unknown): void; RemoveApiEventListener(e: string, f: unknown): void };
        events.AddApiEventListener('SheetChange', onChange);
        events.AddApiEventListener('SheetActivate', onActivate);
        try {
          const enabled = app.EnableEvents;
          app.EnableEvents = true;
          try {
            ws.Range('B2').Value2 = [[7]];
            other.Activate();
          } finally {
            app.EnableEvents = enabled;
          }
          const changed = await until(() => seen.change !== '', eventWaitMs);
          const activated = await until(() => seen.activate !== '', eventWaitMs);
          const missing = [changed ? '' : 'SheetChange', activated ? '' : 'SheetActivate'].filter(Boolean);
          if (missing.length > 0) throw new Error(`${eventWaitMs / 1000} 秒内没有收到 ${missing.join('、')}`);
          return `SheetChange（${seen.change}）、SheetActivate（${seen.activate}）均已收到`;
        } finally {
          events.RemoveApiEventListener('SheetChange', onChange);
          events.RemoveApiEventListener('SheetActivate', onActivate);
        }
      },
    },
    {
      id: 'functions',
      title: `工作表函数（${NAMESPACE}.*）`,
      run: async () => {
        const state = functionsState(app);
        if (state?.state === 'failed') throw new Error(`注册失败：${state.error}`);
        if (state?.state === 'unsupported' || !supportsCustomFunctions(app)) throw new Error('此版本 WPS 没有 AddCustomFunction（需 12.1.0.20540 及以上）');
        const ws = newSheet('函数');
        quietly(app, () => (ws.Range('A1').Value2 = `=${NAMESPACE}.BALANCE(5,1,6,0)`));
        app.Calculate();
        const value = ws.Range('A1').Value2;
        if (value !== '✓') throw new Error(`=${NAMESPACE}.BALANCE(5,1,6,0) 得到 ${JSON.stringify(value)}，应为 ✓`);
        return `已注册 ${FUNCTION_IDS.length} 个，${NAMESPACE}.BALANCE 计算正确`;
      },
    },
    {
      id: 'acks',
      title: '说明的保存与读取（深度隐藏的工作表）',
      run: async () => {
        const b = book();
        const host = new WpsHost(app);
        const ack = { sheet: sheetTitle(YEAR), fingerprint: 'selftest', reason: '自检', at: '2024-01-01T00:00:00.000Z' };
        await host.saveAcknowledgements([ack]);
        const back = await host.loadAcknowledgements();
        if (back.length !== 1 || back[0].reason !== ack.reason || back[0].fingerprint !== ack.fingerprint) throw new Error(`读回 ${back.length} 条，与写入不符`);
        const ws = findAckSheet(b);
        if (!ws || ws.Range('A1').Value2 !== ACK_MARKER) throw new Error('找不到保存说明的工作表');
        const hidden = ws.Visible as unknown;
        if (!(hidden === 2 || hidden === false || hidden === 0)) throw new Error(`保存说明的工作表未隐藏（Visible=${String(hidden)}）`);
        return `写入并读回 1 条；工作表 ${worksheets(b).length} 张`;
      },
    },
    {
      id: 'dialogs',
      title: '文件对话框（导出 Word、导入、保存报告）',
      run: async () => {
        const files = app.FileSystem;
        const missing = ['writeAsBinaryString', 'readAsBinaryString', 'Exists'].filter((m) => typeof (files as unknown as Record<string, unknown> | undefined)?.[m] !== 'function');
        if (missing.length > 0) throw new Error(`FileSystem 缺少 ${missing.join('、')}`);
        for (const type of [SAVE_AS, FILE_PICKER]) {
          const dialog = app.FileDialog(type as Kso.MsoFileDialogType);
          if (!dialog || typeof dialog.Show !== 'function') throw new Error(`FileDialog(${type}) 不可用`);
        }
        return '另存为与打开对话框可用（未弹出）；可用下方“保存为 .txt”实际保存一次';
      },
    },
    {
      id: 'close',
      title: '关闭临时工作簿（不保存）',
      run: async () => {
        if (!scratch) return '没有临时工作簿';
        const closing = scratch;
        scratch = null;
        try {
          closing.Close(false);
        } finally {
          userBook?.Activate();
        }
        const now = { events: app.EnableEvents, screen: app.ScreenUpdating };
        if (settings && (now.events !== settings.events || now.screen !== settings.screen)) {
          app.EnableEvents = settings.events;
          app.ScreenUpdating = settings.screen;
          throw new Error(`自检后 EnableEvents=${String(now.events)}、ScreenUpdating=${String(now.screen)}，与自检前不同（已恢复）`);
        }
        return userBook ? `已关闭，回到“${nameOf(userBook)}”；EnableEvents、ScreenUpdating 与自检前相同` : '已关闭';
      },
    },
  ];
}
