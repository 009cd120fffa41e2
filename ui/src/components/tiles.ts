import { LitElement, type TemplateResult, css, html } from 'lit';

/** Items as cards in a responsive grid (the tiles view of devices and screenshots), with an empty state slot. */
export class OutpostTiles<T extends { id: string }> extends LitElement {
  static override properties = { items: { attribute: false }, renderItem: { attribute: false }, label: {} };
  items: T[] = [];
  renderItem: (item: T) => TemplateResult | string = (item) => item.id;
  label = '';

  static override styles = css`
    ul { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1rem; }
    li { background: var(--wa-color-surface-raised); border: var(--wa-border-width-s) solid var(--wa-color-surface-border); border-radius: var(--wa-border-radius-l); box-shadow: var(--wa-shadow-s); padding: var(--wa-space-m); }
    .empty { background: var(--wa-color-surface-default); border: var(--wa-border-width-s) dashed var(--wa-color-neutral-border-loud); border-radius: var(--wa-border-radius-l); padding: var(--wa-space-2xl); text-align: center; }
  `;

  override render() {
    if (this.items.length === 0) return html`<div class="empty"><slot name="empty"></slot></div>`;
    return html`<ul aria-label=${this.label}>${this.items.map((item) => html`<li>${this.renderItem(item)}</li>`)}</ul>`;
  }
}
customElements.define('outpost-tiles', OutpostTiles);
