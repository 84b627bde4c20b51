/**
 * True when nothing says Office hosts this page: none of the signs office.js reads for its host
 * (office.debug.js, _retrieveHostInfo, parseXdmInfo and the plain-browser test):
 * window.external.GetHostInfo or GetContext, agaveHost, _host_Info or _xdm_Info in the address
 * or window.name, hostInfoValue in sessionStorage, a frame (Excel on the web frames the pane;
 * office.js blanks a framed plain page), and the webviews' own bridges (WebView2's
 * chrome.webview, WKWebView's webkit.messageHandlers). Any doubt counts as Office: a wrong
 * "plain" only fetches the preview's chunk early; Office.onReady still decides.
 */
export function looksLikePlainBrowser(win: Window): boolean {
  try {
    const w = win as Window & { external?: Record<string, unknown>; agaveHost?: unknown; chrome?: { webview?: unknown }; webkit?: { messageHandlers?: unknown } };
    if (w.top !== w.self) return false;
    if (typeof w.agaveHost !== 'undefined' || w.chrome?.webview !== undefined || w.webkit?.messageHandlers !== undefined) return false;
    const external = w.external;
    if (external && (typeof external.GetHostInfo !== 'undefined' || typeof external.GetContext !== 'undefined')) return false;
    if (/_host_Info|_xdm_Info/i.test(`${w.location.search}${w.location.hash}`)) return false;
    if (/hostInfo|xdmInfo|_host_Info|_xdm_Info/i.test(w.name)) return false;
    if (w.sessionStorage?.getItem('hostInfoValue')) return false;
    return true;
  } catch {
    return false;
  }
}
