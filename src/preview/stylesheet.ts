/** The preview's stylesheet, a file beside the page (webpack.config.js copies it). Its own module: the page's entry links it without loading the preview. */
export const PREVIEW_STYLESHEET = 'preview.css';
