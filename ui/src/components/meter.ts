import { LitElement, css, html } from 'lit';

/**
 * @summary A horizontal bar filled to `value` of `max`, on Web Awesome's `wa-progress-bar`:
 * a disk's use (`kind="meter"`, the default, drawn in the danger color from 90 %) or how far
 * something has got (`kind="progress"`). The bar's width goes through the CSSOM, which the
 * web app's Content-Security-Policy allows.
 */
export class OutpostMeter extends LitElement {
  static override properties = { value: { type: Number }, max: { type: Number }, label: {}, kind: {} };
  /** How much is used or done. */
  value = 0;
  /** The whole; 100 when the value is a percentage. */
  max = 100;
  /** The accessible name ("Disk /", "Progress"). */
  label = '';
  /** `meter` for a level, `progress` for a task on its way. */
  kind: 'meter' | 'progress' = 'meter';

  static override styles = css`
    :host { display: block; margin: var(--wa-space-2xs) 0; }
    wa-progress-bar { --track-height: 0.5rem; }
    wa-progress-bar.high { --indicator-color: var(--wa-color-danger-fill-loud); }
  `;

  override render() {
    const max = this.max > 0 ? this.max : 100;
    const value = Math.min(max, Math.max(0, Number.isFinite(this.value) ? this.value : 0));
    const percent = (value / max) * 100;
    return html`<wa-progress-bar
      class=${this.kind === 'meter' && percent >= 90 ? 'high' : ''}
      .value=${percent}
      label=${this.label}
    ></wa-progress-bar>`;
  }
}
customElements.define('outpost-meter', OutpostMeter);
