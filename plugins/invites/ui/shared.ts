// What the invites plugin's browser modules share: the page look, the color field and live reloading.
import { LitElement, css, html, pageStyles as webAppStyles, stream } from '@outpost/ui-sdk';

/** The web app's page look, with forms in a row and codes. */
export const pageStyles = [
  webAppStyles,
  css`
    h1 { display: block; }
    form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: end; }
    label.check { flex-direction: row; align-items: center; gap: 0.4rem; }
    code { background: #f1f5f9; padding: 0.1rem 0.35rem; border-radius: 4px; word-break: break-all; }
    .color-field { display: flex; gap: 0.6rem; align-items: end; }
    [hidden] { display: none !important; }
  `,
];

/** The settings forms of the Invite page and Widgets tabs: one field under the other. */
export const settingsStyles = css`
  form { display: grid; max-width: 28rem; align-items: stretch; }
  form button { justify-self: start; }
  fieldset { border: 1px solid #e2e8f0; border-radius: 8px; display: grid; gap: 0.6rem; }
`;

/** A color picker big enough to show its swatch, with the value beside it; `onInput` hears each change. */
export function colorField(name: string, label: string, value: string, onInput: (value: string) => void) {
  return html`<div class="color-field">
    <label>${label}<input name=${name} type="color" .value=${value} @input=${(e: InputEvent) => onInput((e.target as HTMLInputElement).value)} /></label>
    <code>${value}</code>
  </div>`;
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
