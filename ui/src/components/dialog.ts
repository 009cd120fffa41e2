import { LitElement, css, html } from 'lit';
import { t } from '../i18n.js';

/**
 * @summary A modal dialog on Web Awesome's `wa-dialog`: focus moves into it (to an element
 * with `autofocus`, else the first control) and is trapped there, Escape and the close
 * button close it, and focus returns to what opened it.
 * @slot - The content.
 * @slot actions - The buttons, at the foot (`wa-button`s).
 * @event closed - After it has closed, however that happened.
 */
export class OutpostDialog extends LitElement {
  static override properties = { heading: {} };
  /** The title, which also names the dialog for assistive technology. */
  heading = '';
  private opener: Element | null = null;

  static override styles = css`
    wa-dialog { --width: min(32rem, calc(100vw - 2 * var(--wa-space-m))); }
    .actions { display: flex; justify-content: flex-end; flex-wrap: wrap; gap: var(--wa-space-xs); }
    ::slotted(wa-input) { margin-top: var(--wa-space-s); }
  `;

  open(): void {
    this.opener = document.activeElement;
    const dialog = this.renderRoot.querySelector<HTMLElement & { open: boolean }>('wa-dialog');
    if (dialog) dialog.open = true;
  }

  close(): void {
    const dialog = this.renderRoot.querySelector<HTMLElement & { open: boolean }>('wa-dialog');
    if (dialog) dialog.open = false;
  }

  override render() {
    return html`<wa-dialog label=${this.heading} @wa-after-hide=${this.handleAfterHide}>
      <slot></slot>
      <div slot="footer" class="actions"><slot name="actions"></slot></div>
    </wa-dialog>`;
  }

  private handleAfterHide(event: Event) {
    // Only the dialog's own: a tooltip or dropdown inside fires the same event.
    if (event.target !== event.currentTarget) return;
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
    const input = document.createElement('wa-input') as HTMLElement & { value: string; label: string };
    const cancel = document.createElement('wa-button') as HTMLElement & { disabled: boolean };
    const confirm = document.createElement('wa-button') as HTMLElement & { disabled: boolean };
    cancel.textContent = t('Cancel');
    cancel.setAttribute('appearance', 'outlined');
    cancel.slot = confirm.slot = 'actions';
    confirm.textContent = options.action;
    confirm.setAttribute('variant', 'danger');
    dialog.append(text);
    if (options.typed) {
      input.label = t('Type {word} to confirm', { word: options.typed });
      input.setAttribute('placeholder', options.typed);
      input.setAttribute('autocomplete', 'off');
      input.setAttribute('autofocus', '');
      confirm.disabled = true;
      input.addEventListener('input', () => (confirm.disabled = input.value !== options.typed));
      dialog.append(input);
    } else cancel.setAttribute('autofocus', '');
    dialog.append(cancel, confirm);
    let result = false;
    cancel.addEventListener('click', () => dialog.close());
    confirm.addEventListener('click', () => {
      if (confirm.disabled) return;
      result = true;
      dialog.close();
    });
    dialog.addEventListener('closed', () => {
      dialog.remove();
      resolve(result);
    });
    document.body.append(dialog);
    void dialog.updateComplete.then(() => dialog.open());
  });
}
