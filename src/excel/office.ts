/// <reference types="office-js" />
/**
 * What the Excel host needs from Office itself rather than from Excel.run: the document setting
 * that spares colleagues a trust prompt, the add-in's startup behaviour, and the pane's
 * visibility. Each call tolerates an Office that lacks it (older builds, the web).
 */

/**
 * "Managing trust options for Office Add-ins" (learn.microsoft.com/office/dev/add-ins/publish/
 * manage-trust-options): documents that load an add-in when opened, or that hold shared-runtime
 * custom functions, show a trust prompt ("ADD-IN ERROR" where it cannot load) to anyone who
 * opens them without the add-in. Setting Office.DisableTrustUX in the document's settings turns
 * that prompt off. Microsoft documents the setting for Office on Windows; Mac and the web ignore
 * it (there the prompt is shown by the web's own trust banner or not at all).
 */
export const DISABLE_TRUST_UX = 'Office.DisableTrustUX';

type Settings = Pick<Office.Settings, 'get' | 'set' | 'saveAsync'>;

function settings(): Settings | null {
  try {
    return (typeof Office !== 'undefined' && Office.context?.document?.settings) || null;
  } catch {
    return null;
  }
}

/** Sets Office.DisableTrustUX in this workbook (once: a workbook that has it is left alone). */
export async function disableTrustUX(store: Settings | null = settings()): Promise<boolean> {
  if (!store) return false;
  if (store.get(DISABLE_TRUST_UX) === true) return true;
  store.set(DISABLE_TRUST_UX, true);
  await new Promise<void>((resolve, reject) =>
    store.saveAsync((result) => (String(result.status) === 'failed' ? reject(result.error) : resolve())),
  );
  return true;
}

/** The add-in's startup behaviour for this workbook: true for 'load', false for 'none', null where Office cannot say. */
export async function opensWithWorkbook(): Promise<boolean | null> {
  try {
    const behavior = await Office.addin.getStartupBehavior();
    return String(behavior).toLowerCase() === 'load';
  } catch {
    return null;
  }
}

/**
 * Makes the add-in start with this workbook (or no longer). Only when the user asks the pane:
 * a workbook set to load its add-in shows recipients without it a trust prompt (see above) and,
 * on the web, the GetStarted callout on every reload (office-js#6451). Asks first and changes
 * nothing when it is already so, so an untouched workbook is not made dirty.
 */
export async function setOpensWithWorkbook(on: boolean): Promise<void> {
  const now = await opensWithWorkbook();
  if (now === on) return;
  const load = (Office.StartupBehavior?.load ?? 'Load') as Office.StartupBehavior;
  const none = (Office.StartupBehavior?.none ?? 'None') as Office.StartupBehavior;
  await Office.addin.setStartupBehavior(on ? load : none);
}

/** Calls back when the pane is shown again (SharedRuntime 1.1); a no-op where Office has no such event. */
export async function onPaneShown(listener: () => void): Promise<() => Promise<void>> {
  try {
    if (typeof Office.addin?.onVisibilityModeChanged !== 'function') return async () => undefined;
    return await Office.addin.onVisibilityModeChanged((message) => {
      if (String(message.visibilityMode).toLowerCase() === 'taskpane') listener();
    });
  } catch {
    return async () => undefined;
  }
}
