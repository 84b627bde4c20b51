/// <reference types="office-js" />
/**
 * The pane's entry in Excel: registers the Fluent UI components (bundled, nothing loads from the
 * internet) and, once Office reports Excel, starts the pane over the Excel host. In the shared
 * runtime this page loads with the document once a template was inserted (the startup behaviour
 * is set then), so the edit watcher and the marks work before the pane is ever opened.
 *
 * Nothing else happens here: the in-page preview has its own entry and runs the same Pane over
 * its own host.
 */
import '@fluentui/web-components/button.js';
import '@fluentui/web-components/text-input.js';
import { setTheme } from '@fluentui/web-components';
import { webLightTheme } from '@fluentui/tokens';
import { ExcelHost, ExcelRun, loadWithDocument } from '../excel/host';
import { Pane } from './pane';
import { saverFor } from './parts/export-word';

setTheme(webLightTheme);

void Office.onReady((info) => {
  // Outside Excel the preview's own entry (src/preview/main.ts) takes the page.
  if (info.host !== Office.HostType.Excel) return;
  const run = ((...args: unknown[]) => (Excel.run as (...a: unknown[]) => Promise<unknown>)(...args)) as ExcelRun;
  const host = new ExcelHost(run, {
    supports: (version) => Office.context.requirements.isSetSupported('ExcelApi', version),
    keepLoaded: loadWithDocument,
  });
  new Pane(document, host, { saveFile: saverFor(document, String(info.platform)) });
});
