/**
 * The preview's entry, loaded with the task pane page. Inside Excel it does nothing. In a plain
 * browser (Office.onReady reports no host, or office.js did not load at all) it loads the
 * preview — a separate chunk, so Excel never downloads it — and starts it beside the pane.
 */
/// <reference types="office-js" />

async function start(): Promise<void> {
  const { startPreview } = await import(/* webpackChunkName: "preview-app" */ './start');
  startPreview(document);
}

function fail(e: unknown): void {
  const p = document.createElement('p');
  p.className = 'nb-start-error';
  p.setAttribute('role', 'alert');
  p.textContent = `预览未能启动：${e instanceof Error ? e.message : String(e)}`;
  document.body.prepend(p);
}

if (typeof Office === 'undefined') {
  void start().catch(fail);
} else {
  void Office.onReady((info) => {
    if (!info.host) return start().catch(fail);
  });
}
