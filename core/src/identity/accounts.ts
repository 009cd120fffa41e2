import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AuditLog } from '../audit/audit.js';
import type { CoreConfig } from '../config/schema.js';
import { ConflictError, ForbiddenError, InputError, NotFoundError, ValidationError } from '../errors.js';
import type { Mailer } from '../mail/mailer.js';
import type { AccessChanges } from './access-changes.js';
import type { ApiKeyService } from './api-keys.js';
import { builtInRoles } from '../rbac/roles.js';
import { identityMails } from './mails.js';
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import type { RequestClient } from './principal.js';
import type { SessionStore } from './sessions.js';
import type { SignInGuard } from './sign-in-guard.js';
import { OneTimeTokens } from './tokens.js';
import { auditUserAction, findUser, findUserByEmail, normalizeEmail, type UserRow } from './users.js';

export interface Profile {
  id: string;
  email: string;
  name: string;
  surname: string;
  country: string | null;
  language: string;
  /** The web app's theme: `system` follows the device's light or dark setting. */
  theme: Theme;
  timeZone: string;
  dateFormat: string;
  twoFactorEnabled: boolean;
  mustChangePassword: boolean;
  /** The first-sign-in knowledge tour was finished or skipped. */
  tourCompleted: boolean;
  tenants: Array<{ id: string; name: string; role: string }>;
}

export type ProfileChanges = Partial<
  Pick<Profile, 'name' | 'surname' | 'country' | 'language' | 'theme' | 'timeZone' | 'dateFormat' | 'tourCompleted'>
>;

export const dateFormats = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

const linkLifetimeMs = 24 * 3_600_000;
/** Mailed links per address and hour: enough for a person, too few to flood a mailbox. */
const mailsPerHour = 5;

interface AccountDeps {
  db: Knex;
  config: CoreConfig;
  mail: Mailer;
  audit: AuditLog;
  sessions: SessionStore;
  guard: SignInGuard;
  apiKeys: ApiKeyService;
  accessChanges: AccessChanges;
}

/** Sign-up and confirmation, password reset and change, the profile, and deleting an account. */
export class AccountService {
  private readonly tokens: OneTimeTokens;
  private readonly db: Knex;

  constructor(private readonly deps: AccountDeps) {
    this.db = deps.db;
    this.tokens = new OneTimeTokens(deps.db);
  }

  /**
   * Mails a confirmation link, or, when the address has an account already, a mail
   * saying so with a reset link. The caller learns nothing either way.
   */
  async signUp(emailInput: string, client: RequestClient): Promise<void> {
    if (!this.deps.config.auth.signup) {
      throw new ForbiddenError('Sign-up is turned off on this Outpost: ask an administrator for an invitation.', {
        type: 'signup-disabled',
      });
    }
    const email = normalizeEmail(emailInput);
    if ((await this.tokens.issuedSince(email, 3_600_000)) >= mailsPerHour) return;
    const existing = await findUserByEmail(this.db, email);
    if (existing) {
      const token = await this.tokens.issue('reset', email, existing.id, linkLifetimeMs);
      await this.deps.mail.send(identityMails.alreadyRegistered(email, this.link('reset-password', token)));
      await auditUserAction(this.db, this.deps.audit, 'auth.sign-up.existing', existing, client);
      return;
    }
    const token = await this.tokens.issue('confirm', email, null, linkLifetimeMs);
    await this.deps.mail.send(identityMails.confirmSignUp(email, this.link('confirm', token)));
  }

  /** Activates the account of a confirmation link and mails it a password to change at the first sign-in. */
  async confirm(token: string, client: RequestClient): Promise<void> {
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    const created = await this.db.transaction(async (trx) => {
      const claim = await this.tokens.consume('confirm', token, trx);
      if (!claim) return undefined;
      if (await findUserByEmail(trx, claim.email)) return null;
      const user = { id: randomUUID(), email: claim.email };
      await trx('core_users').insert({
        ...user,
        name: '',
        password_hash: passwordHash,
        must_change_password: true,
        created_at: new Date().toISOString(),
      });
      return user;
    });
    if (created === undefined) throw invalidLink();
    if (created === null) return; // confirmed twice from two links: the account exists already
    await this.deps.mail.send(identityMails.password(created.email, password, this.link('sign-in')));
    await auditUserAction(this.db, this.deps.audit, 'account.created', created, client, {
      details: { via: 'sign-up' },
    });
  }

