import { LitElement, css, html } from 'lit';
import { t } from '../i18n.js';
import { loadPluginModule } from '../plugin-modules.js';

/**
 * A plugin's page: loads the plugin's browser module the first time one of its pages
 * is opened (one chunk per plugin, on demand), then shows its `<id>-page` element.
 */
export class OutpostPluginView extends LitElement {
  static override properties = {
    plugin: { attribute: false },
    account: { attribute: false },
    path: {},
    failed: { state: true },
    ready: { state: true },
  };
  plugin!: { id: string; entry: string };
  account: unknown;
  path = '';
  failed = '';
  ready = false;
  private page: (HTMLElement & { account?: unknown; path?: string }) | undefined;

  static override styles = css`
    .failed { color: var(--wa-color-danger-on-quiet); }
  `;

  override async willUpdate(changed: Map<string, unknown>): Promise<void> {
    if (!changed.has('plugin')) return;
    this.ready = false;
    try {
      await loadPluginModule(this.plugin.id, this.plugin.entry);
      this.page = document.createElement(`${this.plugin.id}-page`);
      this.ready = true;
    } catch (error) {
      this.failed = String(error);
    }
  }

  override render() {
    if (this.failed)
      return html`<p class="failed" role="alert">${t('This page could not be loaded: {error}', { error: this.failed })}</p>`;
    if (!this.ready || !this.page) return html`<p>${t('Loading…')}</p>`;
    this.page.account = this.account;
    this.page.path = this.path;
    return this.page;
  }
}
customElements.define('outpost-plugin-view', OutpostPluginView);
