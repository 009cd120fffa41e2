import { html, nothing } from 'lit';
import { api } from '../api.js';
import { languages, shippedLanguage, t } from '../i18n.js';
import { toast } from '../components/toasts.js';
import '../components/data-table.js';
import type { Column } from '../components/data-table.js';
import { confirmDestructive } from '../components/dialog.js';
import { formatDateTime } from '../format.js';
import type { Profile, SessionInfo } from '../types.js';
import { OutpostPage } from './page.js';

type Session = SessionInfo;

const dateFormats = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY'];

/** Account settings: profile, password, two-factor authentication, sessions, deleting the account. */
export class OutpostAccountPage extends OutpostPage {
  static override properties = {
    ...OutpostPage.properties,
    profile: { state: true },
    sessions: { state: true },
    setup: { state: true },
    recoveryCodes: { state: true },
  };
  profile: Profile | undefined;
  sessions: Session[] = [];
  setup: { secret: string; qr: string } | undefined;
  recoveryCodes: string[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    [this.profile, this.sessions] = await Promise.all([
      api<Profile>('GET', '/account'),
      api<{ items: Session[] }>('GET', '/account/sessions').then((r) => r.items),
    ]);
  }

  override render() {
    if (!this.profile) return nothing;
    const p = this.profile;
    const zones = [
      'UTC',
      ...(Intl as unknown as { supportedValuesOf(k: string): string[] })
        .supportedValuesOf('timeZone')
        .filter((z) => z !== 'UTC'),
    ];
    const sessionColumns: Column<Session>[] = [
      {
        key: 'device',
        label: t('Device'),
        render: (s) => html`${s.device}${s.current ? html` <strong>${t('(this browser)')}</strong>` : nothing}`,
      },
      { key: 'software', label: t('Software') },
      { key: 'ip', label: t('IP') },
      { key: 'lastSeenAt', label: t('Last seen'), text: (s) => formatDateTime(s.lastSeenAt) },
      {
        key: 'id',
        label: '',
        sortable: false,
        render: (s) =>
          html`<wa-button size="small" variant="danger" appearance="outlined" @click=${() => this.endSession(s)}>${t('End session')}</wa-button>`,
      },
    ];
    return html`<h1>${t('Account settings')}</h1>
      <section>
        <h2>${t('Profile')}</h2>
        <form @submit=${this.saveProfile}>
          <div class="grid">
            <wa-input label=${t('account.name')} name="name" .value=${p.name} maxlength="200" autocomplete="given-name"></wa-input>
            <wa-input label=${t('account.surname')} name="surname" .value=${p.surname} maxlength="200" autocomplete="family-name"></wa-input>
            <wa-input label=${t('Country (two letters)')} name="country" .value=${p.country ?? ''} maxlength="2" autocomplete="country"></wa-input>
            <wa-select label=${t('Language')} name="language" .value=${shippedLanguage(p.language)}>${Object.entries(languages).map(([tag, name]) => html`<wa-option value=${tag} lang=${tag}>${name}</wa-option>`)}</wa-select>
            <wa-select label=${t('Time zone')} name="timeZone" .value=${p.timeZone}>${zones.map((z) => html`<wa-option value=${z}>${z}</wa-option>`)}</wa-select>
            <wa-select label=${t('Date format')} name="dateFormat" .value=${p.dateFormat}>${dateFormats.map((f) => html`<wa-option value=${f}>${f}</wa-option>`)}</wa-select>
          </div>
          <p><wa-button type="submit" variant="brand">${t('Save changes')}</wa-button></p>
        </form>
      </section>
      <section>
        <h2>${t('Password')}</h2>
        <form class="inline" @submit=${this.changePassword}>
          <wa-input label=${t('Current password')} name="current" type="password" autocomplete="current-password" required
            >${this.fieldErrors.current ? html`<span slot="hint" class="field-error">${this.fieldErrors.current}</span>` : nothing}</wa-input
          >
          <wa-input label=${t('New password')} name="new" type="password" autocomplete="new-password" required
            >${this.fieldErrors.new ? html`<span slot="hint" class="field-error">${this.fieldErrors.new}</span>` : nothing}</wa-input
          >
          <wa-button type="submit" appearance="outlined">${t('Change password')}</wa-button>
        </form>
      </section>
      <section>
        <h2>${t('Two-factor authentication')}</h2>
        ${this.renderTwoFactor(p)}
      </section>
      <section>
        <h2>${t('Sessions')}</h2>
        <outpost-data-table label=${t('Sessions')} filename="sessions.csv" .columns=${sessionColumns} .rows=${this.sessions}></outpost-data-table>
      </section>
      <section>
        <h2>${t('Delete account')}</h2>
        <form class="inline" @submit=${this.deleteAccount}>
          <wa-input label=${t('Your password')} name="password" type="password" autocomplete="current-password" required></wa-input>
          <wa-button type="submit" variant="danger" appearance="outlined">${t('Delete my account')}</wa-button>
        </form>
      </section>`;
  }

