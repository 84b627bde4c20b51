/// <reference types="et-jsapi-declare" />
/**
 * The add-in's main page in WPS (index.html → ribbon.js): the ribbon callbacks that wps/ribbon.xml
 * names, and the custom functions registered as the add-in loads.
 *
 * - 插入年报模板 inserts the template in one click, without the pane; only when there is
 *   something to decide (this year's template exists) or to report (a failure) does it open the
 *   pane, which shows the notice.
 * - 年报校验 opens the checking pane (taskpane.html).
 * - 环境自检 opens the self-test (selftest.html) in a pane of its own, which runs it at once on a
 *   scratch workbook (./selftest.ts).
 *
 * WPS calls the callbacks by the names in ribbon.xml: "ribbon.OnAction" as WPS's own templates
 * write them, and the bare globals as older add-ins do; both are provided.
 */
import './polyfills';
import { currentChoice, describeError } from '../taskpane/session';
import type { Notice } from '../taskpane/session';
import { EtApplication, wpsApplication } from './book';
import { registerFunctions } from './functions';
import { WpsHost } from './host';
import { passNotice } from './notice';
import { SELFTEST_PANE, paneUrl, showPane } from './pane-window';

export const INSERT_BUTTON = 'nbInsertTemplate';
export const CHECK_BUTTON = 'nbOpenPane';
export const SELFTEST_BUTTON = 'nbSelfTest';
export const LEDGER_BUTTON = 'nbInsertLedger';

interface RibbonControl {
  Id?: string;
  id?: string;
}

function app(): EtApplication {
  const a = wpsApplication();
  if (!a) throw new Error('未在 WPS 表格中运行');
  return a;
}

function openPane(a: EtApplication): void {
  showPane(a, paneUrl(location.href));
}

function tell(a: EtApplication, notice: Notice): void {
  passNotice(a, notice);
  openPane(a);
}

export async function insertFromRibbon(a: EtApplication = app()): Promise<void> {
  const { org, year } = currentChoice();
  try {
    const host = new WpsHost(a);
    const result = await host.insertTemplate({ org, year });
    if (result.status === 'exists') tell(a, { kind: 'exists', sheet: result.sheet, org, year });
    else passNotice(a, { kind: 'inserted', sheet: result.sheet });
  } catch (e) {
    tell(a, { kind: 'error', message: `插入年报模板失败：${describeError(e)}` });
  }
}

/** 插入台账: inserts the standard register and its summary, then opens the pane on it. */
export async function insertLedgerFromRibbon(a: EtApplication = app()): Promise<void> {
  const { org, year } = currentChoice();
  try {
    const result = await new WpsHost(a).insertLedger({ org, year });
    tell(a, { kind: 'ledger', sheet: result.sheet });
  } catch (e) {
    tell(a, { kind: 'error', message: `插入台账失败：${describeError(e)}` });
  }
}

export function OnAddinLoad(_ribbonUI?: unknown): boolean {
  const a = wpsApplication();
  if (a) registerFunctions(a);
  return true;
}

export function OnAction(control: RibbonControl): boolean {
  const id = control?.Id ?? control?.id;
  try {
    if (id === INSERT_BUTTON) void insertFromRibbon();
    else if (id === CHECK_BUTTON) openPane(app());
    else if (id === SELFTEST_BUTTON) showPane(app(), paneUrl(location.href, 'selftest.html'), SELFTEST_PANE);
    else if (id === LEDGER_BUTTON) void insertLedgerFromRibbon();
  } catch (e) {
    alert(`年报加载项：${describeError(e)}`);
  }
  return true;
}

export function GetImage(_control: RibbonControl): string {
  return 'assets/icon-32.png';
}

export function OnGetEnabled(): boolean {
  return true;
}

const callbacks = { OnAddinLoad, OnAddInLoad: OnAddinLoad, OnAction, GetImage, OnGetEnabled };
const g = window as unknown as Record<string, unknown>;
g.ribbon = { ...((g.ribbon as object | undefined) ?? {}), ...callbacks };
Object.assign(g, callbacks);
// The functions are there for formulas even before WPS calls onLoad (it calls it when the ribbon is drawn).
OnAddinLoad();
