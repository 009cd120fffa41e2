import { LitElement, type PropertyValues, css, html } from 'lit';
import { type MessageKey, t } from '../i18n.js';

const allSteps: Array<{ title: MessageKey; text: MessageKey }> = [
  { title: 'tour.welcomeTitle', text: 'tour.welcomeText' },
  { title: 'tour.navTitle', text: 'tour.navText' },
  { title: 'tour.tenantTitle', text: 'tour.tenantText' },
  { title: 'tour.liveTitle', text: 'tour.liveText' },
  { title: 'tour.accountTitle', text: 'tour.accountText' },
];

/**
 * The knowledge tour offered after the first sign-in, in a Web Awesome dialog: a few steps
 * through the dashboard, skippable at any point (Skip, Escape, the close button) and
 * replayable from the user menu. Fires `tour-done`.
 */
export class OutpostTour extends LitElement {
  static override properties = { step: { state: true }, tenantPicker: { type: Boolean, attribute: 'tenant-picker' } };
  step = 0;
  /** Whether the menu shows the tenant picker; its step is left out when it does not. */
  tenantPicker = false;

  private get steps() {
    return allSteps.filter((s) => this.tenantPicker || s.title !== 'tour.tenantTitle');
  }

  static override styles = css`
    .count { color: var(--wa-color-text-quiet); font-size: var(--wa-font-size-xs); margin: 0 0 var(--wa-space-xs); }
    p { margin: 0; }
    .actions { display: flex; flex-wrap: wrap; gap: var(--wa-space-xs); justify-content: flex-end; width: 100%; }
    .skip { margin-right: auto; }
  `;

  override render() {
    const steps = this.steps;
    const step = steps[Math.min(this.step, steps.length - 1)]!;
    const last = this.step >= steps.length - 1;
    return html`<wa-dialog open label=${t(step.title)} @wa-hide=${this.handleHide}>
      <p class="count">${t('tour.step', { step: this.step + 1, count: steps.length })}</p>
      <p>${t(step.text)}</p>
      <div slot="footer" class="actions">
        <wa-button class="skip" appearance="plain" @click=${this.finish}>${t('tour.skip')}</wa-button>
        ${this.step > 0 ? html`<wa-button appearance="outlined" @click=${() => this.step--}>${t('tour.back')}</wa-button>` : ''}
        <wa-button class="primary" variant="brand" autofocus @click=${() => (last ? this.finish() : this.step++)}
          >${t(last ? 'tour.finish' : 'tour.next')}</wa-button
        >
      </div>
    </wa-dialog>`;
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('step') && changed.get('step') !== undefined)
      this.renderRoot.querySelector<HTMLElement>('wa-button.primary')?.focus();
  }

  /** Escape or the close button: the tour ends as when skipped. */
  private handleHide(event: Event) {
    if (event.target !== event.currentTarget) return;
    event.preventDefault();
    this.finish();
  }

  private finish() {
    this.dispatchEvent(new Event('tour-done', { bubbles: true, composed: true }));
  }
}
customElements.define('outpost-tour', OutpostTour);
