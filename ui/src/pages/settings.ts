import { LitElement, css, html, nothing } from 'lit';
import { t } from '../i18n.js';
import { icon } from '../icons.js';
import { loadPluginModule } from '../plugin-modules.js';
import { type SettingsTab, type SettingsViewer, settingsTabs } from '../settings-tabs.js';
import './billing.js';
import './not-found.js';
import './notification-settings.js';

type TabElement = HTMLElement & { account?: unknown };

/**
 * The Settings page (`/settings/<tab>`): a row of tabs, each a link with its own address,
 * and the open tab's content: a core page (account, team, ...; it has its own heading) or,
 * under the tab's name as heading, the elements plugins declare for it (`ui.settings`),
 * their modules loaded when the tab is first opened. A tab
 * the user may not see, or none of that name, shows the not-found page. On a phone the
 * row of tabs scrolls sideways instead of widening the page; wider windows wrap it.
 */
export class OutpostSettingsPage extends LitElement {
  static override properties = {
    account: { attribute: false },
    tab: {},
    content: { state: true },
    failed: { state: true },
  };
  /** The signed-in account, handed to every tab's element. */
  account!: SettingsViewer;
  /** The open tab's id, from the address. */
  tab = '';
  content: TabElement[] = [];
  failed: string[] = [];
  /** Counts loads, so a slow module of an earlier tab does not replace the current one's content. */
  private loads = 0;

  // A row of links styled as tabs (not <wa-tab-group>: its tabs switch panels inside one page and are no links,
  // while each Settings tab is a page with its own address), on the kit's tokens for both themes.
  static override styles = css`
    :host { display: block; min-width: 0; }
    nav.tabs { overflow-x: auto; margin: 0 0 var(--wa-space-l); border-bottom: var(--wa-border-width-s) solid var(--wa-color-surface-border); scrollbar-width: thin; }
    nav.tabs ul { display: flex; flex-wrap: wrap; gap: var(--wa-space-3xs); list-style: none; margin: 0; padding: 0; }
    nav.tabs a { display: flex; align-items: center; gap: var(--wa-space-2xs); padding: var(--wa-space-xs) var(--wa-space-s); color: var(--wa-color-text-quiet); text-decoration: none; border-bottom: var(--wa-border-width-l) solid transparent; white-space: nowrap; }
    nav.tabs a:hover { color: var(--wa-color-text-normal); }
    nav.tabs a[aria-current='page'] { color: var(--wa-color-text-link); border-bottom-color: var(--wa-color-brand-fill-loud); font-weight: var(--wa-font-weight-semibold); }
    nav.tabs a:focus-visible { outline: var(--wa-border-width-l) solid var(--wa-color-focus); outline-offset: calc(-1 * var(--wa-border-width-l)); }
    .icon { width: 1.1em; height: 1.1em; flex: none; }
    h1 { font-size: var(--wa-font-size-2xl); margin: 0 0 var(--wa-space-m); }
    .failed { color: var(--wa-color-danger-on-quiet); }
    /* A phone keeps the tabs on one line that scrolls sideways; wider windows show them all, wrapped. */
    @media (max-width: 767px) {
      nav.tabs ul { flex-wrap: nowrap; width: max-content; }
    }
  `;

  private tabs(): SettingsTab[] {
    return this.account ? settingsTabs(this.account) : [];
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('tab') || changed.has('account')) void this.open(this.tabs().find((tab) => tab.id === this.tab));
  }

  /** Shows a tab's content: a core page at once, a plugin's elements once their modules are loaded. */
  private async open(tab: SettingsTab | undefined): Promise<void> {
    const load = ++this.loads;
    this.failed = [];
    this.content = [];
    if (!tab) return;
    if (tab.page) {
      this.content = [this.create(tab.page)];
      return;
    }
    const settled = await Promise.allSettled(tab.contributions.map((c) => loadPluginModule(c.pluginId, c.entry)));
    if (load !== this.loads) return;
    this.content = tab.contributions
      .filter((_, i) => settled[i]!.status === 'fulfilled')
      .map((c) => this.create(c.element));
    this.failed = settled.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
  }

  private create(name: string): TabElement {
    return Object.assign(document.createElement(name) as TabElement, { account: this.account });
  }

  override render() {
    const tabs = this.tabs();
    const current = tabs.find((tab) => tab.id === this.tab);
    if (!current) return html`<outpost-not-found .path=${`/settings/${this.tab}`}></outpost-not-found>`;
    return html`<nav class="tabs" aria-label=${t('Settings')}>
        <ul>
          ${tabs.map(
            (tab) =>
              html`<li><a href="/settings/${tab.id}" aria-current=${tab === current ? 'page' : 'false'} data-tab=${tab.id}
                  >${tab.icon ? icon(tab.icon) : nothing}<span>${tab.label}</span></a
                ></li>`,
          )}
        </ul>
      </nav>
      ${current.page ? nothing : html`<h1>${current.label}</h1>`}
      ${this.failed.map(
        (error) => html`<p class="failed" role="alert">${t('This page could not be loaded: {error}', { error })}</p>`,
      )}
      <div class="content" data-testid="settings-content">${this.content}</div>`;
  }

  override updated(changed: Map<string, unknown>): void {
    // On a phone the open tab may sit past the visible part of the row: bring it in.
    if (changed.has('tab'))
      this.renderRoot.querySelector('a[aria-current=page]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
}
customElements.define('outpost-settings-page', OutpostSettingsPage);

declare global {
  interface HTMLElementTagNameMap {
    'outpost-settings-page': OutpostSettingsPage;
  }
}
