import { LitElement, type TemplateResult, css, html } from 'lit';

/** Items as cards in a responsive grid (the tiles view of devices and screenshots), with an empty state slot. */
export class OutpostTiles<T extends { id: string }> extends LitElement {
  static override properties = { items: { attribute: false }, renderItem: { attribute: false }, label: {} };
  items: T[] = [];
  renderItem: (item: T) => TemplateResult | string = (item) => item.id;
  label = '';

  static override styles = css`
    ul { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1rem; }
    li { background: #fff; border-radius: 10px; box-shadow: 0 1px 2px rgb(0 0 0 / 0.1); padding: 1rem; }
    .empty { background: #fff; border: 1px dashed #9ca3af; border-radius: 12px; padding: 2rem; text-align: center; }
  `;

  override render() {
    if (this.items.length === 0) return html`<div class="empty"><slot name="empty"></slot></div>`;
    return html`<ul aria-label=${this.label}>${this.items.map((item) => html`<li>${this.renderItem(item)}</li>`)}</ul>`;
  }
}
customElements.define('outpost-tiles', OutpostTiles);
