import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import type { AuditLog } from '../audit/audit.js';
import { ConflictError, ValidationError } from '../errors.js';
import type { Secrets } from '../secrets/secrets.js';
import { verifyPassword } from './passwords.js';
import type { RequestClient } from './principal.js';
import { acceptTotp, newTotpSetup, type TotpSetup } from './totp.js';
import { hashToken } from './tokens.js';
import { auditUserAction, findUser, type UserRow } from './users.js';

const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `xxxx-xxxx-xxxx`: about 59 random bits each. */
function recoveryCode(): string {
  const chars = Array.from({ length: 12 }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

const normalizeRecoveryCode = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/**
 * TOTP two-factor authentication (RFC 6238). The secret is stored encrypted; each
 * accepted code's time step is kept so that no code works twice; ten one-time
 * recovery codes, stored hashed, stand in for a lost authenticator.
 */
export class TwoFactorService {
  constructor(
    private readonly db: Knex,
    private readonly secrets: Secrets,
    private readonly audit: AuditLog,
  ) {}

  /** Starts set-up with a new secret; 2FA is on only once a code from it is verified. */
  async start(userId: string): Promise<TotpSetup> {
    const user = await this.user(userId);
    if (user.totp_secret) throw new ConflictError('Two-factor authentication is on already.', { type: 'totp-enabled' });
    const setup = await newTotpSetup(user.email);
    await this.db('core_users')
      .where({ id: userId })
      .update({ totp_pending_secret: this.secrets.encrypt(setup.secret) });
    return setup;
  }

  /** Turns 2FA on with a code from the new secret; returns the recovery codes, shown this once. */
  async verifySetup(userId: string, code: string, client: RequestClient): Promise<string[]> {
    const user = await this.user(userId);
    if (user.totp_secret) throw new ConflictError('Two-factor authentication is on already.', { type: 'totp-enabled' });
    if (!user.totp_pending_secret) throw new ConflictError('Start the set-up first.', { type: 'totp-setup-missing' });
    const secret = this.secrets.decrypt(user.totp_pending_secret);
    const step = acceptTotp(secret, code, null);
    if (step === undefined)
      throw new ValidationError([
        { pointer: '/body/code', message: 'This code is not right: check the time on your phone.' },
      ]);
    const codes = Array.from({ length: 10 }, recoveryCode);
    await this.db.transaction(async (trx) => {
      await trx('core_users')
        .where({ id: userId })
        .update({ totp_secret: user.totp_pending_secret, totp_pending_secret: null, totp_last_step: step });
      await trx('core_recovery_codes').where({ user_id: userId }).delete();
      await trx('core_recovery_codes').insert(
        codes.map((c) => ({ code_hash: hashToken(normalizeRecoveryCode(c)), user_id: userId })),
      );
    });
    await auditUserAction(this.db, this.audit, 'auth.2fa.enabled', user, client);
    return codes;
  }

  /** Turns 2FA off, given the password and a current code (or a recovery code). */
  async disable(userId: string, password: string, code: string, client: RequestClient): Promise<void> {
    const user = await this.user(userId);
    if (!user.totp_secret)
      throw new ConflictError('Two-factor authentication is off already.', { type: 'totp-disabled' });
    if (!user.password_hash || !(await verifyPassword(password, user.password_hash))) {
      throw new ValidationError([{ pointer: '/body/password', message: 'This is not your password.' }]);
    }
    if (!(await this.check(user, code)))
      throw new ValidationError([{ pointer: '/body/code', message: 'This code is not right or was used already.' }]);
    await this.db.transaction(async (trx) => {
      await trx('core_users')
        .where({ id: userId })
        .update({ totp_secret: null, totp_pending_secret: null, totp_last_step: null });
      await trx('core_recovery_codes').where({ user_id: userId }).delete();
    });
    await auditUserAction(this.db, this.audit, 'auth.2fa.disabled', user, client);
  }

  /**
   * Whether a code proves the second factor, using it up: a TOTP code newer than the
   * last accepted one, or an unused recovery code.
   */
  async check(user: UserRow, code: string): Promise<boolean> {
    if (!user.totp_secret) return false;
    if (/^\d{6}$/.test(code.trim())) {
      const lastStep = user.totp_last_step === null ? null : Number(user.totp_last_step);
      const step = acceptTotp(this.secrets.decrypt(user.totp_secret), code.trim(), lastStep);
      if (step === undefined) return false;
      // Compare-and-set, so two requests with one code cannot both pass.
      const updated = await this.db('core_users')
        .where({ id: user.id })
        .where((q) => q.whereNull('totp_last_step').orWhere('totp_last_step', '<', step))
        .update({ totp_last_step: step });
      return updated === 1;
    }
    const used = await this.db('core_recovery_codes')
      .where({ code_hash: hashToken(normalizeRecoveryCode(code)), user_id: user.id })
      .whereNull('used_at')
      .update({ used_at: new Date().toISOString() });
    return used === 1;
  }

  private async user(userId: string): Promise<UserRow> {
    const user = await findUser(this.db, userId);
    if (!user) throw new ConflictError('This account no longer exists.');
    return user;
  }
}
