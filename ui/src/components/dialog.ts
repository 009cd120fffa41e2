import { LitElement, css, html } from 'lit';
import { t } from '../i18n.js';
import { formStyles } from '../styles.js';

/**
 * A modal dialog on the native <dialog>: focus moves into it and is trapped there,
 * Escape closes it, and focus returns to what opened it.
 */
export class OutpostDialog extends LitElement {
  static override properties = { heading: {} };
  heading = '';
  private opener: Element | null = null;

  static override styles = [
    formStyles,
    css`
      dialog { border: none; border-radius: var(--wa-border-radius-l); padding: var(--wa-space-l); width: min(32rem, calc(100vw - 2rem)); box-shadow: var(--wa-shadow-l); background: var(--wa-color-surface-raised); color: var(--wa-color-text-normal); }
      dialog::backdrop { background: var(--wa-color-overlay-modal); }
      h2 { margin: 0 0 1rem; font-size: 1.2rem; }
      .actions { display: flex; justify-content: flex-end; flex-wrap: wrap; gap: 0.5rem; margin-top: 1.25rem; }
      /* The confirmation's own controls live in the light DOM; a style attribute would be refused by the CSP. */
      ::slotted(button) { font: inherit; cursor: pointer; border-radius: 6px; padding: 0.6rem 1rem; border: var(--wa-border-width-s) solid var(--wa-color-neutral-border-normal); background: var(--wa-color-surface-default); color: var(--wa-color-text-normal); }
      ::slotted(button.danger) { color: var(--wa-color-danger-on-loud); background: var(--wa-color-danger-fill-loud); border-color: var(--wa-color-danger-fill-loud); }
      ::slotted(button[disabled]) { opacity: 0.6; cursor: not-allowed; }
      ::slotted(input) { width: 100%; box-sizing: border-box; padding: 0.5rem; font: inherit; border: var(--wa-border-width-s) solid var(--wa-color-neutral-border-normal); border-radius: var(--wa-border-radius-m); background: var(--wa-color-surface-default); color: var(--wa-color-text-normal); }
    `,
  ];

  open(): void {
    this.opener = document.activeElement;
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  override render() {
    return html`<dialog aria-labelledby="heading" @close=${this.restoreFocus}>
      <h2 id="heading">${this.heading}</h2>
      <slot></slot>
      <div class="actions"><slot name="actions"></slot></div>
    </dialog>`;
  }

  private restoreFocus() {
    (this.opener as HTMLElement | null)?.focus?.();
    this.dispatchEvent(new Event('closed'));
  }
}
customElements.define('outpost-dialog', OutpostDialog);

/**
 * Asks before something that cannot be undone. For the worst ones, `typed` makes the
 * user type a word (a name) before the button works. Resolves true when confirmed.
 */
export function confirmDestructive(options: {
  title: string;
  message: string;
  action: string;
  typed?: string;
}): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = new OutpostDialog();
    dialog.heading = options.title;
    const text = document.createElement('p');
    text.textContent = options.message;
    const input = document.createElement('input');
    const cancel = document.createElement('button');
    const confirm = document.createElement('button');
    cancel.textContent = t('Cancel');
    cancel.slot = confirm.slot = 'actions';
    confirm.textContent = options.action;
    confirm.className = 'danger';
    dialog.append(text);
    if (options.typed) {
      input.setAttribute('aria-label', t('Type {word} to confirm', { word: options.typed }));
      input.placeholder = options.typed;
      confirm.disabled = true;
      input.addEventListener('input', () => (confirm.disabled = input.value !== options.typed));
      dialog.append(input);
    }
    dialog.append(cancel, confirm);
    let result = false;
    cancel.addEventListener('click', () => dialog.close());
    confirm.addEventListener('click', () => {
      result = true;
      dialog.close();
    });
    dialog.addEventListener('closed', () => {
      dialog.remove();
      resolve(result);
    });
    document.body.append(dialog);
    void dialog.updateComplete.then(() => {
      dialog.open();
      (options.typed ? input : cancel).focus();
    });
  });
}
