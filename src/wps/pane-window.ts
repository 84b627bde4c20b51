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

export const SELFTEST_TITLE = '年报加载项环境自检';

export interface PaneKind {
  /** Where the pane's id is kept between clicks. */
  key: string;
  title: string;
  /** Load the page again when the pane is shown again (the 自检 runs anew). */
  reload?: boolean;
}

export const CHECK_PANE: PaneKind = { key: PANE_KEY, title: PANE_TITLE };
export const SELFTEST_PANE: PaneKind = { key: 'nianbao.selftestPaneId', title: SELFTEST_TITLE, reload: true };

/** Shows the pane, creating it the first time; returns it. */
export function showPane(app: EtApplication, url: string, kind: PaneKind = CHECK_PANE): WPS.CustomTaskpane {
  const id = Number(app.PluginStorage.getItem(kind.key));
  if (Number.isInteger(id) && id > 0) {
    try {
      const pane = app.GetTaskPane(id);
      if (pane) {
        if (kind.reload) pane.Navigate(url);
        pane.Visible = true;
        return pane;
      }
    } catch {
      /* closed with its window: make a new one */
    }
  }
  const create = factory(app);
  if (!create) throw new Error('此版本 WPS 不支持加载项任务窗格（CreateTaskPane）');
  const pane = create(url, kind.title);
  try {
    pane.DockPosition = DOCK_RIGHT;
  } catch {
    /* docked where WPS puts it */
  }
  pane.Visible = true;
  app.PluginStorage.setItem(kind.key, String(pane.ID));
  return pane;
}

/** A page's address beside the page that asks (index.html): relative, so it works from a server and from an unpacked .7z alike. */
export function paneUrl(here: string, page = 'taskpane.html'): string {
  return here.replace(/[?#].*$/, '').replace(/[^/]*$/, page);
}
