/// <reference types="office-js" />
/**
 * The pane's entry: registers the Fluent UI components (bundled, nothing loads from the
 * internet) and starts the pane once Office is ready.
 */
import '@fluentui/web-components/button.js';
import '@fluentui/web-components/text-input.js';
import { setTheme } from '@fluentui/web-components';
import { webLightTheme } from '@fluentui/tokens';
import { Pane } from './pane';

setTheme(webLightTheme);

void Office.onReady(async (info) => {
  if (info.host !== Office.HostType.Excel) {
    const summary = document.getElementById('summary');
    if (summary) summary.textContent = '请在 Excel 中打开本加载项。';
    return;
  }
  const pane = new Pane(document, { run: (batch) => Excel.run(batch) });
  // Events need ExcelApi 1.9 for the whole workbook; without them the pane still checks on request.
  if (Office.context.requirements.isSetSupported('ExcelApi', '1.9')) await pane.watch().catch(() => undefined);
});
