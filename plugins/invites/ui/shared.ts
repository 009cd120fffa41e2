// What the invites plugin's browser modules share: the page look, the color field and live reloading.
import { LitElement, css, html, pageStyles as webAppStyles, stream } from '@outpost/ui-sdk';

/** The web app's page look, with forms in a row and codes. */
export const pageStyles = [
  webAppStyles,
  css`
    h1 { display: block; }
    form { display: flex; flex-wrap: wrap; gap: var(--wa-space-s); align-items: end; }
    form wa-input, form wa-select, form wa-textarea, form wa-color-picker { margin-block: 0; }
    [hidden] { display: none !important; }
  `,
];

/** The settings forms of the Invite page and Widgets tabs: one field under the other. */
export const settingsStyles = css`
  form { display: grid; max-width: 60ch; align-items: stretch; }
  form wa-button { justify-self: start; }
  fieldset { border: var(--wa-border-width-s) solid var(--wa-color-surface-border); border-radius: var(--wa-border-radius-l); display: grid; gap: var(--wa-space-s); }
`;

/** A color picker (`wa-color-picker`, loaded by the page) with its label; `onInput` hears each change. */
export function colorField(name: string, label: string, value: string, onInput: (value: string) => void) {
  return html`<wa-color-picker name=${name} label=${label} .value=${value} @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)}></wa-color-picker>`;
}

/** An element that loads its figures when shown, and again when a remote-support invitation changes. */
export abstract class SupportNewsElement extends LitElement {
  private unsubscribe?: () => void;

  abstract load(): Promise<void>;

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.unsubscribe = stream.subscribe('invites.support.*', () => void this.load());
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }
}
