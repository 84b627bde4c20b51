/// <reference types="et-jsapi-declare" />
/**
 * The pane's entry in WPS (taskpane.html of the WPS build): the same Pane as in Excel and the
 * preview, over the WPS host; its controls are the browser's own, which every WPS webview runs.
 * A notice left by the ribbon's 插入年报模板 (./notice.ts) is shown when the pane opens, and
 * looked for again while it is open.
 */
import './polyfills';
import { Pane } from '../taskpane/pane';
import { showStartError } from '../taskpane/dom';
import { announce } from '../taskpane/session';
import { wpsApplication } from './book';
import { WpsHost } from './host';
import { takeNotice } from './notice';

const fail = (message: string): void => showStartError(document, message);

function start(): void {
  const app = wpsApplication();
  if (!app) {
    fail('此页面须在 WPS 表格的“年报校验”窗格中打开。');
    return;
  }
  const first = takeNotice(app);
  if (first) announce(first);
  new Pane(document, new WpsHost(app));
  // The ribbon may leave a notice while the pane is already open (this year's template exists).
  setInterval(() => {
    const n = takeNotice(app);
    if (n) announce(n);
  }, 1000);
}

try {
  start();
} catch (e) {
  fail(`年报校验窗格未能启动：${e instanceof Error ? e.message : String(e)}`);
}
