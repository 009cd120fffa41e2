// <invites-widget-settings>, on Settings → Widgets: the code-entry widget for the MSP's own website: its look, where it may
// run, and its snippet.
import { LitElement, api, css, html, loadComponents, nothing, t, toast } from '@outpost/ui-sdk';
import type { CodeWidget } from './api-types.js';
import { colorField, pageStyles, settingsStyles } from './shared.js';

const positionLabels: Record<CodeWidget['position'], string> = {
  'bottom-right': 'Floating, bottom right',
  'bottom-left': 'Floating, bottom left',
  inline: 'In the page, where the snippet is',
};

export class WidgetSettings extends LitElement {
  static override properties = { widget: { state: true }, color: { state: true }, error: { state: true } };

  static override styles = [
    pageStyles,
    settingsStyles,
    css`
      .actions { display: flex; gap: var(--wa-space-s); }
    `,
  ];

  declare widget: CodeWidget | null;
  /** The color picked and not saved yet, shown beside the picker. */
  declare color: string;
  declare error: string;

  constructor() {
    super();
    this.widget = null;
    this.color = '';
    this.error = '';
  }

  override async connectedCallback() {
    super.connectedCallback();
    await loadComponents('color-picker');
    this.widget = await api<CodeWidget>('GET', '/invites/widget');
    this.color = this.widget.color;
  }

  async save(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const allowedOrigins = String(form.get('allowedOrigins')).split(/\s+/).filter(Boolean);
    try {
      this.widget = await api<CodeWidget>('PUT', '/invites/widget', {
        color: form.get('color'),
        position: form.get('position'),
        greeting: form.get('greeting'),
        allowedOrigins,
      });
      this.error = '';
      toast(t('The widget is updated.'));
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  override render() {
    if (!this.widget) return nothing;
    const w = this.widget;
    return html`<section class="panel" aria-label=${t('Code-entry widget')}>
      <h2>${t('Code-entry widget')}</h2>
      <p class="muted">${t('Put it on your website: customers type the code you read out to them and get their invitation.')}</p>
      ${this.renderForm(w)}
      <h3>${t('Snippet')}</h3>
      <pre data-testid="widget-snippet">${w.snippet}</pre>
      <div class="actions">
        <wa-copy-button value=${w.snippet} copy-label=${t('Copy snippet')}></wa-copy-button>
        <wa-button appearance="outlined" href=${w.testPage} target="_blank" rel="noopener"><wa-icon slot="start" name="external-link"></wa-icon>${t('Try it on a test page')}</wa-button>
      </div>
    </section>`;
  }

  renderForm(w: CodeWidget) {
    return html`<form @submit=${this.save}>
      ${colorField('color', t('Widget color'), this.color, (value) => (this.color = value))}
      <wa-select label=${t('Position')} name="position" .value=${w.position}>
        ${Object.entries(positionLabels).map(([value, label]) => html`<wa-option value=${value}>${t(label)}</wa-option>`)}
      </wa-select>
      <wa-textarea label=${t('Greeting')} name="greeting" required maxlength="200" rows="2" .value=${w.greeting}></wa-textarea>
      <wa-textarea label=${t('Allowed websites (one per line; empty: any website)')} name="allowedOrigins" rows="3" placeholder="https://www.example.com" .value=${w.allowedOrigins.join('\n')}></wa-textarea>
      ${this.error ? html`<wa-callout variant="danger" role="alert"><wa-icon slot="icon" name="circle-alert"></wa-icon>${this.error}</wa-callout>` : nothing}
      <wa-button type="submit" variant="brand">${t('Save widget')}</wa-button>
    </form>`;
  }
}
customElements.define('invites-widget-settings', WidgetSettings);

declare global {
  interface HTMLElementTagNameMap {
    'invites-widget-settings': WidgetSettings;
  }
}
