import { t } from '../i18n.js';
import { LitElement, css, html } from 'lit';

/** The device tag rule: lowercase letters, digits and `-_:`, at most 64 characters. */
const tagPattern = /^[a-z0-9\-_:]{1,64}$/;

/**
 * Tags as removable chips with a text field: Enter or comma adds, Backspace on an empty
 * field removes the last. Tags are lowercased; ones that break the rule are refused
 * with a message. Fires `change` with the tag list in `detail`.
 */
export class OutpostTagInput extends LitElement {
  static override properties = { tags: { attribute: false }, max: { type: Number }, label: {}, error: { state: true } };
  tags: string[] = [];
  max = 32;
  label = 'Tags';
  error = '';

  static override styles = css`
    .box { display: flex; flex-wrap: wrap; gap: var(--wa-space-2xs); border: var(--wa-border-width-s) solid var(--wa-color-neutral-border-normal); border-radius: var(--wa-border-radius-m); padding: var(--wa-space-2xs); background: var(--wa-color-surface-default); }
    .box:focus-within { outline: var(--wa-focus-ring); }
    .chip { display: inline-flex; align-items: center; gap: 0.25rem; background: var(--wa-color-brand-fill-normal); color: var(--wa-color-brand-on-normal); border-radius: var(--wa-border-radius-pill); padding: 0.15rem 0.6rem; font-size: 0.875rem; }
    .chip button { all: unset; cursor: pointer; font-weight: 700; padding: 0 0.15rem; }
    .chip button:focus-visible { outline: var(--wa-focus-ring); }
    input { flex: 1; min-width: 8rem; border: none; font: inherit; padding: 0.25rem; outline: none; }
    .error { color: var(--wa-color-danger-on-quiet); font-size: 0.8rem; margin-top: 0.25rem; }
  `;

  override render() {
    return html`<div class="box">
        ${this.tags.map((tag) => html`<span class="chip">${tag}<button aria-label=${t('Remove {tag}', { tag })} @click=${() => this.setTags(this.tags.filter((t) => t !== tag))}>×</button></span>`)}
        <input aria-label=${this.label} aria-invalid=${this.error ? 'true' : 'false'} @keydown=${this.onKey} @blur=${this.onBlur} />
      </div>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : ''}`;
  }

  private onKey(event: KeyboardEvent) {
    const input = event.target as HTMLInputElement;
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      this.add(input);
    } else if (event.key === 'Backspace' && input.value === '' && this.tags.length > 0) {
      this.setTags(this.tags.slice(0, -1));
    }
  }

  private onBlur(event: FocusEvent) {
    if ((event.target as HTMLInputElement).value.trim()) this.add(event.target as HTMLInputElement);
  }

  private add(input: HTMLInputElement) {
    const tag = input.value.trim().toLowerCase();
    if (!tag) return;
    if (!tagPattern.test(tag)) this.error = t('Use a-z, 0-9, - _ and : only, at most 64 characters.');
    else if (this.tags.length >= this.max) this.error = t('At most {max} tags.', { max: this.max });
    else {
      this.error = '';
      input.value = '';
      if (!this.tags.includes(tag)) this.setTags([...this.tags, tag]);
    }
  }

  private setTags(tags: string[]) {
    this.tags = tags;
    this.dispatchEvent(new CustomEvent('change', { detail: tags }));
  }
}
customElements.define('outpost-tag-input', OutpostTagInput);
