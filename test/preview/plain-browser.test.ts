/**
 * When the page may fetch the preview's chunk before Office.onReady answers: only where none of
 * the signs office.js reads for a host is there.
 */
import { looksLikePlainBrowser } from '../../src/preview/plain-browser';

type FakeWindow = Record<string, unknown> & { self?: unknown; top?: unknown };

/** A top-level tab at http://127.0.0.1:3001/taskpane.html, with what a test adds. */
function tab(extra: Record<string, unknown> = {}, location: { search?: string; hash?: string } = {}, storage: Record<string, string> = {}): Window {
  const w: FakeWindow = {
    external: { AddSearchProvider() {} },
    location: { search: location.search ?? '', hash: location.hash ?? '' },
    name: '',
    sessionStorage: { getItem: (k: string) => storage[k] ?? null },
    ...extra,
  };
  w.self = w;
  if (!('top' in extra)) w.top = w;
  return w as unknown as Window;
}

test('a plain browser tab: nothing says Office', () => {
  expect(looksLikePlainBrowser(tab())).toBe(true);
  expect(looksLikePlainBrowser(tab({ external: undefined }))).toBe(true);
});

test.each([
  ['Excel on Windows (the host answers GetHostInfo)', tab({ external: { GetHostInfo: () => 'Excel$Win32$16.01$zh-CN$$$$0' } })],
  ['an older Windows Excel (GetContext)', tab({ external: { GetContext: () => ({}) } })],
  ['Excel on the Mac (agaveHost)', tab({ agaveHost: { GetHostInfo: () => 'Excel|Mac|16.00' } })],
  ['a WKWebView bridge', tab({ webkit: { messageHandlers: {} } })],
  ['WebView2', tab({ chrome: { webview: {} } })],
  ['Excel on the web (framed)', tab({ top: {} })],
  ['host info in the query', tab({}, { search: '?_host_Info=Excel$Win32$16.01$zh-CN$$$$0' })],
  ['host info in the hash', tab({}, { hash: '#_host_Info=Excel|Web|16.00' })],
  ['XDM info in the hash', tab({}, { hash: '#_xdm_Info=abc' })],
  ['host info in window.name', tab({ name: '{"hostInfo":"Excel|Web|16.00"}' })],
  ['host info kept in sessionStorage', tab({}, {}, { hostInfoValue: 'Excel|Web|16.00' })],
])('%s: not a plain browser', (_, win) => {
  expect(looksLikePlainBrowser(win)).toBe(false);
});

test('a window that throws on being looked at counts as Office', () => {
  const w = tab();
  Object.defineProperty(w, 'top', {
    get() {
      throw new Error('cross-origin');
    },
  });
  expect(looksLikePlainBrowser(w)).toBe(false);
});
