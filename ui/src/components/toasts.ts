import { LitElement, css, html, nothing } from 'lit';
import { t } from '../i18n.js';

interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
}

/** What one toast on screen shows: a toast, or the newest of its kind standing for `more` others. */
interface Shown {
  toast: Toast;
  more: number;
  ids: number[];
}

let nextId = 1;
/** More toasts than this at once collapse, one per kind, so a burst of events never covers the page. */
export const maxToastsShown = 3;

export function toastsToShow(toasts: Toast[]): Shown[] {
  if (toasts.length <= maxToastsShown) return toasts.map((toast) => ({ toast, more: 0, ids: [toast.id] }));
  const kinds = [...new Set(toasts.map((toast) => toast.kind))];
  return kinds.map((kind) => {
    const ofKind = toasts.filter((toast) => toast.kind === kind);
    return { toast: ofKind.at(-1)!, more: ofKind.length - 1, ids: ofKind.map((toast) => toast.id) };
  });
}

/**
 * Toasts at the lower right, each a Web Awesome callout; errors stay until closed, the rest go after 5 seconds.
 * Announced to screen readers. At most three at once: beyond that each kind shows its newest toast and
 * "and N more", closed together.
 */
export class OutpostToasts extends LitElement {
  static override properties = { toasts: { state: true } };
  toasts: Toast[] = [];

  static override styles = css`
    :host { position: fixed; right: var(--wa-space-m); bottom: var(--wa-space-m); z-index: 100; max-width: min(24rem, calc(100vw - 2 * var(--wa-space-m))); }
    [role='status'] { display: flex; flex-direction: column; gap: var(--wa-space-xs); }
    wa-callout { box-shadow: var(--wa-shadow-l); }
    .body { display: flex; gap: var(--wa-space-s); align-items: start; }
    .more { opacity: 0.8; white-space: nowrap; }
    wa-button { margin-left: auto; margin-block: calc(-1 * var(--wa-space-2xs)); color: inherit; }
  `;

  show(message: string, kind: Toast['kind'] = 'info'): void {
    const toast = { id: nextId++, message, kind };
    this.toasts = [...this.toasts, toast];
    if (kind !== 'error') setTimeout(() => this.dismiss(toast.id), 5000);
  }

  dismiss(...ids: number[]): void {
    this.toasts = this.toasts.filter((toast) => !ids.includes(toast.id));
  }

  override render() {
    return html`<div role="status" aria-live="polite">
      ${toastsToShow(this.toasts).map(
        ({ toast, more, ids }) =>
          html`<wa-callout variant=${toast.kind === 'error' ? 'danger' : 'neutral'} appearance="accent" size="small" data-testid="toast">
            <div class="body">
              <span>${toast.message}${more ? html` <span class="more">${t('toast.more', { count: more })}</span>` : nothing}</span>
              <wa-button id="toast-close-${toast.id}" appearance="plain" size="small" @click=${() => this.dismiss(...ids)}
                ><wa-icon name="x" label=${t('toast.close')}></wa-icon
              ></wa-button>
              <wa-tooltip for="toast-close-${toast.id}">${t('toast.close')}</wa-tooltip>
            </div>
          </wa-callout>`,
      )}
    </div>`;
  }
}
customElements.define('outpost-toasts', OutpostToasts);

/** Shows a toast in the page's one toast area, which outlives page changes. */
export function toast(message: string, kind: Toast['kind'] = 'info'): void {
  let area = document.querySelector<OutpostToasts>('outpost-toasts');
  if (!area) area = document.body.appendChild(new OutpostToasts());
  area.show(message, kind);
}
