import { t } from '../i18n.js';
import { LitElement, css, html, nothing } from 'lit';
import { ApiError, api } from '../api.js';
import { formStyles } from '../styles.js';

/** The token of a mailed link: `...#token=<token>`. The fragment never reaches a server. */
function tokenFromLocation(): string {
  return new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
}

/** A small centered card with a form, a result, or an error: the pages people reach from mails. */
class CardPage extends LitElement {
  static override properties = { done: { state: true }, error: { state: true }, busy: { state: true } };
  done = '';
  error = '';
  busy = false;

  static override styles = [
    formStyles,
    css`
      :host { display: flex; min-height: 100vh; align-items: center; justify-content: center; padding: 1rem; box-sizing: border-box; }
      .card { background: var(--wa-color-surface-raised); border: var(--wa-border-width-s) solid var(--wa-color-surface-border); width: 100%; max-width: 26rem; padding: var(--wa-space-2xl); border-radius: var(--wa-border-radius-l); box-shadow: var(--wa-shadow-s); }
      h1 { font-size: 1.35rem; margin: 0 0 1rem; }
      wa-button[type='submit'] { margin-top: var(--wa-space-l); width: 100%; }
      a { color: var(--wa-color-text-link); }
      wa-checkbox { margin-top: var(--wa-space-m); }
      p.hint { margin: var(--wa-space-2xs) 0 0; }
    `,
  ];

  async run(action: () => Promise<unknown>, done: string) {
    this.busy = true;
    this.error = '';
    try {
      await action();
      this.done = done;
    } catch (error) {
      const field = error instanceof ApiError ? Object.values(error.fieldErrors)[0] : undefined;
      this.error = field ?? (error instanceof Error ? error.message : String(error));
    } finally {
      this.busy = false;
    }
  }

  card(title: string, body: unknown) {
    return html`<div class="card">
      <h1>${title}</h1>
      ${this.error ? html`<div class="form-error" role="alert">${this.error}</div>` : nothing}
      ${this.done ? html`<p role="status" data-testid="done">${this.done}</p><p><a href="/">${t('Go to sign-in')}</a></p>` : body}
    </div>`;
  }
}

export class OutpostSignUp extends CardPage {
  override render() {
    return this.card(
      t('Create your Outpost account'),
      html`<form @submit=${this.submit}>
        <wa-input label=${t('E-mail address')} name="email" type="email" autocomplete="email" required></wa-input>
        <wa-button type="submit" variant="brand" ?loading=${this.busy}>${t('Sign up')}</wa-button>
        <p class="hint">${t('We mail you a link to confirm the address, then your first password.')}</p>
        <p><a href="/">${t('I have an account')}</a></p>
      </form>`,
    );
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const email = String(new FormData(event.target as HTMLFormElement).get('email'));
    void this.run(
      () => api('POST', '/auth/signup', { email }),
      t('Check your mailbox: the confirmation link is on its way.'),
    );
  }
}
customElements.define('outpost-sign-up', OutpostSignUp);

export class OutpostConfirm extends CardPage {
  override connectedCallback(): void {
    super.connectedCallback();
    void this.run(
      () => api('POST', '/auth/confirm', { token: tokenFromLocation() }),
      t('Your account is active. Your password is in your mailbox; you will choose your own when you sign in.'),
    );
  }

  override render() {
    return this.card('Confirming your account', this.busy ? html`<p>${t('One moment…')}</p>` : nothing);
  }
}
customElements.define('outpost-confirm', OutpostConfirm);

export class OutpostForgotPassword extends CardPage {
  override render() {
    return this.card(
      t('Restore your password'),
      html`<form @submit=${this.submit}>
        <wa-input label=${t('E-mail address')} name="email" type="email" autocomplete="email" required></wa-input>
        <wa-button type="submit" variant="brand" ?loading=${this.busy}>${t('Mail me a link')}</wa-button>
      </form>`,
    );
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const email = String(new FormData(event.target as HTMLFormElement).get('email'));
    void this.run(
      () => api('POST', '/auth/password/forgot', { email }),
      t('If the address has an account, a link to set a new password is on its way.'),
    );
  }
}
customElements.define('outpost-forgot-password', OutpostForgotPassword);

/** A new password from a mailed link. Recovering an account also revokes its API keys unless the user unticks it. */
export class OutpostResetPassword extends CardPage {
  static override properties = { ...CardPage.properties, mismatch: { state: true } };
  mismatch = false;

  override render() {
    return this.card(
      t('Set a new password'),
      html`<form @submit=${this.submit}>
        <wa-input label=${t('New password')} name="password" type="password" autocomplete="new-password" required></wa-input>
        <wa-input label=${t('signIn.repeat')} name="repeat" type="password" autocomplete="new-password" required
          >${this.mismatch ? html`<span slot="hint" class="field-error" role="alert" data-testid="repeat-error">${t('signIn.mismatch')}</span>` : nothing}</wa-input
        >
        <wa-checkbox name="revokeApiKeys" checked>${t('Also revoke all my API keys')}</wa-checkbox>
        <p class="hint">${t('Every session ends. Revoke the keys too if someone else may have known your password: keys they made keep working.')}</p>
        <wa-button type="submit" variant="brand" ?loading=${this.busy}>${t('Save password')}</wa-button>
      </form>`,
    );
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const values = new FormData(event.target as HTMLFormElement);
    const password = String(values.get('password'));
    this.mismatch = password !== String(values.get('repeat'));
    if (this.mismatch) return;
    const body = { token: tokenFromLocation(), password, revokeApiKeys: values.has('revokeApiKeys') };
    void this.run(
      () => api('POST', '/auth/password/reset', body),
      body.revokeApiKeys
        ? t(
            'Your password is set and your API keys are revoked. Every session of your account has ended; sign in again.',
          )
        : t('Your password is set. Every session of your account has ended; sign in again.'),
    );
  }
}
customElements.define('outpost-reset-password', OutpostResetPassword);

export class OutpostAcceptInvitation extends CardPage {
  override connectedCallback(): void {
    super.connectedCallback();
    void this.run(
      () => api('POST', '/team/invitations/accept', { token: tokenFromLocation() }),
      t('You joined the team. Switch to the tenant from the sidebar.'),
    );
  }

  override render() {
    return this.card('Joining the team', this.busy ? html`<p>${t('One moment…')}</p>` : nothing);
  }
}
customElements.define('outpost-accept-invitation', OutpostAcceptInvitation);
