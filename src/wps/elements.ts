/**
 * The pane's two Fluent UI elements (fluent-button, fluent-text-input) in WPS's embedded browser.
 *
 * Fluent UI 3 needs form-associated custom elements (ElementInternals, Chromium 77) and
 * constructable stylesheets (Chromium 73); WPS's Chromium may be older (the WPS bundle targets
 * Chromium 69, see webpack.wps.config.js). Where both are there, the real components load (a
 * separate chunk, so an older browser never evaluates it); where not, two small light-DOM
 * elements of the same names stand in, with what the pane uses of them: `value`, `disabled`,
 * click and keyboard activation. The pane's code is the same either way.
 */

export function fluentSupported(win: Window & typeof globalThis): boolean {
  const proto = win.HTMLElement?.prototype as (HTMLElement & { attachInternals?: unknown }) | undefined;
  return typeof proto?.attachInternals === 'function' && 'adoptedStyleSheets' in win.Document.prototype && typeof win.customElements?.define === 'function';
}

/** Loads Fluent UI where it can run, else defines the stand-ins. Resolves to which one it used. */
export async function defineElements(win: Window & typeof globalThis = window): Promise<'fluent' | 'lite'> {
  if (fluentSupported(win)) {
    try {
      const { loadFluent } = await import(/* webpackChunkName: "fluent" */ './fluent');
      loadFluent();
      return 'fluent';
    } catch {
      // A browser that claims the features but fails on the components gets the stand-ins.
    }
  }
  defineLiteElements(win);
  return 'lite';
}

export function defineLiteElements(win: Window & typeof globalThis): void {
  const registry = win.customElements;
  if (!registry) return;
  const Base = win.HTMLElement;

  class LiteButton extends Base {
    static get observedAttributes(): string[] {
      return ['disabled'];
    }
    constructor() {
      super();
      this.addEventListener('keydown', (e: KeyboardEvent) => {
        if ((e.key === 'Enter' || e.key === ' ') && !this.hasAttribute('disabled')) {
          e.preventDefault();
          this.click();
        }
      });
      // A disabled button swallows clicks, as a real one does.
      this.addEventListener('click', (e) => {
        if (this.hasAttribute('disabled')) e.stopImmediatePropagation();
      }, true);
    }
    connectedCallback(): void {
      if (!this.hasAttribute('role')) this.setAttribute('role', 'button');
      this.sync();
    }
    attributeChangedCallback(): void {
      this.sync();
    }
    get disabled(): boolean {
      return this.hasAttribute('disabled');
    }
    set disabled(v: boolean) {
      if (v) this.setAttribute('disabled', '');
      else this.removeAttribute('disabled');
    }
    private sync(): void {
      this.setAttribute('tabindex', this.hasAttribute('disabled') ? '-1' : '0');
      this.setAttribute('aria-disabled', String(this.hasAttribute('disabled')));
    }
  }

  class LiteTextInput extends Base {
    private input: HTMLInputElement | null = null;
    private pending = '';
    connectedCallback(): void {
      if (this.input) return;
      const doc = this.ownerDocument;
      const label = doc.createElement('label');
      const input = doc.createElement('input');
      input.type = 'text';
      for (const a of ['placeholder', 'maxlength', 'inputmode', 'aria-label', 'aria-describedby']) {
        const v = this.getAttribute(a);
        if (v !== null) input.setAttribute(a, v);
      }
      input.value = this.pending;
      // The element's own text is its label, as in Fluent's text input.
      label.append(...Array.from(this.childNodes), input);
      this.append(label);
      this.input = input;
    }
    get value(): string {
      return this.input ? this.input.value : this.pending;
    }
    set value(v: string) {
      this.pending = v === null || v === undefined ? '' : String(v);
      if (this.input) this.input.value = this.pending;
    }
    override focus(): void {
      this.input ? this.input.focus() : super.focus();
    }
  }

  if (!registry.get('fluent-button')) registry.define('fluent-button', LiteButton);
  if (!registry.get('fluent-text-input')) registry.define('fluent-text-input', LiteTextInput);
}
