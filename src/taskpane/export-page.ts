/**
 * export.html: opened in the user's default browser by the pane's 在浏览器中导出 (see
 * export-link.ts). Reads the report from the fragment, validates it as a report file, builds the
 * Word document with the same code as the pane and the command line, and offers it for download.
 * Text only, never HTML; the fragment is cleared once read.
 */
import { parseReportJson } from '../core/report-schema';
import { DOCX_MIME, exportDocx, exportFileName } from '../export';
import { browserDownload, COMMAND_LINE_HINT } from './parts/export-word';
import { reportJsonFromFragment } from './export-link';

function say(doc: Document, lines: string[], error = false): void {
  const box = doc.getElementById('export-page-status')!;
  box.className = error ? 'notice error' : 'notice';
  box.replaceChildren(
    ...lines.map((line) => {
      const p = doc.createElement('p');
      p.textContent = line;
      return p;
    }),
  );
}

export async function runExportPage(doc: Document): Promise<void> {
  const win = doc.defaultView!;
  const json = reportJsonFromFragment(win.location.hash);
  // The report stays out of the address bar (and the history entry) once read.
  win.history.replaceState(null, '', win.location.pathname + win.location.search);
  if (json === null) return say(doc, ['这个地址中没有年报数据：请在 Excel 的“年报校验”窗格中点“在浏览器中导出”。', COMMAND_LINE_HINT], true);
  const parsed = parseReportJson(json);
  if (!parsed.ok) return say(doc, [`年报数据无法读取：${parsed.error}`, COMMAND_LINE_HINT], true);
  const name = exportFileName(parsed.report.org, parsed.report.year);
  const bytes = await exportDocx(parsed.report);
  const save = () => browserDownload(doc)(bytes, name, DOCX_MIME);
  const again = doc.getElementById('export-page-again')!;
  again.hidden = false;
  again.addEventListener('click', () => void save());
  save();
  say(doc, [`已生成“${name}”，浏览器正在下载；如果没有看到下载，请点“再次下载”。`, '正文中的数字由表格生成；黄色底纹处请补充后再发布。']);
}

void runExportPage(document).catch((e) => say(document, [`未能生成 Word 文档：${e instanceof Error ? e.message : String(e)}`, COMMAND_LINE_HINT], true));
