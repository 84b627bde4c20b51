/** @jest-environment jsdom */
/**
 * start-check.js, the ES5 script that runs where the bundle cannot: under Internet Explorer's
 * engine it says WebView2 is needed and what to install; inside Office without office.js it says
 * which build to use; in a browser or a working Office it does nothing. Text only, no HTML.
 */
import fs from 'fs';
import path from 'path';

const SOURCE = fs.readFileSync(path.join(__dirname, '../../src/taskpane/start-check.js'), 'utf8');
const HTML = fs.readFileSync(path.join(__dirname, '../../src/taskpane/taskpane.html'), 'utf8');

function run(options: { ua?: string; office?: boolean; hostInfo?: boolean }): HTMLElement | null {
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(HTML)![1];
  Object.defineProperty(window.navigator, 'userAgent', { value: options.ua ?? 'Mozilla/5.0 Chrome/120', configurable: true });
  const w = window as unknown as Record<string, unknown>;
  if (options.office) w.Office = {};
  else delete w.Office;
  window.name = options.hostInfo ? 'xdmInfo=abc' : '';
  new Function(SOURCE)();
  return document.querySelector('[data-start-check]');
}

test('parses as ES5 (IE11 must be able to run it)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const acorn = require('acorn') as typeof import('acorn');
  expect(() => acorn.parse(SOURCE, { ecmaVersion: 5 })).not.toThrow();
});

test('under Trident (IE11): 需要 Microsoft Edge WebView2 运行时, what to install, the pane hidden', () => {
  const box = run({ ua: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko', office: true });
  expect(box).not.toBeNull();
  expect(box!.querySelector('h1')!.textContent).toBe('需要 Microsoft Edge WebView2 运行时');
  expect(box!.textContent).toContain('常青版独立安装程序');
  expect(box!.getAttribute('role')).toBe('alert');
  expect(document.querySelector('main')!.hasAttribute('hidden')).toBe(true);
});

test('inside Office without office.js: which build to use', () => {
  const box = run({ hostInfo: true, office: false });
  expect(box!.querySelector('h1')!.textContent).toBe('office.js 未能加载');
  expect(box!.textContent).toContain('npm run build:local');
});

test('a modern web view with office.js, or a plain browser without it (the preview starts): nothing', () => {
  expect(run({ office: true, hostInfo: true })).toBeNull();
  expect(run({ office: false, hostInfo: false })).toBeNull();
  expect(document.querySelector('main')!.hasAttribute('hidden')).toBe(false);
});
