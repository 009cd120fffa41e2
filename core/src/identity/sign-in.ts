import type { Knex } from 'knex';
import type { AuditLog } from '../audit/audit.js';
import type { CoreConfig } from '../config/schema.js';
import { AuthenticationError, ConflictError, PreconditionRequiredError, TooManyRequestsError } from '../errors.js';
import type { CaptchaService } from './captcha.js';
import { verifyPassword } from './passwords.js';
import type { RequestClient } from './principal.js';
import type { SessionStore } from './sessions.js';
import type { SignInGuard } from './sign-in-guard.js';
import { hashToken, isoIn, OneTimeTokens, randomToken } from './tokens.js';
import type { TwoFactorService } from './two-factor.js';
import { auditUserAction, findUser, findUserByEmail, homeTenant, normalizeEmail, type UserRow } from './users.js';

export interface SignInRequest {
  email?: string;
  password?: string;
  captchaId?: string;
  captcha?: string;
  totp?: string;
  /** From a `session-limit` answer: the credentials were right; continue without them. */
  ticket?: string;
  /** With a ticket: the session to end to make room. */
  endSession?: string;
}

export interface SignedIn {
  userId: string;
  sessionToken: string;
  /** Set when this browser was not trusted for the user yet. */
  trustedBrowserToken?: string;
}

interface SignInDeps {
  db: Knex;
  config: CoreConfig['auth'];
  audit: AuditLog;
  sessions: SessionStore;
  guard: SignInGuard;
  captcha: CaptchaService;
  twoFactor: TwoFactorService;
}

const ticketLifetimeMs = 5 * 60_000;
const trustedBrowserLifetimeMs = 90 * 24 * 3_600_000;
/** Compared against when the address has no account, so both cases take as long. */
const dummyHash = 'scrypt$32768$8$1$Eyt1nqR5PLE7f+7yppnwiQ==$IO/+fQG0tAYRsrEt7cb/JBCKzyHF5qaS5cwFhDdcdZo=';

/** Signing in: guessing guards, captcha, password, second factor, the concurrent-session limit. */
export class SignInService {
  private readonly tickets: OneTimeTokens;

  constructor(private readonly deps: SignInDeps) {
    this.tickets = new OneTimeTokens(deps.db);
  }

  async signIn(request: SignInRequest, client: RequestClient, trustedBrowserToken?: string): Promise<SignedIn> {
    if (request.ticket) return this.continueWithTicket(request.ticket, request.endSession, client, trustedBrowserToken);
    if (!request.email || !request.password)
      throw new AuthenticationError('Enter your e-mail address and password.', { type: 'invalid-credentials' });
    const email = normalizeEmail(request.email);
    const user = await findUserByEmail(this.deps.db, email);
    const trusted = user !== undefined && (await this.isTrustedBrowser(user.id, trustedBrowserToken));
    const verdict = await this.deps.guard.check(email, client.ip, trusted);
    if (verdict.ipThrottledFor) {
      throw new TooManyRequestsError('Too many failed sign-ins from your network. Try again later.', {
        type: 'sign-in-throttled',
        headers: { 'Retry-After': String(verdict.ipThrottledFor) },
      });
    }
    if (verdict.addressLockedFor) {
      throw new TooManyRequestsError(
        'This account is locked for a while after too many failed sign-ins. Try again later, sign in from a browser you used before, or reset the password.',
        { type: 'sign-in-locked', headers: { 'Retry-After': String(verdict.addressLockedFor) } },
      );
    }
    if (verdict.captchaRequired) {
      const solved =
        request.captchaId && request.captcha
          ? await this.deps.captcha.solve(request.captchaId, request.captcha)
          : false;
      if (!solved) {
        throw new PreconditionRequiredError(
          request.captchaId
            ? 'The characters did not match, or the image expired. Try this one.'
            : 'Type the characters in the image.',
          {
            type: 'captcha-required',
            extensions: { captcha: await this.deps.captcha.create() },
          },
        );
      }
    }
    const passwordRight = await verifyPassword(request.password, user?.password_hash ?? dummyHash);
    if (!user || !passwordRight) {
      await this.fail(email, user, client, 'password');
      throw new AuthenticationError('The e-mail address or the password is wrong.', { type: 'invalid-credentials' });
    }
    if (user.totp_secret) {
      if (!request.totp)
        throw new AuthenticationError('Enter the code from your authenticator app.', { type: 'totp-required' });
      if (!(await this.deps.twoFactor.check(user, request.totp))) {
        await this.fail(email, user, client, 'totp');
        throw new AuthenticationError('This code is not right or was used already.', { type: 'totp-invalid' });
      }
    }
    await this.deps.guard.record(email, client.ip, true);
    return this.openSession(user, client, trusted);
  }

