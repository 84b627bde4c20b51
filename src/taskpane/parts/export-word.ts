/**
 * 导出 Word: the template in view as the official Word document, built in the page by the same
 * code as `nianbao export` (src/export). The builder and the docx library load as their own chunk
 * when the button is first used, so the pane starts as light as before.
 *
 * The document is offered for download where the host may let a page save a file (browsers,
 * Excel on the web and on Windows). Excel on Mac and iPad do not (their web view drops downloads
 * without a word, office-js#2700, "by design"): there the pane says so plainly and names the
 * command line. On Windows desktop a blob download is not documented to work either (Microsoft's
 * OpenBrowserWindowApi page names "downloading a PDF file when the webview control is provided by
 * Microsoft Edge" as what a sandboxed webview cannot always do; add-in authors report blob
 * downloads doing nothing, office-js#1145): the page cannot tell, so it never claims the file was
 * saved and always names the command line as the fallback.
 */
import type { Report } from '../../core/report';
import { button } from '../dom';
import { exportLink } from '../export-link';
import { PaneContext, elements, setDisabled } from '../part';
import { describeError } from '../session';

/** Hands the bytes to the user as a file; false when this host cannot. */
export type SaveFile = (bytes: Uint8Array, name: string, mime: string) => boolean;

/**
 * A save where the host may show its own save dialog (WPS): also `{ path }` when written where
 * the user chose (and checked there), 'cancelled' when the user closed the dialog.
 */
export type SaveFileAs = (bytes: Uint8Array, name: string, mime: string) => boolean | 'cancelled' | { path: string };

/** A SaveFileAs as a plain SaveFile: saved or not (a cancelled dialog saved nothing). */
export const savedOrNot =
  (save: SaveFileAs): SaveFile =>
  (bytes, name, mime) => {
    const saved = save(bytes, name, mime);
    return saved !== false && saved !== 'cancelled';
  };

/** A browser download: a blob link clicked; its URL let go once the download has started. */
export function browserDownload(doc: Document): SaveFile {
  return (bytes, name, mime) => {
    const view = doc.defaultView;
    if (!view?.URL?.createObjectURL) return false;
    const url = view.URL.createObjectURL(new view.Blob([bytes as BlobPart], { type: mime }));
    const a = doc.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    doc.body.appendChild(a);
    a.click();
    a.remove();
    view.setTimeout(() => view.URL.revokeObjectURL(url), 60_000);
    return true;
  };
}

/** Hosts whose web view cannot save a file a page offers (Office.PlatformType values). */
const NO_DOWNLOAD_PLATFORMS = new Set(['Mac', 'iOS']);

/** How the pane saves on this Office platform: a download, or null where none is possible. */
export function saverFor(doc: Document, platform: string | null | undefined): SaveFile | null {
  return platform && NO_DOWNLOAD_PLATFORMS.has(platform) ? null : browserDownload(doc);
}

/** Said after every export: the fallback where no download appears (Windows desktop web views may drop it). */
export const NO_DOWNLOAD_SEEN = '如果没有出现保存对话框或下载提示（部分 Windows 桌面版 Excel 不允许加载项下载文件），';

export const COMMAND_LINE_HINT = '请先保存本工作簿（.xlsx），再在命令行中运行：nianbao export 工作簿.xlsx 年报.docx';

const IDS = ['export-button', 'export-status'] as const;

/** Opens an address in the user's default browser (Office.context.ui.openBrowserWindow); false where it cannot. */
export type OpenInBrowser = (url: string) => boolean;

export class ExportWord {
  private readonly el;

  constructor(
    private readonly ctx: PaneContext,
    /** null: this host cannot save a file from the pane. */
    private readonly save: SaveFileAs | null,
    /** Where the host has OpenBrowserWindowApi (Windows desktop): 在浏览器中导出, Microsoft's documented way out of the web view. */
    private readonly openInBrowser: OpenInBrowser | null = null,
  ) {
    this.el = elements(ctx.doc, IDS);
    this.el['export-button'].addEventListener('click', () => ctx.track(this.export()));
  }

