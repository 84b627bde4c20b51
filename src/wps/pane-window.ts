/// <reference types="et-jsapi-declare" />
/**
 * Opening the checking pane from the ribbon: one task pane per WPS window, found again by the id
 * kept in PluginStorage. `CreateTaskPane` is the typings' spelling; some WPS documents spell it
 * `CreateTaskpane`: both are tried.
 */
import type { EtApplication } from './book';

export const PANE_TITLE = '政府信息公开年报';
const PANE_KEY = 'nianbao.paneId';
/** msoCTPDockPositionRight: the enums do not exist at run time. */
const DOCK_RIGHT: Kso.MsoCTPDockPosition.msoCTPDockPositionRight = 2;

type CreatePane = (url: string, title?: string) => WPS.CustomTaskpane;

function factory(app: EtApplication): CreatePane | null {
  for (const name of ['CreateTaskPane', 'CreateTaskpane']) {
    try {
      const f = (app as unknown as Record<string, unknown>)[name];
      if (typeof f === 'function') return (f as CreatePane).bind(app);
    } catch {
      /* a build without this spelling */
    }
  }
  return null;
}

/** Shows the pane, creating it the first time; returns it. */
export function showPane(app: EtApplication, url: string): WPS.CustomTaskpane {
  const id = Number(app.PluginStorage.getItem(PANE_KEY));
  if (Number.isInteger(id) && id > 0) {
    try {
      const pane = app.GetTaskPane(id);
      if (pane) {
        pane.Visible = true;
        return pane;
      }
    } catch {
      /* closed with its window: make a new one */
    }
  }
  const create = factory(app);
  if (!create) throw new Error('此版本 WPS 不支持加载项任务窗格（CreateTaskPane）');
  const pane = create(url, PANE_TITLE);
  try {
    pane.DockPosition = DOCK_RIGHT;
  } catch {
    /* docked where WPS puts it */
  }
  pane.Visible = true;
  app.PluginStorage.setItem(PANE_KEY, String(pane.ID));
  return pane;
}

/** The pane page's address beside the page that asks (index.html): relative, so it works from a server and from an unpacked .7z alike. */
export function paneUrl(here: string): string {
  return here.replace(/[?#].*$/, '').replace(/[^/]*$/, 'taskpane.html');
}
