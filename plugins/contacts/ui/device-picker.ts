// <contacts-device-picker>: finds devices by name to link to a contact.
import { LitElement, api, html, t } from '@outpost/ui-sdk';
import type { FoundDevice } from './api-types.js';
import { styles } from './shared.js';

/** Finds devices by name to link (leaving out `exclude`, the ids already linked); fires `pick` with the device. */
export class DevicePicker extends LitElement {
  static override properties = { found: { state: true }, exclude: { attribute: false } };
  static override styles = styles;

  declare found: FoundDevice[];
  declare exclude: string[];

  constructor() {
    super();
    this.found = [];
    this.exclude = [];
  }

  async search(event: InputEvent) {
    const q = (event.target as HTMLInputElement).value.trim();
    this.found = q
      ? (await api<{ items: FoundDevice[] }>('GET', `/devices?q=${encodeURIComponent(q)}&limit=8`)).items.filter(
          (d) => !this.exclude.includes(d.id),
        )
      : [];
  }

  override render() {
    return html`<wa-input label=${t('Find a device to link')} type="search" placeholder=${t('Device name')} @input=${this.search}><wa-icon slot="start" name="search"></wa-icon></wa-input>
      <ul class="plain">
        ${this.found.map((d) => html`<li>${d.name} <wa-button size="small" appearance="outlined" @click=${() => this.dispatchEvent(new CustomEvent('pick', { detail: d }))}><wa-icon slot="start" name="link"></wa-icon>${t('Link')}</wa-button></li>`)}
      </ul>`;
  }
}
customElements.define('contacts-device-picker', DevicePicker);

declare global {
  interface HTMLElementTagNameMap {
    'contacts-device-picker': DevicePicker;
  }
}
