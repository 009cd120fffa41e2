// <tickets-support-widget>, on Settings → Widgets: the floating support form for the MSP's website, and its snippet.
import { LitElement, api, copyText, css, html, nothing, t, toast } from '@outpost/ui-sdk';
import type { SupportWidget } from './api-types.js';
import { styles } from './shared.js';

export class SupportWidgetSettings extends LitElement {
  static override properties = { widget: { state: true }, color: { state: true }, error: { state: true } };
  static override styles = [
    styles,
    css`form.fields { max-width: 28rem; } .color-field { display: flex; gap: 0.6rem; align-items: end; } pre { background: #0f172a; color: #e2e8f0; padding: 0.75rem; border-radius: 8px; white-space: pre-wrap; word-break: break-all; }`,
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
    if (!this.widget) return html`<p>${t('Loading…')}</p>`;
    return html`<h2>${t('Support widget')}</h2>
      ${this.renderSettings(this.widget)} ${this.renderSnippet(this.widget)}`;
  }

  renderSettings(w: SupportWidget) {
    return html`<section class="panel" aria-label=${t('Widget settings')}>
      <p class="muted">${t('A Support button on your website opens a form; what customers send becomes a ticket with source Widget, and they get the answers by mail.')}</p>
      <form class="fields" @submit=${this.save}>
        <label>${t('Company name')}<input name="companyName" required maxlength="100" .value=${w.companyName} /></label>
        <div class="color-field">
          <label>${t('Brand color')}<input name="color" type="color" .value=${this.color} @input=${(e: InputEvent) => (this.color = (e.target as HTMLInputElement).value)} /></label>
          <code>${this.color}</code>
        </div>
        <label
          >${t('Position')}<select name="position">
            <option value="bottom-right" ?selected=${w.position === 'bottom-right'}>${t('Bottom right')}</option>
            <option value="bottom-left" ?selected=${w.position === 'bottom-left'}>${t('Bottom left')}</option>
          </select></label
        >
        <label>${t('Greeting')}<textarea name="greeting" required maxlength="300" rows="2" .value=${w.greeting}></textarea></label>
        <label>${t('Allowed websites (one per line; empty: any website)')}<textarea name="allowedOrigins" rows="3" placeholder="https://www.example.com" .value=${w.allowedOrigins.join('\n')}></textarea></label>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div><button class="primary">${t('Save')}</button></div>
      </form>
    </section>`;
  }

  renderSnippet(w: SupportWidget) {
    return html`<section class="panel" aria-label=${t('Snippet')}>
      <h2>${t('Snippet')}</h2>
      <p class="muted">${t('Paste it before the closing </body> tag of your website.')}</p>
      <pre data-testid="support-widget-snippet">${w.snippet}</pre>
      <button @click=${() => copyText(w.snippet)}>${t('Copy snippet')}</button>
      <a class="button" href=${w.testPage} target="_blank" rel="noopener">${t('Try it on a test page')}</a>
    </section>`;
  }
}
customElements.define('tickets-support-widget', SupportWidgetSettings);

declare global {
  interface HTMLElementTagNameMap {
    'tickets-support-widget': SupportWidgetSettings;
  }
}
