/**
 * 导出 Word: the template in view as the official Word document, built in the page by the same
 * code as `nianbao export` (src/export). The builder and the docx library load as their own chunk
 * when the button is first used, so the pane starts as light as before.
 *
 * The document is offered for download where the host lets a page save a file (browsers, Excel
 * on the web and on Windows). Excel on Mac and iPad do not (their web view drops downloads without
 * a word, office-js#2700, "by design"): there the pane says so plainly and names the command line.
 */
import { PaneContext, elements, setDisabled } from '../part';
import { describeError } from '../session';

/**
 * Hands the bytes to the user as a file: true when handed to the browser's download, `{ path }`
 * when written where the user chose (a host's own save dialog), 'cancelled' when the user closed
 * that dialog, false when this host cannot save at all.
 */
export type SaveFile = (bytes: Uint8Array, name: string, mime: string) => boolean | 'cancelled' | { path: string };

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

export const COMMAND_LINE_HINT = '请先保存本工作簿（.xlsx），再在命令行中运行：nianbao export 工作簿.xlsx 年报.docx';

const IDS = ['export-button', 'export-status'] as const;

export class ExportWord {
  private readonly el;

  constructor(
    private readonly ctx: PaneContext,
    /** null: this host cannot save a file from the pane. */
    private readonly save: SaveFile | null,
  ) {
    this.el = elements(ctx.doc, IDS);
    this.el['export-button'].addEventListener('click', () => ctx.track(this.export()));
  }

  private say(kind: 'ok' | 'error', lines: string[]): void {
    const status = this.el['export-status'];
    status.className = kind === 'error' ? 'notice error' : 'notice';
    status.replaceChildren(
      ...lines.map((line) => {
        const p = this.ctx.doc.createElement('p');
        p.textContent = line;
        return p;
      }),
    );
    status.hidden = false;
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
      this.say('ok', [
        `${saved === true ? `已生成“${name}”` : `已保存到“${saved.path}”`}。正文中的数字由表格生成；黄色底纹处（【请填写：…】和【　　】）请补充后再发布。`,
        ...(errors > 0 ? [`表格中有 ${errors} 处错误：文档已按表格现有数字生成，改正表格后请重新导出。`] : []),
      ]);
    } catch (e) {
      this.say('error', [`未能生成 Word 文档：${describeError(e)}`]);
    } finally {
      setDisabled(button, false);
    }
  }
}
