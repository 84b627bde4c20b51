/// <reference types="et-jsapi-declare" />
/**
 * The ribbon's page and the pane are two pages in WPS (two scripts, two module instances), so a
 * notice from the 插入年报模板 button ("this year's template exists", a failure) reaches the pane
 * through Application.PluginStorage, which WPS shares between an add-in's pages. It is session
 * state, never data: PluginStorage is not saved with the workbook.
 */
import type { Notice } from '../taskpane/session';
import type { EtApplication } from './book';

const KEY = 'nianbao.notice';

function storage(app: EtApplication): WPS.PluginStorage | null {
  try {
    return app.PluginStorage ?? null;
  } catch {
    return null;
  }
}

export function passNotice(app: EtApplication, notice: Notice): void {
  storage(app)?.setItem(KEY, JSON.stringify(notice));
}

/** The notice waiting for the pane, taken (so it shows once); null when there is none or it is not one of ours. */
export function takeNotice(app: EtApplication): Notice | null {
  const s = storage(app);
  const raw = s?.getItem(KEY);
  if (!s || !raw) return null;
  s.removeItem(KEY);
  try {
    const n = JSON.parse(raw) as Record<string, unknown>;
    if (n.kind === 'inserted' && typeof n.sheet === 'string') return { kind: 'inserted', sheet: n.sheet };
    if (n.kind === 'exists' && typeof n.sheet === 'string' && typeof n.org === 'string' && (typeof n.year === 'number' || n.year === null)) return { kind: 'exists', sheet: n.sheet, org: n.org, year: n.year };
    if (n.kind === 'error' && typeof n.message === 'string') return { kind: 'error', message: n.message };
    if (n.kind === 'ledger' && typeof n.sheet === 'string') return { kind: 'ledger', sheet: n.sheet };
  } catch {
    /* not ours */
  }
  return null;
}
