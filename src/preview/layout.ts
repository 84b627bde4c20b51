/**
 * The preview page: the task pane page as it is (the pane's own markup) moved into a 320 px
 * column on the right, the in-page workbook on the left, and a bar saying what this is.
 */
import { GridView } from './grid';
import { PreviewHost, PreviewHostOptions } from './host';
import { PREVIEW_STYLESHEET, linkPreviewStylesheet } from './stylesheet';
import { PreviewWorkbook } from './workbook';

/** The blank template the build puts beside the page (webpack.config.js). */
export const TEMPLATE_FILE = '年报模板.xlsx';

/** The pane's width in Excel's task pane, which the preview keeps. */
export const PANE_WIDTH = 320;

export interface MountedPreview {
  book: PreviewWorkbook;
  view: GridView;
  host: PreviewHost;
  /** The column holding the pane's markup. */
  pane: HTMLElement;
}

export interface MountOptions extends PreviewHostOptions {
  storage?: Storage | null;
  /** Stylesheet to link (a file beside the page); null when the page already has it. */
  stylesheet?: string | null;
}

export function mountPreview(doc: Document, options: MountOptions = {}): MountedPreview {
  const stylesheet = options.stylesheet === undefined ? PREVIEW_STYLESHEET : options.stylesheet;
  if (stylesheet) linkPreviewStylesheet(doc, stylesheet);
  const book = new PreviewWorkbook(options.storage ?? null);
  const view = new GridView(doc, book);
  const host = new PreviewHost(book, options);

  const pane = doc.createElement('aside');
  pane.className = 'nb-pane';
  pane.setAttribute('aria-label', '任务窗格');
  pane.append(...Array.from(doc.body.childNodes));

  const bar = doc.createElement('header');
  bar.className = 'nb-bar';
  const badge = doc.createElement('strong');
  badge.textContent = '预览模式';
  const text = doc.createElement('span');
  text.textContent = '本页不在 Excel 中打开：工作簿由页面模拟，任务窗格和校验规则与 Excel 中完全相同。';
  // The workbook itself, for Excel 2016/2019 and WPS, which cannot run the add-in: checks and marks work without it.
  const download = doc.createElement('a');
  download.href = TEMPLATE_FILE;
  download.download = TEMPLATE_FILE;
  download.textContent = '下载空白年报模板（.xlsx）';
  bar.append(badge, text, download);

  const layout = doc.createElement('div');
  layout.className = 'nb-layout';
  layout.append(bar, view.root, pane);
  doc.body.replaceChildren(layout);
  doc.body.classList.add('nb-preview');
  doc.title = `预览 · ${doc.title || '政府信息公开年报'}`;
  return { book, view, host, pane };
}

/** The page's localStorage, when the browser lets the page have one. */
export function pageStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
