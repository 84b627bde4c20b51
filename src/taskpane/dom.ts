/** Small DOM builders for the pane's views: text goes in through textContent only, never as HTML. */

export function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A button that the pane's click handler finds by its data-action. */
export function action(doc: Document, name: string, text: string, options: { appearance?: 'primary' | 'subtle'; size?: 'small' } = {}): HTMLButtonElement {
  const b = button(doc, text, options);
  b.setAttribute('data-action', name);
  return b;
}

/** A native button in the pane's Fluent 2 look (taskpane.css): default, primary or subtle, medium or small. */
export function button(doc: Document, text: string, options: { appearance?: 'primary' | 'subtle'; size?: 'small' } = {}): HTMLButtonElement {
  const b = doc.createElement('button');
  b.type = 'button';
  b.className = ['btn', options.appearance, options.size].filter(Boolean).join(' ');
  b.textContent = text;
  return b;
}

/** The one line a page shows when it cannot start: first in the body, read out at once. */
export function showStartError(doc: Document, text: string): void {
  const p = el(doc, 'p', 'nb-start-error', text);
  p.setAttribute('role', 'alert');
  doc.body.prepend(p);
}
