import { LitElement, css, html, nothing } from 'lit';
import { extensionsAt, loadPluginModule } from '../plugin-modules.js';

/**
 * An extension point on a plugin's page: shows what other plugins add there (a
 * contact panel on a device's page, say), each element given the page's `context`.
 * Renders nothing when no enabled plugin contributes.
 */
export class OutpostExtensions extends LitElement {
  static override properties = { point: {}, plugin: {}, context: { attribute: false }, elements: { state: true } };
  point = '';
  /** Only this plugin's contributions (the home page groups quick actions by plugin); all when empty. */
  plugin = '';
  context: unknown;
  elements: Array<HTMLElement & { context?: unknown }> = [];

  static override styles = css`
    :host { display: contents; }
  `;

  override async willUpdate(changed: Map<string, unknown>): Promise<void> {
    if (changed.has('context')) for (const element of this.elements) element.context = this.context;
    if (!changed.has('point') && !changed.has('plugin')) return;
    const contributions = extensionsAt(this.point).filter((c) => !this.plugin || c.pluginId === this.plugin);
    const settled = await Promise.allSettled(contributions.map((c) => loadPluginModule(c.pluginId, c.entry)));
    this.elements = contributions
      .filter((_, i) => settled[i]!.status === 'fulfilled')
      .map((c) => Object.assign(document.createElement(c.element), { context: this.context }));
  }

  override render() {
    return this.elements.length ? html`${this.elements}` : nothing;
  }
}
customElements.define('outpost-extensions', OutpostExtensions);