  private say(kind: 'ok' | 'error', lines: string[], actions: HTMLElement[] = []): void {
    const status = this.el['export-status'];
    status.className = kind === 'error' ? 'notice error' : 'notice';
    status.replaceChildren(
      ...lines.map((line) => {
        const p = this.ctx.doc.createElement('p');
        p.textContent = line;
        return p;
      }),
      ...actions,
    );
    status.hidden = false;
  }

  /** The 在浏览器中导出 button for this report, where the host can open the system browser. */
  private browserAction(report: Report): HTMLElement[] {
    const open = this.openInBrowser;
    if (!open) return [];
    const link = exportLink(this.ctx.doc.defaultView?.location.href ?? '', report);
    if (link === null) return [];
    const b = button(this.ctx.doc, '在浏览器中导出', { size: 'small' });
    b.setAttribute('data-action', 'export-in-browser');
    b.addEventListener('click', () => {
      const ok = (() => {
        try {
          return open(link);
        } catch {
          return false;
        }
      })();
      const note = this.ctx.doc.createElement('p');
      note.textContent = ok ? '已在默认浏览器中打开导出页面，文档在浏览器中下载。' : `未能打开浏览器。${COMMAND_LINE_HINT}`;
      b.after(note);
    });
    return [b];
  }

  /** Builds the document from the template in view and offers it as a file. */
  async export(): Promise<void> {
    const ctx = this.ctx;
    if (this.save === null) {
      return this.say('error', ['此版本的 Excel（如 Mac 版、iPad 版）不允许加载项保存文件，无法在窗格中导出 Word。', COMMAND_LINE_HINT]);
    }
    const button = this.el['export-button'];
    setDisabled(button, true);
    try {
      // What the sheet holds now, not the last check: a value typed a moment ago counts.
      const read = await ctx.exclusive(async () => {
        if (ctx.shown === null) return null;
        await ctx.readCurrent();
        ctx.render();
        return ctx.current;
      });
      if (read === null || !read.isTemplate) {
        return this.say('error', ['当前没有年报模板：请先插入年报模板或切换到模板工作表，再导出 Word。']);
      }
      const { exportDocx, exportFileName, DOCX_MIME } = await import(/* webpackChunkName: "export-docx" */ '../../export');
      const name = exportFileName(read.report.org, read.report.year);
      const bytes = await exportDocx(read.report);
      const saved = this.save(bytes, name, DOCX_MIME);
      if (saved === 'cancelled') return this.say('ok', ['已取消保存，没有生成文件。']);
      if (!saved) {
        return this.say('error', ['此环境不允许加载项保存文件，无法在窗格中导出 Word。', COMMAND_LINE_HINT]);
      }
      const errors = ctx.view?.errors ?? 0;
      if (saved !== true) {
        // Written by the host itself where the user chose, and checked there: say where.
        return this.say('ok', [
          `已保存到“${saved.path}”。正文中的数字由表格生成；黄色底纹处（【请填写：…】和【　　】）请补充后再发布。`,
          ...(errors > 0 ? [`表格中有 ${errors} 处错误：文档已按表格现有数字生成，改正表格后请重新导出。`] : []),
        ]);
      }
      // The page cannot know whether the host saved the file: a web view may drop a download
      // without a word (office-js#1145). So the sentence says what was done, and the command
      // line is always there as the way that works everywhere.
      const viaBrowser = this.browserAction(read.report);
      this.say(
        'ok',
        [
          `已生成“${name}”并交给${ctx.host.kind === 'excel' ? ' Excel ' : '浏览器'}下载。正文中的数字由表格生成；黄色底纹处（【请填写：…】和【　　】）请补充后再发布。`,
          ...(errors > 0 ? [`表格中有 ${errors} 处错误：文档已按表格现有数字生成，改正表格后请重新导出。`] : []),
          viaBrowser.length > 0 ? `${NO_DOWNLOAD_SEEN}请点“在浏览器中导出”（在默认浏览器中生成并下载），或${COMMAND_LINE_HINT}` : `${NO_DOWNLOAD_SEEN}${COMMAND_LINE_HINT}`,
        ],
        viaBrowser,
      );
    } catch (e) {
      this.say('error', [`未能生成 Word 文档：${describeError(e)}`]);
    } finally {
      setDisabled(button, false);
    }
  }
}
