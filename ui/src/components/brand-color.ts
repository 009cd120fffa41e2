import { LitElement, css, html, nothing } from 'lit';
import { ApiError, api } from '../api.js';
import { defaultAccent } from '../accent.js';
import { t } from '../i18n.js';
import { can } from '../permissions.js';
import { applyAccent } from '../theme.js';
import { toast } from './toasts.js';
import { loadComponents } from './wa.js';

interface Tenant {
  id: string;
  name: string;
  current: boolean;
  accentColor: string | null;
}

/**
 * @summary The current tenant's brand color: the accent of buttons, links and the menu for
 * everyone working in it. Changing it needs `settings.manage`; others see it read-only.
 * The text color on the accent is computed (white or dark, at least 4.5:1), so any color works.
 */
export class OutpostBrandColor extends LitElement {
  static override properties = { tenant: { state: true }, error: { state: true }, saving: { state: true } };
  tenant: Tenant | undefined = undefined;
  error = '';
  saving = false;

  static override styles = css`
    :host { display: block; }
    h2 { font-size: var(--wa-font-size-l); margin: 0 0 var(--wa-space-s); }
    p { color: var(--wa-color-text-quiet); margin: 0 0 var(--wa-space-m); }
    .row { display: flex; flex-wrap: wrap; gap: var(--wa-space-s); align-items: end; }
    wa-callout { margin-top: var(--wa-space-s); }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    const [{ items }] = await Promise.all([
      api<{ items: Tenant[] }>('GET', '/tenants'),
      loadComponents('color-picker'),
    ]);
    this.tenant = items.find((x) => x.current);
  }

  override render() {
    if (!this.tenant) return nothing;
    const editable = can('settings.manage');
    return html`<h2>${t('Brand color')}</h2>
      <p>${t('The accent of buttons, links and the menu for everyone working in {tenant}. Text on it stays readable.', { tenant: this.tenant.name })}</p>
      <form class="row" @submit=${this.save}>
        <wa-color-picker name="accentColor" label=${t('Brand color')} with-label value=${this.tenant.accentColor ?? defaultAccent}
          ?disabled=${!editable} without-format-toggle></wa-color-picker>
        ${
          editable
            ? html`<wa-button type="submit" variant="brand" ?loading=${this.saving}>${t('Save brand color')}</wa-button>
              <wa-button appearance="outlined" ?disabled=${!this.tenant.accentColor} @click=${() => this.store(null)}>${t('Use Outpost’s blue')}</wa-button>`
            : nothing
        }
      </form>
      ${this.error ? html`<wa-callout variant="danger">${this.error}</wa-callout>` : nothing}`;
  }

  private save(event: SubmitEvent) {
    event.preventDefault();
    const value = new FormData(event.target as HTMLFormElement).get('accentColor');
    void this.store(typeof value === 'string' && value ? value : null);
  }

  private async store(accentColor: string | null) {
    if (!this.tenant) return;
    this.error = '';
    this.saving = true;
    try {
      await api('PUT', `/tenants/${this.tenant.id}/accent-color`, { accentColor });
      this.tenant = { ...this.tenant, accentColor };
      applyAccent(accentColor);
      toast(t('The brand color is saved.'));
    } catch (error) {
      this.error = error instanceof ApiError ? (Object.values(error.fieldErrors)[0] ?? error.message) : String(error);
    } finally {
      this.saving = false;
    }
  }
}
customElements.define('outpost-brand-color', OutpostBrandColor);
