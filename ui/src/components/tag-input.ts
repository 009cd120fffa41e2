import { t } from '../i18n.js';
import { LitElement, css, html } from 'lit';

/** The device tag rule: lowercase letters, digits and `-_:`, at most 64 characters. */
const tagPattern = /^[a-z0-9\-_:]{1,64}$/;

/**
 * Tags as removable Web Awesome tags over a `wa-input`: Enter or comma adds, Backspace on an empty
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
    .tags { display: flex; flex-wrap: wrap; gap: var(--wa-space-2xs); margin-bottom: var(--wa-space-2xs); }
    .tags:empty { display: none; }
    wa-tag button { all: unset; cursor: pointer; display: inline-flex; margin-inline-start: var(--wa-space-2xs); border-radius: var(--wa-border-radius-s); }
    wa-tag button:focus-visible { outline: var(--wa-focus-ring); }
    /* The field's name is read out, not shown: the page labels the control where it stands. */
    wa-input::part(label) { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .error { color: var(--wa-color-danger-on-quiet); font-size: var(--wa-font-size-xs); margin-top: var(--wa-space-2xs); }
  `;

  override render() {
    return html`<div class="tags">${this.tags.map(
      (tag, index) =>
        html`<wa-tag size="small" variant="brand">${tag}<button id="remove-${index}" aria-labelledby="remove-${index}" @click=${() => this.setTags(this.tags.filter((t) => t !== tag))}
            ><wa-icon name="x" label=${t('Remove {tag}', { tag })}></wa-icon></button
        ></wa-tag><wa-tooltip for="remove-${index}">${t('Remove {tag}', { tag })}</wa-tooltip>`,
    )}</div>
      <wa-input label=${this.label} aria-invalid=${this.error ? 'true' : 'false'} @keydown=${this.onKey} @blur=${this.onBlur}></wa-input>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : ''}`;
  }

  private onKey(event: KeyboardEvent) {
    const input = event.currentTarget as HTMLInputElement;
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      this.add(input);
    } else if (event.key === 'Backspace' && input.value === '' && this.tags.length > 0) {
      this.setTags(this.tags.slice(0, -1));
    }
  }

  private onBlur(event: FocusEvent) {
    const input = event.currentTarget as HTMLInputElement;
    if (input.value.trim()) this.add(input);
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
