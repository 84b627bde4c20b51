/// <reference types="et-jsapi-declare" />
/**
 * The pane's page entry in WPS (taskpane.html of the WPS build): see ./pane-start.ts.
 */
import './polyfills';
import { announce } from '../taskpane/session';
import { wpsApplication } from './book';
import { takeNotice } from './notice';
import { failStart, startWpsPane } from './pane-start';

const fail = (message: string): void => failStart(document, message);

function start(): void {
  const app = wpsApplication();
  if (!app) {
    fail('此页面须在 WPS 表格的“年报校验”窗格中打开。');
    return;
  }
  startWpsPane(document, app);
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