  /** Mails a reset link when the address has an account; answers the same either way. */
  async forgotPassword(emailInput: string, client: RequestClient): Promise<void> {
    const email = normalizeEmail(emailInput);
    if ((await this.tokens.issuedSince(email, 3_600_000)) >= mailsPerHour) return;
    const user = await findUserByEmail(this.db, email);
    if (!user) return;
    const token = await this.tokens.issue('reset', email, user.id, linkLifetimeMs);
    await this.deps.mail.send(identityMails.resetPassword(email, this.link('reset-password', token)));
    await auditUserAction(this.db, this.deps.audit, 'auth.password.reset-requested', user, client);
  }

  /**
   * Sets the password of a reset link, ends every session of the account and lifts a
   * sign-in lockout. With `revokeApiKeys` (the default) every API key of the account
   * goes too, so nothing an intruder made keeps working.
   */
  async resetPassword(
    token: string,
    password: string,
    client: RequestClient,
    { revokeApiKeys = true } = {},
  ): Promise<{ apiKeysRevoked: number }> {
    const claim = await this.tokens.peek('reset', token);
    const user = claim?.userId ? await findUser(this.db, claim.userId) : undefined;
    if (!user) throw invalidLink();
    // Checked before the link is used up, so a rejected password does not cost the link.
    this.checkPolicy(password, user.email);
    if (!(await this.tokens.consume('reset', token))) throw invalidLink();
    await this.setPassword(user.id, password);
    const ended = await this.deps.sessions.endAll(user.id, 'password.reset');
    const self = { kind: 'user', id: user.id, label: user.email } as const;
    const apiKeysRevoked = revokeApiKeys
      ? await this.deps.apiKeys.revokeAll(user.id, self, 'password-reset', client)
      : 0;
    await this.deps.guard.clear(user.email);
    const details = { sessionsEnded: ended, apiKeysRevoked };
    await auditUserAction(this.db, this.deps.audit, 'auth.password.reset', user, client, { details });
    return { apiKeysRevoked };
  }

  /** Changes the password, given the current one; the user's other sessions end. */
  async changePassword(
    userId: string,
    sessionId: string | undefined,
    current: string,
    next: string,
    client: RequestClient,
  ): Promise<void> {
    const user = await this.requireUser(userId);
    if (!user.password_hash || !(await verifyPassword(current, user.password_hash))) {
      throw new ValidationError([{ pointer: '/body/current', message: 'This is not your current password.' }]);
    }
    if (current === next)
      throw new ValidationError([
        { pointer: '/body/new', message: 'Choose a password different from the current one.' },
      ]);
    this.checkPolicy(next, user.email, '/body/new');
    await this.setPassword(user.id, next);
    const ended = await this.deps.sessions.endAll(user.id, 'password.changed', sessionId);
    await auditUserAction(this.db, this.deps.audit, 'auth.password.changed', user, client, {
      details: { otherSessionsEnded: ended },
    });
  }

