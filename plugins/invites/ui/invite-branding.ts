// <invites-branding>, on Settings → Invite page: company name, primary color and logo that customers see on invite pages, with
// a preview that follows the form as you type, and the MSP's own client per system.
import { LitElement, api, css, html, loadComponents, nothing, styleMap, t, toast } from '@outpost/ui-sdk';
import type { Branding, DownloadOs } from './api-types.js';
import { colorField, pageStyles, settingsStyles } from './shared.js';

const systemNames: Record<DownloadOs, string> = { windows: 'Windows', macos: 'macOS', linux: 'Linux' };

/** The look the form holds now, unsaved. */
type BrandingDraft = Pick<Branding, 'companyName' | 'primaryColor' | 'logo'>;

export class InviteBranding extends LitElement {
  static override properties = { branding: { state: true }, draft: { state: true }, error: { state: true } };

  static override styles = [
    pageStyles,
    settingsStyles,
    css`
      .settings { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 44ch), 1fr)); gap: var(--wa-space-xl); align-items: start; }
      img.logo { max-height: var(--wa-space-3xl); max-width: 100%; }
      figure.preview { --brand: var(--wa-color-brand-fill-loud); margin: 0; background: var(--wa-color-surface-lowered); border-radius: var(--wa-border-radius-l); padding: var(--wa-space-s); }
      figcaption { font-size: var(--wa-font-size-s); color: var(--wa-color-text-quiet); margin-bottom: var(--wa-space-xs); }
      .preview .page { background: var(--wa-color-surface-raised); border-radius: var(--wa-border-radius-l); padding: var(--wa-space-m); box-shadow: var(--wa-shadow-s); color: var(--wa-color-text-normal); }
      .preview header { display: flex; align-items: center; gap: var(--wa-space-s); border-bottom: var(--wa-border-width-l) solid var(--brand); padding-bottom: var(--wa-space-s); margin-bottom: var(--wa-space-s); }
      .preview header img { max-height: var(--wa-space-2xl); max-width: 30%; }
      .preview .title { font-weight: var(--wa-font-weight-bold); font-size: var(--wa-font-size-l); overflow-wrap: anywhere; }
      .preview .download { display: inline-block; background: var(--brand); color: var(--wa-color-brand-on-loud); padding: var(--wa-space-xs) var(--wa-space-m); border-radius: var(--wa-border-radius-m); font-weight: var(--wa-font-weight-semibold); }
    `,
  ];

  declare branding: Branding | null;
  /** What the form holds now, unsaved: the preview shows it. */
  declare draft: BrandingDraft | null;
  declare error: string;

  constructor() {
    super();
    this.branding = null;
    this.draft = null;
    this.error = '';
  }

  override async connectedCallback() {
    super.connectedCallback();
    await loadComponents('color-picker');
    const branding = await api<Branding>('GET', '/invites/branding');
    this.branding = branding;
    this.draft = { companyName: branding.companyName, primaryColor: branding.primaryColor, logo: branding.logo };
  }

  change<K extends keyof BrandingDraft>(field: K, value: BrandingDraft[K]) {
    if (this.draft) this.draft = { ...this.draft, [field]: value };
  }

  async pickLogo(event: Event) {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    if (!['image/png', 'image/jpeg'].includes(file.type) || file.size > 200_000) {
      this.error = t('The logo must be a PNG or JPEG of at most 200 KB.');
      return;
    }
    this.error = '';
    const logo = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsDataURL(file);
    });
    this.change('logo', logo);
  }

  async save(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    try {
      const clientUrls = Object.fromEntries(
        Object.keys(systemNames).map((os) => [os, String(form.get(`client-${os}`)).trim() || null]),
      );
      this.branding = await api<Branding>('PUT', '/invites/branding', {
        companyName: form.get('companyName'),
        primaryColor: form.get('primaryColor'),
        logo: this.draft?.logo,
        clientUrls,
      });
      this.error = '';
      toast(t('The invite page is updated.'));
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  override render() {
    if (!this.draft || !this.branding)
      return html`<wa-skeleton effect="sheen" aria-label=${t('Loading…')}></wa-skeleton>`;
    // The Settings page heads the tab "Invite page".
    return html`<section class="panel" aria-label=${t('Look of the invite page')}>
        <p class="muted">${t('What customers see when they open one of your invite links.')}</p>
        <div class="settings">${this.renderForm(this.draft, this.branding)} ${this.renderPreview(this.draft)}</div>
      </section>`;
  }

  renderForm(draft: BrandingDraft, branding: Branding) {
    return html`<form @submit=${this.save}>
      <wa-input label=${t('Company name')} name="companyName" required maxlength="100" .value=${draft.companyName} @input=${(e: Event) => this.change('companyName', (e.target as HTMLInputElement).value)}></wa-input>
      ${colorField('primaryColor', t('Primary color'), draft.primaryColor, (value) => this.change('primaryColor', value))}
      <label>${t('Logo (PNG or JPEG, at most 200 KB)')}<input type="file" accept="image/png,image/jpeg" @change=${this.pickLogo} /></label>
      ${draft.logo ? html`<img class="logo" src=${draft.logo} alt=${t('Current logo')} />` : nothing}
      ${renderClientUrls(branding)} ${this.error ? html`<wa-callout variant="danger" role="alert"><wa-icon slot="icon" name="circle-alert"></wa-icon>${this.error}</wa-callout>` : nothing}
      <wa-button type="submit" variant="brand">${t('Save')}</wa-button>
    </form>`;
  }

  /** The public invite page in small, from the unsaved form. */
  renderPreview({ companyName, primaryColor, logo }: BrandingDraft) {
    const company = companyName.trim() || t('Your company');
    return html`<figure class="preview" style=${styleMap({ '--brand': primaryColor })} data-testid="invite-preview">
      <figcaption>${t('Preview of the invite page')}</figcaption>
      <div class="page">
        <header>${logo ? html`<img src=${logo} alt=${company} />` : nothing}<span class="title">${t('{company} invites you to connect this computer', { company })}</span></header>
        <p>${t("Installing the Outpost agent lets {company} see this computer's status and help you with it.", { company })}</p>
        <p><span class="download">${t('Download for {system}', { system: 'Windows' })}</span></p>
        <p class="muted">${t('Invite code')}: <code>ABCD-EFGH-JKMN</code></p>
      </div>
    </figure>`;
  }
}

/** The MSP's own client per system: invite links serve it instead of the Outpost agent. */
function renderClientUrls(branding: Branding) {
  return html`<fieldset>
    <legend>${t('Your own client (optional)')}</legend>
    <p class="muted">${t('If you build and host your own client, invite links serve it instead of the Outpost agent, its file name carrying the invite code. Leave a system empty to offer the Outpost agent.')}</p>
    ${(Object.entries(systemNames) as Array<[DownloadOs, string]>).map(
      ([os, name]) =>
        html`<wa-input label=${t('{system} download URL', { system: name })} name=${`client-${os}`} type="url" maxlength="2000" placeholder="https://downloads.example.com/YourBrand" .value=${branding.clientUrls[os] ?? ''}></wa-input>`,
    )}
  </fieldset>`;
}

customElements.define('invites-branding', InviteBranding);

declare global {
  interface HTMLElementTagNameMap {
    'invites-branding': InviteBranding;
  }
}
