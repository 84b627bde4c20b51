/**
 * The pane's look is Fluent 2's: taskpane.css declares Fluent 2's light-theme values under their
 * token names, and every one must still be the value @fluentui/tokens gives it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { webLightTheme } from '@fluentui/tokens';

const CSS = fs.readFileSync(path.join(__dirname, '../../src/taskpane/taskpane.css'), 'utf8');

/** The custom properties of the first `:root` block that declares any. */
function declaredTokens(css: string): [string, string][] {
  const block = [...css.matchAll(/:root\s*\{([^}]*)\}/g)].map((m) => m[1]).find((b) => b.includes('--'));
  return [...(block ?? '').matchAll(/--([A-Za-z0-9]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]);
}

test('every token taskpane.css declares is a Fluent 2 light-theme token with the same value', () => {
  const tokens = declaredTokens(CSS);
  expect(tokens.length).toBeGreaterThan(20);
  const theme = webLightTheme as unknown as Record<string, string | number>;
  for (const [name, value] of tokens) expect([name, value.toLowerCase()]).toEqual([name, String(theme[name]).toLowerCase()]);
});

test('every token the stylesheet uses is declared', () => {
  const declared = new Set(declaredTokens(CSS).map(([name]) => name));
  const used = [...CSS.matchAll(/var\(--([A-Za-z0-9]+)\)/g)].map((m) => m[1]);
  expect(used.length).toBeGreaterThan(20);
  expect(used.filter((name) => !declared.has(name))).toEqual([]);
});

test('the pane has no custom elements: its controls are the browser’s own buttons and text boxes', () => {
  const html = fs.readFileSync(path.join(__dirname, '../../src/taskpane/taskpane.html'), 'utf8');
  expect(html.match(/<[a-z]+-[a-z-]+[\s>]/g)).toBeNull();
  for (const m of html.matchAll(/<button\b[^>]*>/g)) expect(m[0]).toMatch(/\btype="button"/);
  for (const m of html.matchAll(/<input\b[^>]*class="text-input"[^>]*>/g)) {
    const id = /\bid="([^"]+)"/.exec(m[0])![1];
    expect(html).toContain(`<label class="field" for="${id}">`);
  }
});
