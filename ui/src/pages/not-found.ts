import { LitElement, css, html } from 'lit';
import { t } from '../i18n.js';
import { pageStyles } from '../styles.js';

/** What an app path that no page answers shows: the address (as text, never markup) and the way home. */
export class OutpostNotFound extends LitElement {
  static override properties = { path: {} };
  path = '';

  static override styles = [
    pageStyles,
    css`
      code { overflow-wrap: anywhere; background: var(--wa-color-neutral-fill-quiet); padding: 0.1rem 0.35rem; border-radius: 4px; }
      a.home { color: var(--wa-color-text-link); }
    `,
  ];

  override render() {
    return html`<h1>${t('notFound.title')}</h1>
      <div class="panel" data-testid="not-found">
        <p>${t('notFound.text')} <code>${readable(this.path)}</code></p>
        <p><a class="home" href="/">${t('notFound.home')}</a></p>
      </div>`;
  }
}
customElements.define('outpost-not-found', OutpostNotFound);

/** The path as the user typed it (`%20` as a space); as it came when it does not decode. */
function readable(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
