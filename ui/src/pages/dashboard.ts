import { LitElement, css, html } from 'lit';
import { t } from '../i18n.js';

/** The home page. Feature plugins fill it; until then it says what to do next. */
export class OutpostDashboard extends LitElement {
  static override properties = { name: {}, tenant: {} };
  name = '';
  tenant = '';

  static override styles = css`
    h1 { font-size: 1.5rem; margin: 0 0 1rem; }
    .empty { background: #fff; border: 1px dashed #9ca3af; border-radius: 12px; padding: 2rem; max-width: 40rem; color: #374151; }
  `;

  override render() {
    return html`<h1>${t('dashboard.welcome', { name: this.name })}</h1>
      <div class="empty" data-testid="dashboard-empty">
        <p>${t('dashboard.empty')}</p>
        <p>${t('dashboard.navHint', { tenant: this.tenant })}</p>
      </div>`;
  }
}
customElements.define('outpost-dashboard', OutpostDashboard);
