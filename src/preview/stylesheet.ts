/** The preview's stylesheet, a file beside the page (webpack.config.js copies it). Its own module: the page's entry links it without loading the preview. */
export const PREVIEW_STYLESHEET = 'preview.css';

/** Links the preview's stylesheet once: the entry links it early, the preview on mounting if nobody has. */
export function linkPreviewStylesheet(doc: Document, href: string = PREVIEW_STYLESHEET): void {
  if (doc.querySelector('link[data-preview-css]')) return;
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.dataset.previewCss = '';
  doc.head.append(link);
}
