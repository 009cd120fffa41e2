// <tickets-support-widget>, on Settings → Widgets: the floating support form for the MSP's website, and its snippet.
import { LitElement, api, css, html, loadComponents, nothing, t, toast } from '@outpost/ui-sdk';
import type { SupportWidget } from './api-types.js';
import { styles } from './shared.js';

export class SupportWidgetSettings extends LitElement {
  static override properties = { widget: { state: true }, color: { state: true }, error: { state: true } };
  static override styles = [
    styles,
    css`form.fields { max-width: 60ch; } form.fields wa-button { justify-self: start; } .actions { display: flex; }`,
  ];

  declare widget: SupportWidget | null;
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
    this.widget = await api<SupportWidget>('GET', '/tickets/widget');
    this.color = this.widget.color;
  }

  async save(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    try {
      this.widget = await api<SupportWidget>('PUT', '/tickets/widget', {
        companyName: data.get('companyName'),
        color: data.get('color'),
        position: data.get('position'),
        greeting: data.get('greeting'),
        allowedOrigins: String(data.get('allowedOrigins')).split(/\s+/).filter(Boolean),
      });
      this.error = '';
      toast(t('The support widget is updated.'));
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  override render() {
    if (!this.widget) return html`<wa-skeleton effect="sheen" aria-label=${t('Loading…')}></wa-skeleton>`;
    return html`<h2>${t('Support widget')}</h2>
      ${this.renderSettings(this.widget)} ${this.renderSnippet(this.widget)}`;
  }

  renderSettings(w: SupportWidget) {
    return html`<section class="panel" aria-label=${t('Widget settings')}>
      <p class="muted">${t('A Support button on your website opens a form; what customers send becomes a ticket with source Widget, and they get the answers by mail.')}</p>
      <form class="fields" @submit=${this.save}>
        <wa-input label=${t('Company name')} name="companyName" required maxlength="100" .value=${w.companyName}></wa-input>
        <wa-color-picker label=${t('Brand color')} name="color" .value=${this.color} @input=${(e: Event) => (this.color = (e.target as HTMLInputElement).value)}></wa-color-picker>
        <wa-select label=${t('Position')} name="position" .value=${w.position}>
          <wa-option value="bottom-right">${t('Bottom right')}</wa-option>
          <wa-option value="bottom-left">${t('Bottom left')}</wa-option>
        </wa-select>
        <wa-textarea label=${t('Greeting')} name="greeting" required maxlength="300" rows="2" .value=${w.greeting}></wa-textarea>
        <wa-textarea label=${t('Allowed websites (one per line; empty: any website)')} name="allowedOrigins" rows="3" placeholder="https://www.example.com" .value=${w.allowedOrigins.join('\n')}></wa-textarea>
        ${this.error ? html`<wa-callout variant="danger" role="alert"><wa-icon slot="icon" name="circle-alert"></wa-icon>${this.error}</wa-callout>` : nothing}
        <wa-button type="submit" variant="brand">${t('Save')}</wa-button>
      </form>
    </section>`;
  }

  renderSnippet(w: SupportWidget) {
    return html`<section class="panel" aria-label=${t('Snippet')}>
      <h2>${t('Snippet')}</h2>
      <p class="muted">${t('Paste it before the closing </body> tag of your website.')}</p>
      <pre data-testid="support-widget-snippet">${w.snippet}</pre>
      <div class="actions">
        <wa-copy-button value=${w.snippet} copy-label=${t('Copy snippet')}></wa-copy-button>
        <wa-button appearance="outlined" href=${w.testPage} target="_blank" rel="noopener"><wa-icon slot="start" name="external-link"></wa-icon>${t('Try it on a test page')}</wa-button>
      </div>
    </section>`;
  }
}
customElements.define('tickets-support-widget', SupportWidgetSettings);

declare global {
  interface HTMLElementTagNameMap {
    'tickets-support-widget': SupportWidgetSettings;
  }
}