  async profile(userId: string): Promise<Profile> {
    const row = await this.db('core_users').where({ id: userId }).first();
    if (!row) throw new NotFoundError('This account no longer exists.');
    const tenants = await this.db('core_memberships as m')
      .join('core_tenants as t', 't.id', 'm.tenant_id')
      .where('m.user_id', userId)
      .orderBy('m.created_at')
      .select('t.id', 't.name', 'm.role');
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      surname: row.surname,
      country: row.country,
      language: row.language,
      theme: row.theme,
      timeZone: row.time_zone,
      dateFormat: row.date_format,
      twoFactorEnabled: row.totp_secret !== null,
      mustChangePassword: Boolean(row.must_change_password),
      tourCompleted: Boolean(row.tour_completed),
      tenants: tenants.map((t) => ({ id: t.id, name: t.name, role: t.role })),
    };
  }

  async updateProfile(userId: string, changes: ProfileChanges): Promise<Profile> {
    if (changes.timeZone !== undefined && !isTimeZone(changes.timeZone)) {
      throw new ValidationError([
        { pointer: '/body/timeZone', message: 'Use an IANA time zone such as Europe/Berlin.' },
      ]);
    }
    const columns = {
      name: changes.name,
      surname: changes.surname,
      country: changes.country === undefined ? undefined : (changes.country?.toUpperCase() ?? null),
      language: changes.language,
      theme: changes.theme,
      time_zone: changes.timeZone,
      date_format: changes.dateFormat,
      tour_completed: changes.tourCompleted,
    };
    const set = Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
    if (Object.keys(set).length > 0) await this.db('core_users').where({ id: userId }).update(set);
    return this.profile(userId);
  }

  /**
   * Deletes the account after checking its password: memberships, sessions, keys and
   * 2FA go with it, and the audit log keeps its entries without the address. The last
   * Owner of a tenant must hand the tenant over first.
   */
  async deleteAccount(userId: string, password: string, client: RequestClient): Promise<void> {
    const user = await this.requireUser(userId);
    if (!user.password_hash || !(await verifyPassword(password, user.password_hash))) {
      throw new ValidationError([{ pointer: '/body/password', message: 'This is not your password.' }]);
    }
    await this.db.transaction(async (trx) => {
      const owned = await trx('core_memberships as m')
        .join('core_tenants as t', 't.id', 'm.tenant_id')
        .where({ 'm.user_id': userId, 'm.role': 'owner' })
        .whereNotExists(
          trx('core_memberships as o')
            .whereRaw('o.tenant_id = m.tenant_id')
            .where('o.role', 'owner')
            .whereNot('o.user_id', userId),
        )
        .select('t.name');
      if (owned.length > 0) {
        throw new ConflictError(
          `You are the last Owner of ${owned.map((t) => t.name).join(', ')}: make someone else an Owner first.`,
          {
            type: 'last-owner',
            extensions: { tenants: owned.map((t) => t.name) },
          },
        );
      }
      const tenants = await trx('core_memberships').where({ user_id: userId }).pluck('tenant_id');
      await trx('core_audit').where({ actor_id: userId }).update({ actor_label: 'deleted account' });
      await trx('core_sign_in_attempts').where({ email: user.email }).delete();
      await trx('core_auth_tokens').where({ email: user.email }).delete();
      await trx('core_users').where({ id: userId }).delete();
      for (const tenantId of tenants.length > 0 ? tenants : [null]) {
        await this.deps.audit.record(
          {
            tenantId,
            actor: { kind: 'user', id: userId, label: 'deleted account' },
            action: 'account.deleted',
            resource: { type: 'user', id: userId },
            client,
          },
          trx,
        );
      }
    });
    await this.deps.accessChanges.announce({ reason: 'account.deleted', userId });
  }

  /**
   * An account made by an administrator (`outpost user create`): active at once. Without
   * a password one is generated and returned, to be changed at the first sign-in.
   * Without a tenant the account belongs to none yet (it can accept invitations).
   */
  async createUser(options: {
    email: string;
    role: string;
    tenantId: string | null;
    password?: string;
  }): Promise<{ userId: string; password?: string }> {
    const email = normalizeEmail(options.email);
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new InputError(`"${options.email}" is not an e-mail address.`);
    if (options.password !== undefined) {
      const problem = passwordProblem(options.password, email, this.deps.config.auth.password.minLength);
      if (problem) throw new InputError(`The password is not accepted: ${problem}`);
    }
    const password = options.password ?? generatePassword();
    const passwordHash = await hashPassword(password);
    const userId = await this.db.transaction(async (trx) => {
      if (options.tenantId && !(await trx('core_tenants').where({ id: options.tenantId }).first('id')))
        throw new NotFoundError(`There is no tenant ${options.tenantId}.`);
      const custom =
        options.tenantId &&
        (await trx('core_roles').where({ tenant_id: options.tenantId, id: options.role }).first('id'));
      if (!builtInRoles.includes(options.role as never) && !custom) {
        throw new InputError(
          `Unknown role "${options.role}": use one of ${builtInRoles.join(', ')} or a custom role's id.`,
        );
      }
      if (await findUserByEmail(trx, email))
        throw new ConflictError(`${email} has an account already.`, { type: 'account-exists' });
      const id = randomUUID();
      const now = new Date().toISOString();
      await trx('core_users').insert({
        id,
        email,
        name: '',
        password_hash: passwordHash,
        must_change_password: options.password === undefined,
        created_at: now,
      });
      if (options.tenantId)
        await trx('core_memberships').insert({
          user_id: id,
          tenant_id: options.tenantId,
          role: options.role,
          created_at: now,
        });
      await this.deps.audit.record(
        {
          tenantId: options.tenantId,
          actor: { kind: 'system', id: null, label: 'outpost CLI' },
          action: 'account.created',
          resource: { type: 'user', id },
          details: { role: options.role },
        },
        trx,
      );
      return id;
    });
    return { userId, password: options.password === undefined ? password : undefined };
  }

  /**
   * `outpost user reset-password`: a generated password to change at the next sign-in;
   * every session ends. API keys stay unless `revokeApiKeys` (an operator resetting a
   * forgotten password should not break the user's scripts; one recovering a
   * compromised account asks for it); `apiKeysKept` counts those left.
   */
  async adminResetPassword(
    emailInput: string,
    { revokeApiKeys = false } = {},
  ): Promise<{ password: string; apiKeysRevoked: number; apiKeysKept: number }> {
    const user = await findUserByEmail(this.db, emailInput);
    if (!user) throw new NotFoundError(`There is no account for ${normalizeEmail(emailInput)}.`);
    const password = generatePassword();
    await this.db('core_users')
      .where({ id: user.id })
      .update({
        password_hash: await hashPassword(password),
        must_change_password: true,
        password_changed_at: new Date().toISOString(),
      });
    const sessionsEnded = await this.deps.sessions.endAll(user.id, 'password.reset-by-admin');
    const cli = { kind: 'system', id: null, label: 'outpost CLI' } as const;
    const apiKeysRevoked = revokeApiKeys
      ? await this.deps.apiKeys.revokeAll(user.id, cli, 'password-reset-by-admin')
      : 0;
    await this.deps.guard.clear(user.email);
    await this.deps.audit.record({
      tenantId: null,
      actor: cli,
      action: 'auth.password.reset-by-admin',
      resource: { type: 'user', id: user.id },
      details: { sessionsEnded, apiKeysRevoked },
    });
    return { password, apiKeysRevoked, apiKeysKept: await this.deps.apiKeys.countLive(user.id) };
  }

  private checkPolicy(password: string, email: string, pointer = '/body/password'): void {
    const problem = passwordProblem(password, email, this.deps.config.auth.password.minLength);
    if (problem) throw new ValidationError([{ pointer, message: problem }], 'The password is not accepted.');
  }

  private async setPassword(userId: string, password: string): Promise<void> {
    await this.db('core_users')
      .where({ id: userId })
      .update({
        password_hash: await hashPassword(password),
        must_change_password: false,
        password_changed_at: new Date().toISOString(),
      });
  }

  private async requireUser(userId: string): Promise<UserRow> {
    const user = await findUser(this.db, userId);
    if (!user) throw new NotFoundError('This account no longer exists.');
    return user;
  }

  private link(page: string, token?: string): string {
    const base = this.deps.config.app.baseUrl.replace(/\/$/, '');
    return token ? `${base}/${page}#token=${token}` : `${base}/${page}`;
  }
}

function invalidLink(): InputError {
  return new InputError('This link is not valid any more: it was used already or has expired. Ask for a new one.', {
    type: 'invalid-token',
  });
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
