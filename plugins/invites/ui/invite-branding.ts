// <invites-branding>, on Settings → Invite page: company name, primary color and logo that customers see on invite pages, with
// a preview that follows the form as you type, and the MSP's own client per system.
import { LitElement, api, css, html, nothing, styleMap, t, toast } from '@outpost/ui-sdk';
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
      .settings { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: 1.5rem; align-items: start; }
      img.logo { max-height: 3rem; max-width: 100%; }
      figure.preview { --brand: #1d4ed8; margin: 0; background: #f1f5f9; border-radius: 10px; padding: 0.75rem; }
      figcaption { font-size: 0.85rem; color: #475569; margin-bottom: 0.5rem; }
      .preview .page { background: #fff; border-radius: 10px; padding: 1rem; box-shadow: 0 1px 3px rgb(0 0 0 / 0.12); color: #0f172a; }
      .preview header { display: flex; align-items: center; gap: 0.75rem; border-bottom: 4px solid var(--brand); padding-bottom: 0.75rem; margin-bottom: 0.75rem; }
      .preview header img { max-height: 2.5rem; max-width: 8rem; }
      .preview .title { font-weight: 700; font-size: 1.1rem; overflow-wrap: anywhere; }
      .preview .download { display: inline-block; background: var(--brand); color: #fff; padding: 0.6rem 1rem; border-radius: 8px; font-weight: 600; }
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
    if (!this.draft || !this.branding) return html`<p>${t('Loading…')}</p>`;
    // The Settings page heads the tab "Invite page".
    return html`<section class="panel" aria-label=${t('Look of the invite page')}>
        <p class="muted">${t('What customers see when they open one of your invite links.')}</p>
        <div class="settings">${this.renderForm(this.draft, this.branding)} ${this.renderPreview(this.draft)}</div>
      </section>`;
  }

  renderForm(draft: BrandingDraft, branding: Branding) {
    return html`<form @submit=${this.save}>
      <label>${t('Company name')}<input name="companyName" required maxlength="100" .value=${draft.companyName} @input=${(e: InputEvent) => this.change('companyName', (e.target as HTMLInputElement).value)} /></label>
      ${colorField('primaryColor', t('Primary color'), draft.primaryColor, (value) => this.change('primaryColor', value))}
      <label>${t('Logo (PNG or JPEG, at most 200 KB)')}<input type="file" accept="image/png,image/jpeg" @change=${this.pickLogo} /></label>
      ${draft.logo ? html`<img class="logo" src=${draft.logo} alt=${t('Current logo')} />` : nothing}
      ${renderClientUrls(branding)} ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <button class="primary">${t('Save')}</button>
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
        html`<label>${t('{system} download URL', { system: name })}<input name=${`client-${os}`} type="url" maxlength="2000" placeholder="https://downloads.example.com/YourBrand" .value=${branding.clientUrls[os] ?? ''} /></label>`,
    )}
  </fieldset>`;
}

customElements.define('invites-branding', InviteBranding);

declare global {
  interface HTMLElementTagNameMap {
    'invites-branding': InviteBranding;
  }
}