  private renderTwoFactor(p: Profile) {
    if (this.recoveryCodes.length > 0) {
      return html`<p>${t('Two-factor authentication is on. Keep these recovery codes somewhere safe; each works once, and they are shown only now:')}</p>
        <p data-testid="recovery-codes">${this.recoveryCodes.map((c) => html`<code>${c}</code> `)}</p>`;
    }
    if (p.twoFactorEnabled) {
      return html`<p>${t('On. To turn it off, enter your password and a current code.')}</p>
        <form class="inline" @submit=${this.disableTwoFactor}>
          <wa-input label=${t('Password')} name="password" type="password" autocomplete="current-password" required></wa-input>
          <wa-input label=${t('Code')} name="code" inputmode="numeric" autocomplete="one-time-code" required></wa-input>
          <wa-button type="submit" variant="danger" appearance="outlined">${t('Turn off')}</wa-button>
        </form>`;
    }
    if (this.setup) {
      return html`<p>${t('Scan the code with your authenticator app (or type the key), then enter the 6-digit code it shows.')}</p>
        <img src=${this.setup.qr} alt=${t('QR code for your authenticator app')} width="200" height="200" data-testid="qr" />
        <p>${t('Key:')} <span class="secret" data-testid="totp-secret">${this.setup.secret}</span></p>
        <form class="inline" @submit=${this.verifyTwoFactor}>
          <wa-input label=${t('Code from the app')} name="code" inputmode="numeric" autocomplete="one-time-code" required></wa-input>
          <wa-button type="submit" variant="brand">${t('Turn on')}</wa-button>
        </form>`;
    }
    return html`<p>${t('Off. Protect your account with a code from an authenticator app (TOTP) at each sign-in.')}</p>
      <wa-button variant="brand" @click=${this.startTwoFactor}>${t('Set up two-factor authentication')}</wa-button>`;
  }

  private async saveProfile(event: SubmitEvent) {
    const values = this.formValues(event);
    const language = this.profile?.language;
    const saved = await this.act(
      async () => (this.profile = await api('PATCH', '/account', { ...values, country: values.country || null })),
    );
    if (!saved) return;
    if (this.profile?.language !== language) {
      // Loaded anew in the new language: the shell's and the plugins' dictionaries come before any plugin module,
      // whose texts (a palette provider's, say) may be read once when it loads.
      location.reload();
      return;
    }
    toast(t('Your settings are saved.'));
  }

  private async changePassword(event: SubmitEvent) {
    const form = event.target as HTMLFormElement;
    const { current, new: next } = this.formValues(event);
    if (
      await this.act(
        () => api('POST', '/account/password', { current, new: next }),
        t('Your password is changed; your other sessions have ended.'),
      )
    ) {
      form.reset();
      await this.load();
    }
  }

  private async startTwoFactor() {
    await this.act(async () => (this.setup = await api('POST', '/account/2fa')));
  }

  private async verifyTwoFactor(event: SubmitEvent) {
    const { code } = this.formValues(event);
    await this.act(async () => {
      this.recoveryCodes = (
        await api<{ recoveryCodes: string[] }>('POST', '/account/2fa/verify', { code })
      ).recoveryCodes;
      this.setup = undefined;
      await this.load();
    }, t('Two-factor authentication is on.'));
  }

  private async disableTwoFactor(event: SubmitEvent) {
    const body = this.formValues(event);
    await this.act(async () => {
      await api('DELETE', '/account/2fa', body);
      await this.load();
    }, t('Two-factor authentication is off.'));
  }

  private async endSession(session: Session) {
    if (
      !(await confirmDestructive({
        title: t('End session'),
        message: t('End the session on {device} ({software})?', { device: session.device, software: session.software }),
        action: t('End session'),
      }))
    )
      return;
    await this.act(async () => {
      await api('DELETE', `/account/sessions/${session.id}`);
      if (session.current) location.assign('/');
      else await this.load();
    }, t('The session has ended.'));
  }

  private async deleteAccount(event: SubmitEvent) {
    const { password } = this.formValues(event);
    const sure = await confirmDestructive({
      title: t('Delete account'),
      message: t('Your account, its sessions, keys and settings will be deleted. This cannot be undone.'),
      action: t('Delete account'),
      typed: 'DELETE',
    });
    if (sure && (await this.act(() => api('DELETE', '/account', { password })))) location.assign('/');
  }
}
customElements.define('outpost-account-page', OutpostAccountPage);
