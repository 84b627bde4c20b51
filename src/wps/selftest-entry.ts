/// <reference types="et-jsapi-declare" />
/** The 环境自检 page's entry (selftest.html): see ./selftest-page.ts. */
import './polyfills';
import { wpsApplication } from './book';
import { failStart } from './pane-start';
import { runWpsSelfTest } from './selftest-page';

function start(): void {
  const app = wpsApplication();
  const container = document.getElementById('selftest');
  if (!app || !container) {
    failStart(document, '此页面须在 WPS 表格中由“年报”选项卡的“环境自检”按钮打开。');
    return;
  }
  const again = document.getElementById('selftest-again');
  const run = (): void => {
    again?.setAttribute('disabled', '');
    void runWpsSelfTest(document, container, app).finally(() => again?.removeAttribute('disabled'));
  };
  again?.addEventListener('click', run);
  run();
}

try {
  start();
} catch (e) {
  failStart(document, `环境自检未能启动：${e instanceof Error ? e.message : String(e)}`);
}
