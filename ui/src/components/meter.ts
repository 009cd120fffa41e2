import { LitElement, css, html } from 'lit';
import { styleMap } from '../directives/style-map.js';

/**
 * A horizontal bar filled to `value` of `max`: a disk's use (`kind="meter"`, the default)
 * or how far something has got (`kind="progress"`). The fill's width is set through the
 * CSSOM (the web app's own styleMap), which its Content-Security-Policy allows; a `style`
 * attribute (in a template, or from Lit's styleMap on a first render) would be refused
 * and the bar drawn full.
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
    :host { display: block; margin: 0.35rem 0; }
    .track { height: 0.5rem; background: var(--wa-color-neutral-fill-normal); border-radius: var(--wa-border-radius-pill); overflow: hidden; }
    .fill { height: 100%; background: var(--wa-color-brand-fill-loud); }
    .fill.high { background: var(--wa-color-danger-fill-loud); }
  `;

  override render() {
    const max = this.max > 0 ? this.max : 100;
    const value = Math.min(max, Math.max(0, Number.isFinite(this.value) ? this.value : 0));
    const percent = (value / max) * 100;
    return html`<div
      class="track"
      role=${this.kind === 'progress' ? 'progressbar' : 'meter'}
      aria-label=${this.label}
      aria-valuemin="0"
      aria-valuemax=${max}
      aria-valuenow=${value}
      aria-valuetext=${`${Math.round(percent)}%`}
    >
      <div class="fill ${this.kind === 'meter' && percent >= 90 ? 'high' : ''}" style=${styleMap({ width: `${percent}%` })}></div>
    </div>`;
  }
}
customElements.define('outpost-meter', OutpostMeter);
