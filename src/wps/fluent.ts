/** Fluent UI's elements for WPS builds whose browser runs them (see ./elements.ts). */
import '@fluentui/web-components/button.js';
import '@fluentui/web-components/text-input.js';
import { setTheme } from '@fluentui/web-components';
import { webLightTheme } from '@fluentui/tokens';

export function loadFluent(): void {
  setTheme(webLightTheme);
}
