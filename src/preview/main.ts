/**
 * The preview's entry, first in the task pane page's one script. Inside Excel it does nothing.
 * In a plain browser (Office.onReady reports no host, or office.js did not load at all) it starts
 * the preview — a separate chunk, so Excel never downloads it — beside the pane.
 *
 * Office.onReady alone decides. Waiting for it before fetching the chunk, though, puts a
 * download and the chunk's evaluation after the whole page has loaded, on the way to a usable
 * pane. So when none of the signs office.js itself looks for is there, the chunk is fetched at
 * once, while the rest of the page loads; onReady still decides whether it starts.
 */
/// <reference types="office-js" />
import { mark } from '../host/timing';
import { showStartError } from '../taskpane/dom';
import { looksLikePlainBrowser } from './plain-browser';
import { linkPreviewStylesheet } from './stylesheet';

// Where a cold load's time goes, for the bench: the page's script has started.
mark('nb:script');

type Start = typeof import('./start');

const loadPreview = (): Promise<Start> => import(/* webpackChunkName: "preview-app" */ './start');

const fail = (e: unknown): void => showStartError(document, `预览未能启动：${e instanceof Error ? e.message : String(e)}`);

let early: Promise<Start> | null = null;
if (typeof Office === 'undefined' || looksLikePlainBrowser(window)) {
  linkPreviewStylesheet(document); // arrives while the page loads, not after the preview mounts
  early = loadPreview();
  early.catch(() => undefined); // reported when the preview starts
}

const start = (): Promise<void> =>
  (early ?? loadPreview()).then(({ startPreview }) => {
    mark('nb:preview-loaded');
    startPreview(document);
  });

if (typeof Office === 'undefined') {
  void start().catch(fail);
} else {
  void Office.onReady((info) => {
    if (info.host) return;
    mark('nb:office-ready');
    return start().catch(fail);
  });
}
