/// <reference types="office-js" />
/**
 * The pane's entry in Excel: once Office reports Excel, starts the pane over the Excel host. In
 * the shared runtime this page loads with the document once a template was inserted (the startup
 * behaviour is set then), so the edit watcher and the marks work before the pane is ever opened.
 * The pane's controls are the browser's own buttons and text boxes in Fluent 2's look
 * (taskpane.css): nothing to register, so they work the moment the page is parsed.
 *
 * Nothing else happens here: the in-page preview has its own entry and runs the same Pane over
 * its own host.
 */
import { ExcelHost, ExcelRun } from '../excel/host';
import { disableTrustUX, onPaneShown, opensWithWorkbook, setOpensWithWorkbook } from '../excel/office';
import { excelSelfTest, type OfficeFacts } from '../excel/selftest';
import { Pane } from './pane';
import { saverFor } from './parts/export-word';

void Office.onReady((info) => {
  // Outside Excel the preview's own entry (src/preview/main.ts) takes the page.
  if (info.host !== Office.HostType.Excel) return;
  const run = ((...args: unknown[]) => (Excel.run as (...a: unknown[]) => Promise<unknown>)(...args)) as ExcelRun;
  const isSetSupported = (name: string, version?: string) => Office.context.requirements.isSetSupported(name, version);
  const saveFile = saverFor(document, String(info.platform));
  const host = new ExcelHost(run, {
    isSetSupported,
    disableTrustUX: () => disableTrustUX(),
    startup: { get: opensWithWorkbook, set: setOpensWithWorkbook },
    paneShown: onPaneShown,
    selfTest: () => excelSelfTest(run, { isSetSupported, office: () => officeFacts(info), saveFile }),
  });
  // Windows desktop: a blob download is not documented to work in the web view; the system
  // browser is (OpenBrowserWindowApi), so 导出 Word offers it there.
  const openInBrowser =
    String(info.platform) === 'PC' && isSetSupported('OpenBrowserWindowApi', '1.1')
      ? (url: string) => {
          Office.context.ui.openBrowserWindow(url);
          return true;
        }
      : null;
  new Pane(document, host, { saveFile, openInBrowser });
});

/** What Office says about itself, for the 环境自检 report. */
function officeFacts(info: { host: Office.HostType | null; platform: Office.PlatformType | null }): OfficeFacts {
  const d = Office.context.diagnostics;
  return {
    host: String(d?.host ?? info.host ?? ''),
    platform: String(d?.platform ?? info.platform ?? ''),
    version: String(d?.version ?? ''),
    language: String(Office.context.displayLanguage ?? ''),
    userAgent: navigator.userAgent,
  };
}
