/** Small DOM builders for the pane's views: text goes in through textContent only, never as HTML. */

export function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A Fluent button that the pane's click handler finds by its data-action. */
export function action(doc: Document, name: string, text: string, options: { appearance?: string; size?: string } = {}): HTMLElement {
  const b = doc.createElement('fluent-button');
  b.setAttribute('data-action', name);
  if (options.size) b.setAttribute('size', options.size);
  if (options.appearance) b.setAttribute('appearance', options.appearance);
  b.textContent = text;
  return b;
}
