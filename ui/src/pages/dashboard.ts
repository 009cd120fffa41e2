import { LitElement, css, html, nothing } from 'lit';
import '../components/extensions.js';
import { t } from '../i18n.js';
import { extensionsAt, homeActionsByPlugin } from '../plugin-modules.js';
import { buttonStyles } from '../styles.js';

/** Where the enabled plugins add to the home page: quick actions at the top, then their cards. */
const homePoints = { actions: 'core.home.actions', widgets: 'core.home.widgets' } as const;

/**
 * The home page. The core knows no feature: the enabled plugins fill it with quick
 * actions in a row — the links they declare (`ui.homeActions`) and elements at the
 * extension point `core.home.actions` for actions that need code — and with cards in a
 * grid at `core.home.widgets` (device status, open tickets, pending invitations, recent
 * activity). With none contributing, it says what to do next.
 */
export class OutpostDashboard extends LitElement {
  static override properties = { name: {}, tenant: {} };
  name = '';
  tenant = '';

  static override styles = [
    buttonStyles,
    css`
    :host { display: block; }
    h1 { font-size: 1.5rem; margin: 0 0 1rem; overflow-wrap: anywhere; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0 0 1rem; }
    .widgets { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr)); gap: 1rem; align-items: stretch; }
    .empty { background: var(--wa-color-surface-default); border: var(--wa-border-width-s) dashed var(--wa-color-neutral-border-loud); border-radius: var(--wa-border-radius-l); padding: var(--wa-space-2xl); max-width: 40rem; color: var(--wa-color-text-quiet); }
  `,
  ];

  override render() {
    const actions = this.quickActions();
    const widgets = extensionsAt(homePoints.widgets).length > 0;
    return html`<div data-testid="dashboard">
      <h1>${t('dashboard.welcome', { name: this.name })}</h1>
      ${
        actions.length > 0 || widgets
          ? html`${actions.length > 0 ? html`<div class="actions" role="group" aria-label=${t('Quick actions')}>${actions}</div>` : nothing}
            <div class="widgets"><outpost-extensions point=${homePoints.widgets}></outpost-extensions></div>`
          : html`<div class="empty" data-testid="dashboard-empty">
            <p><strong>${t('No enabled plugin adds anything to this page for you yet.')}</strong></p>
            <p>${t('An administrator enables feature plugins in app-config.yaml (plugins.<id>.enabled: true) and restarts Outpost; what they track then shows here. What needs a permission you do not hold stays hidden.')}</p>
            <p>${t('dashboard.navHint', { tenant: this.tenant })}</p>
          </div>`
      }
    </div>`;
  }

  /** Plugin by plugin, in the manifest's order: the links it declares, then its `core.home.actions` elements. */
  private quickActions() {
    const withElements = new Set(extensionsAt(homePoints.actions).map((c) => c.pluginId));
    return homeActionsByPlugin()
      .filter(({ pluginId, actions }) => actions.length > 0 || withElements.has(pluginId))
      .map(
        ({ pluginId, actions }) =>
          html`${actions.map(({ label, path }) => html`<a class="button" href=${path}>+ ${t(label)}</a>`)}${
            withElements.has(pluginId)
              ? html`<outpost-extensions point=${homePoints.actions} plugin=${pluginId}></outpost-extensions>`
              : nothing
          }`,
      );
  }
}
customElements.define('outpost-dashboard', OutpostDashboard);
