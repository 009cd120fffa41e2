import { LitElement, css, html } from 'lit';

interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
}

let nextId = 1;

/** Toasts at the lower right; errors stay until closed, the rest go after 5 seconds. Announced to screen readers. */
export class OutpostToasts extends LitElement {
  static override properties = { toasts: { state: true } };
  toasts: Toast[] = [];

  static override styles = css`
    :host { position: fixed; right: 1rem; bottom: 1rem; display: flex; flex-direction: column; gap: 0.5rem; z-index: 100; max-width: min(24rem, calc(100vw - 2rem)); }
    .toast { background: #1b1f24; color: #fff; padding: 0.75rem 1rem; border-radius: 8px; box-shadow: 0 4px 16px rgb(0 0 0 / 0.2); display: flex; gap: 0.75rem; align-items: start; }
    .toast.error { background: #991b1b; }
    button { background: none; border: none; color: inherit; cursor: pointer; font-size: 1rem; margin-left: auto; }
  `;

  show(message: string, kind: Toast['kind'] = 'info'): void {
    const toast = { id: nextId++, message, kind };
    this.toasts = [...this.toasts, toast];
    if (kind !== 'error') setTimeout(() => this.dismiss(toast.id), 5000);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  override render() {
    return html`<div role="status" aria-live="polite">
      ${this.toasts.map(
        (t) =>
          html`<div class="toast ${t.kind}" data-testid="toast"><span>${t.message}</span><button aria-label="Close" @click=${() => this.dismiss(t.id)}>×</button></div>`,
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
