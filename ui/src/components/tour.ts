import { LitElement, css, html } from 'lit';
import { type MessageKey, t } from '../i18n.js';
import { formStyles } from '../styles.js';

const allSteps: Array<{ title: MessageKey; text: MessageKey }> = [
  { title: 'tour.welcomeTitle', text: 'tour.welcomeText' },
  { title: 'tour.navTitle', text: 'tour.navText' },
  { title: 'tour.tenantTitle', text: 'tour.tenantText' },
  { title: 'tour.liveTitle', text: 'tour.liveText' },
  { title: 'tour.accountTitle', text: 'tour.accountText' },
];

/**
 * The knowledge tour offered after the first sign-in: a few steps through the dashboard,
 * skippable at any point and replayable from the user menu. Fires `tour-done`.
 */
export class OutpostTour extends LitElement {
  static override properties = { step: { state: true }, tenantPicker: { type: Boolean, attribute: 'tenant-picker' } };
  step = 0;
  /** Whether the menu shows the tenant picker; its step is left out when it does not. */
  tenantPicker = false;

  private get steps() {
    return allSteps.filter((s) => this.tenantPicker || s.title !== 'tour.tenantTitle');
  }

  static override styles = [
    formStyles,
    css`
      :host { position: fixed; inset: 0; background: var(--wa-color-overlay-modal); display: flex; align-items: center; justify-content: center; z-index: 90; padding: 1rem; }
      [role='dialog'] { background: var(--wa-color-surface-raised); color: var(--wa-color-text-normal); border-radius: var(--wa-border-radius-l); padding: var(--wa-space-l); max-width: 28rem; box-shadow: var(--wa-shadow-l); }
      h2 { margin: 0 0 0.5rem; font-size: 1.2rem; }
      .count { color: var(--muted); font-size: 0.8rem; }
      .actions { display: flex; gap: 0.5rem; justify-content: flex-end; margin-top: 1.25rem; }
      .skip { margin-right: auto; }
    `,
  ];

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('button.primary')?.focus();
  }

  override render() {
    const steps = this.steps;
    const step = steps[Math.min(this.step, steps.length - 1)]!;
    const last = this.step >= steps.length - 1;
    return html`<div role="dialog" aria-modal="true" aria-labelledby="tour-title" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.finish()}>
      <div class="count">${t('tour.step', { step: this.step + 1, count: steps.length })}</div>
      <h2 id="tour-title">${t(step.title)}</h2>
      <p>${t(step.text)}</p>
      <div class="actions">
        <button class="skip" @click=${this.finish}>${t('tour.skip')}</button>
        ${this.step > 0 ? html`<button @click=${() => this.step--}>${t('tour.back')}</button>` : ''}
        <button class="primary" @click=${() => (last ? this.finish() : this.step++)}>${t(last ? 'tour.finish' : 'tour.next')}</button>
      </div>
    </div>`;
  }

  override updated(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('button.primary')?.focus();
  }

  private finish() {
    this.dispatchEvent(new Event('tour-done', { bubbles: true, composed: true }));
  }
}
customElements.define('outpost-tour', OutpostTour);