  private async continueWithTicket(
    ticket: string,
    endSession: string | undefined,
    client: RequestClient,
    trustedBrowserToken?: string,
  ): Promise<SignedIn> {
    const claim = await this.tickets.consume('sign-in', ticket);
    const user = claim?.userId ? await findUser(this.deps.db, claim.userId) : undefined;
    if (!user) throw new AuthenticationError('This sign-in has expired: sign in again.', { type: 'invalid-ticket' });
    if (endSession && (await this.deps.sessions.end(user.id, endSession, 'session-limit'))) {
      await auditUserAction(this.deps.db, this.deps.audit, 'auth.session.ended', user, client, {
        resource: { type: 'session', id: endSession },
      });
    }
    return this.openSession(user, client, await this.isTrustedBrowser(user.id, trustedBrowserToken));
  }

  /** A new session, unless the user is at the concurrent-session limit: then 409 with the sessions and a ticket. */
  private async openSession(user: UserRow, client: RequestClient, trustedBrowser: boolean): Promise<SignedIn> {
    const max = this.deps.config.sessions.maxConcurrent;
    if ((await this.deps.sessions.count(user.id)) >= max) {
      const ticket = await this.tickets.issue('sign-in', user.email, user.id, ticketLifetimeMs);
      throw new ConflictError(`You have ${max} open sessions, the most allowed. End one to continue.`, {
        type: 'session-limit',
        extensions: { maxConcurrent: max, sessions: await this.deps.sessions.list(user.id), ticket },
      });
    }
    const tenantId = await homeTenant(this.deps.db, user.id);
    const session = await this.deps.sessions.create(user.id, tenantId, client);
    await this.deps.db('core_users').where({ id: user.id }).update({ last_sign_in_at: new Date().toISOString() });
    await auditUserAction(this.deps.db, this.deps.audit, 'auth.sign-in', user, client, {
      tenantId,
      details: { session: session.id },
    });
    return {
      userId: user.id,
      sessionToken: session.token,
      trustedBrowserToken: trustedBrowser ? undefined : await this.trustBrowser(user.id),
    };
  }

  private async fail(
    email: string,
    user: UserRow | undefined,
    client: RequestClient,
    factor: 'password' | 'totp',
  ): Promise<void> {
    await this.deps.guard.record(email, client.ip, false);
    if (user)
      await auditUserAction(this.deps.db, this.deps.audit, 'auth.sign-in.failed', user, client, {
        details: { factor },
      });
    else {
      await this.deps.audit.record({
        tenantId: null,
        actor: { kind: 'anonymous', id: null, label: email },
        action: 'auth.sign-in.failed',
        client,
        details: { factor, unknownAccount: true },
      });
    }
  }

  private async isTrustedBrowser(userId: string, token: string | undefined): Promise<boolean> {
    if (!token) return false;
    const row = await this.deps
      .db('core_trusted_browsers')
      .where({ token_hash: hashToken(token), user_id: userId })
      .where('expires_at', '>', new Date().toISOString())
      .first('token_hash');
    return row !== undefined;
  }

  private async trustBrowser(userId: string): Promise<string> {
    const token = randomToken();
    await this.deps
      .db('core_trusted_browsers')
      .insert({ token_hash: hashToken(token), user_id: userId, expires_at: isoIn(trustedBrowserLifetimeMs) });
    return token;
  }
}

export const trustedBrowserMaxAgeMs = trustedBrowserLifetimeMs;
