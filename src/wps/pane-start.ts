/// <reference types="et-jsapi-declare" />
/**
 * Starting the pane in WPS (src/wps/taskpane.ts is the page's entry): the same Pane as in Excel
 * and the preview, over the WPS host; its controls are the browser's own.
 *
 * What only WPS needs:
 * - files go through WPS's own dialogs (./files.ts), the browser's way as the fallback;
 * - a notice left by the ribbon's 插入年报模板 (./notice.ts) is shown when the pane opens, and
 *   looked for again while it is open;
 * - when the worksheet functions could not be registered, a line says so (the ribbon's page
 *   registered them and left what happened in PluginStorage);
 * - on `pagehide` the host's event listeners are removed, so a reloaded pane leaves none behind;
 * - a pane that cannot start says why, with the embedded browser's user agent, which tells the
 *   maintainers which Chromium this WPS embeds.
 */
import { Pane } from '../taskpane/pane';
import { showStartError } from '../taskpane/dom';
import { browserDownload } from '../taskpane/parts/export-word';
import { announce } from '../taskpane/session';
import type { EtApplication } from './book';
import { wpsOpenFile, wpsSaveFile } from './files';
import { functionsNote, functionsState } from './functions';
import { WpsHost } from './host';
import { wpsEnvironment, wpsProbes } from './selftest';
import { takeNotice } from './notice';

/** The start error with the browser it happened in. */
export function startErrorText(message: string, userAgent: string): string {
  return `${message}（浏览器：${userAgent || '未知'}）`;
}

/** The one line a page shows when it cannot start, with the user agent. */
export const failStart = (doc: Document, message: string): void => showStartError(doc, startErrorText(message, doc.defaultView?.navigator.userAgent ?? ''));

/** The line about the worksheet functions, first in the pane, when they are not there. */
export function showFunctionsNote(doc: Document, app: EtApplication): void {
  const note = functionsNote(functionsState(app));
  if (note === null) return;
  const p = doc.createElement('p');
  p.className = 'note nb-functions-note';
  p.textContent = note;
  (doc.querySelector('main') ?? doc.body).prepend(p);
}

export function startWpsPane(doc: Document, app: EtApplication): { pane: Pane; host: WpsHost } {
  const first = takeNotice(app);
  if (first) announce(first);
  const view = doc.defaultView;
  const userAgent = view?.navigator.userAgent ?? '';
  const host = new WpsHost(app, {
    selfTest: () => ({
      environment: () => wpsEnvironment(app, userAgent),
      probes: wpsProbes(app, { userAgent }),
      notice: '自检在一个临时新建的工作簿中进行，结束后关闭且不保存，不改动您打开的工作簿。也可以用“年报”选项卡上的“环境自检”按钮。',
    }),
  });
  const pane = new Pane(doc, host, { saveFile: wpsSaveFile(app, browserDownload(doc)), openFile: wpsOpenFile(app) });
  showFunctionsNote(doc, app);
  view?.addEventListener('pagehide', () => host.dispose());
  return { pane, host };
}

