import { LitElement, css, html, nothing } from 'lit';
import { ApiError, api } from '../api.js';
import { formatDateTime } from '../format.js';
import { t } from '../i18n.js';
import { formStyles } from '../styles.js';
import type { SessionInfo } from '../types.js';

type Step = 'credentials' | 'totp' | 'sessions' | 'change-password';

/**
 * Sign-in, one step at a time: address and password (with a captcha once the server
 * asks for one), the 2FA code, the "User sessions" step at the concurrent-session limit,
 * and the forced change of a generated password. Fires `signed-in` when done.
 */
export class OutpostSignIn extends LitElement {
  static override properties = {
    step: { state: true },
    error: { state: true },
    fieldErrors: { state: true },
    captcha: { state: true },
    sessions: { state: true },
    busy: { state: true },
    mustChangePassword: { type: Boolean, attribute: 'must-change-password' },
  };

  step: Step = 'credentials';
  error = '';
  fieldErrors: Record<string, string> = {};
  captcha: { id: string; image: string } | undefined;
  sessions: SessionInfo[] = [];
  busy = false;
  mustChangePassword = false;
  private email = '';
  private password = '';
  private ticket = '';

  static override styles = [
    formStyles,
    css`
      :host { display: flex; min-height: 100vh; align-items: center; justify-content: center; padding: 1rem; box-sizing: border-box; }
      form, section { background: var(--wa-color-surface-raised); border: var(--wa-border-width-s) solid var(--wa-color-surface-border); width: 100%; max-width: 26rem; padding: var(--wa-space-2xl); border-radius: var(--wa-border-radius-l); box-shadow: var(--wa-shadow-s); }
      h1 { font-size: 1.35rem; margin: 0 0 1rem; }
      .actions { margin-top: 1.25rem; display: flex; flex-direction: column; gap: 0.75rem; }
      .captcha { display: flex; align-items: center; gap: 0.5rem; margin-top: 0.75rem; }
      .captcha img { border: 1px solid var(--line); border-radius: 6px; height: 50px; }
      ul { list-style: none; padding: 0; margin: 1rem 0 0; display: flex; flex-direction: column; gap: 0.5rem; }
      li { border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem; display: flex; justify-content: space-between; align-items: center; gap: 0.75rem; }
      li small { display: block; color: var(--muted); }
      .links { display: flex; justify-content: space-between; font-size: 0.875rem; margin-top: 1rem; }
      a { color: var(--wa-color-text-link); }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.mustChangePassword) this.step = 'change-password';
  }

  override updated(changed: Map<string, unknown>): void {
    // Focus moves to the first field of each step (and to the captcha when it appears), for keyboard and
    // screen-reader users; not on every render, which would pull it away from the field being typed in.
    if (!changed.has('step') && !(changed.has('captcha') && this.captcha)) return;
    const field = this.renderRoot.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>(
      changed.has('step') ? 'wa-input' : 'wa-input[name=captcha]',
    );
    // The page may draw before Web Awesome's components are defined: focus the field once it is one.
    if (field)
      void customElements
        .whenDefined('wa-input')
        .then(() => field.updateComplete)
        .then(() => field.focus());
  }

  override render() {
    switch (this.step) {
      case 'credentials':
        return this.renderCredentials();
      case 'totp':
        return this.renderTotp();
      case 'sessions':
        return this.renderSessions();
      case 'change-password':
        return this.renderChangePassword();
    }
  }

  private renderCredentials() {
    return html`<form @submit=${this.submitCredentials} novalidate aria-labelledby="title">
      <h1 id="title">${t('signIn.title')}</h1>
      ${this.renderError()}
      <wa-input label=${t('signIn.email')} name="email" type="email" autocomplete="username" required .value=${this.email}></wa-input>
      <wa-input label=${t('signIn.password')} name="password" type="password" autocomplete="current-password" required></wa-input>
      ${
        this.captcha
          ? html`<div class="captcha">
              <img src=${this.captcha.image} alt=${t('signIn.captcha')} data-testid="captcha-image" />
              <wa-button appearance="outlined" type="button" @click=${this.refreshCaptcha}>${t('signIn.captchaRefresh')}</wa-button>
            </div>
            <wa-input label=${t('signIn.captcha')} name="captcha" autocomplete="off" autocapitalize="off" spellcheck="false" required></wa-input>`
          : nothing
      }
      <div class="actions"><wa-button type="submit" variant="brand" ?loading=${this.busy}>${t('signIn.submit')}</wa-button></div>
      <div class="links"><a href="/forgot-password">${t('signIn.forgot')}</a><a href="/sign-up">${t('signIn.signUp')}</a></div>
    </form>`;
  }

  private renderTotp() {
    return html`<form @submit=${this.submitTotp} novalidate aria-labelledby="title">
      <h1 id="title">${t('signIn.totp')}</h1>
      <p class="hint">${t('signIn.totpHint')}</p>
      ${this.renderError()}
      <wa-input label=${t('signIn.totp')} name="totp" inputmode="numeric" autocomplete="one-time-code" required></wa-input>
      <div class="actions"><wa-button type="submit" variant="brand" ?loading=${this.busy}>${t('signIn.verify')}</wa-button></div>
    </form>`;
  }

  private renderSessions() {
    return html`<section aria-labelledby="title">
      <h1 id="title">${t('signIn.sessionsTitle')}</h1>
      <p class="hint">${t('signIn.sessionsHint', { count: this.sessions.length })}</p>
      ${this.renderError()}
      <ul>
        ${this.sessions.map(
          (s) => html`<li data-testid="session">
            <div>${s.device} · ${s.software}<small>${s.ip} · ${t('session.lastSeen', { time: formatDateTime(s.lastSeenAt) })}</small></div>
            <wa-button variant="danger" appearance="outlined" ?disabled=${this.busy} @click=${() => this.endSession(s.id)}>${t('signIn.endSession')}</wa-button>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderChangePassword() {
    return html`<form @submit=${this.submitNewPassword} novalidate aria-labelledby="title">
      <h1 id="title">${t('signIn.changeTitle')}</h1>
      <p class="hint">${t('signIn.changeHint')}</p>
      ${this.renderError()}
      <wa-input label=${t('signIn.current')} name="current" type="password" autocomplete="current-password" required
        >${this.fieldErrors.current ? html`<span slot="hint" class="field-error">${this.fieldErrors.current}</span>` : nothing}</wa-input
      >
      <wa-input label=${t('signIn.new')} name="new" type="password" autocomplete="new-password" required
        >${this.fieldErrors.new ? html`<span slot="hint" class="field-error" data-testid="new-error">${this.fieldErrors.new}</span>` : nothing}</wa-input
      >
      <wa-input label=${t('signIn.repeat')} name="repeat" type="password" autocomplete="new-password" required></wa-input>
      <div class="actions"><wa-button type="submit" variant="brand" ?loading=${this.busy}>${t('signIn.save')}</wa-button></div>
    </form>`;
  }

  private renderError() {
    return this.error ? html`<div class="form-error" role="alert">${this.error}</div>` : nothing;
  }

  private async submitCredentials(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.email = String(form.get('email') ?? '');
    this.password = String(form.get('password') ?? '');
    const captcha: Record<string, string> = this.captcha
      ? { captchaId: this.captcha.id, captcha: String(form.get('captcha') ?? '') }
      : {};
    await this.signIn({ email: this.email, password: this.password, ...captcha });
  }

  private async submitTotp(event: SubmitEvent) {
    event.preventDefault();
    const totp = String(new FormData(event.target as HTMLFormElement).get('totp') ?? '').trim();
    await this.signIn({ email: this.email, password: this.password, totp });
  }

  private async endSession(id: string) {
    await this.signIn({ ticket: this.ticket, endSession: id });
  }

  private async refreshCaptcha() {
    this.captcha = await api('GET', '/auth/captcha');
  }

  private async signIn(body: Record<string, string>) {
    this.busy = true;
    this.error = '';
    try {
      const profile = await api<{ mustChangePassword: boolean }>('POST', '/auth/login', body);
      this.password = '';
      if (profile.mustChangePassword) this.step = 'change-password';
      else this.done();
    } catch (error) {
      this.handleSignInError(error);
    } finally {
      this.busy = false;
    }
  }

  private handleSignInError(error: unknown) {
    if (!(error instanceof ApiError)) {
      this.error = t('error.generic', { message: String(error) });
      return;
    }
    const problem = error.problem as {
      captcha?: { id: string; image: string };
      sessions?: SessionInfo[];
      ticket?: string;
    };
    switch (error.slug) {
      case 'captcha-required':
        this.captcha = problem.captcha;
        this.error = error.message;
        return;
      case 'totp-required':
        this.step = 'totp';
        return;
      case 'session-limit':
        this.sessions = problem.sessions ?? [];
        this.ticket = problem.ticket ?? '';
        this.step = 'sessions';
        return;
      default:
        this.error = error.message;
        // A failed attempt may make the next one need a captcha; the server asks with 428.
        if (this.step === 'totp' && error.slug !== 'totp-invalid') this.step = 'credentials';
    }
  }

  private async submitNewPassword(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const [current, next, repeat] = ['current', 'new', 'repeat'].map((k) => String(form.get(k) ?? ''));
    this.fieldErrors = {};
    if (next !== repeat) {
      this.fieldErrors = { new: t('signIn.mismatch') };
      return;
    }
    this.busy = true;
    try {
      await api('POST', '/account/password', { current, new: next });
      this.done(t('toast.passwordChanged'));
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors) this.fieldErrors = error.fieldErrors;
      else this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  private done(message?: string) {
    this.dispatchEvent(new CustomEvent('signed-in', { bubbles: true, composed: true, detail: { message } }));
  }
}
customElements.define('outpost-sign-in', OutpostSignIn);
