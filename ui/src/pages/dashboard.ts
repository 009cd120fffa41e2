import { LitElement, css, html, nothing } from 'lit';
import '../components/extensions.js';
import { t } from '../i18n.js';
import { extensionsAt } from '../plugin-modules.js';

/** Where the enabled plugins add to the home page: quick actions at the top, then their cards. */
const homePoints = { actions: 'core.home.actions', widgets: 'core.home.widgets' } as const;

/**
 * The home page. The core knows no feature: the enabled plugins fill it through the
 * extension points `core.home.actions` (links or buttons in a row) and
 * `core.home.widgets` (cards in a grid: device status, open tickets, pending
 * invitations, recent activity). With none contributing, it says what to do next.
 */
export class OutpostDashboard extends LitElement {
  static override properties = { name: {}, tenant: {} };
  name = '';
  tenant = '';

  static override styles = css`
    :host { display: block; }
    h1 { font-size: 1.5rem; margin: 0 0 1rem; overflow-wrap: anywhere; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0 0 1rem; }
    .widgets { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr)); gap: 1rem; align-items: stretch; }
    .empty { background: #fff; border: 1px dashed #9ca3af; border-radius: 12px; padding: 2rem; max-width: 40rem; color: #374151; }
  `;

  override render() {
    const actions = extensionsAt(homePoints.actions).length > 0;
    const widgets = extensionsAt(homePoints.widgets).length > 0;
    return html`<div data-testid="dashboard">
      <h1>${t('dashboard.welcome', { name: this.name })}</h1>
      ${
        actions || widgets
          ? html`${actions ? html`<div class="actions" role="group" aria-label=${t('Quick actions')}><outpost-extensions point=${homePoints.actions}></outpost-extensions></div>` : nothing}
            <div class="widgets"><outpost-extensions point=${homePoints.widgets}></outpost-extensions></div>`
          : html`<div class="empty" data-testid="dashboard-empty">
            <p><strong>${t('No enabled plugin adds anything to this page for you yet.')}</strong></p>
            <p>${t('An administrator enables feature plugins in app-config.yaml (plugins.<id>.enabled: true) and restarts Outpost; what they track then shows here. What needs a permission you do not hold stays hidden.')}</p>
            <p>${t('dashboard.navHint', { tenant: this.tenant })}</p>
          </div>`
      }
    </div>`;
  }
}
customElements.define('outpost-dashboard', OutpostDashboard);
