import type { Knex } from 'knex';
import type { CoreConfig } from '../config/schema.js';

export interface GuardVerdict {
  /** Seconds until this IP may try again: too many failures from it. */
  ipThrottledFor?: number;
  /** Seconds until the address may be tried again from a browser it was never used in. */
  addressLockedFor?: number;
  captchaRequired: boolean;
}

/**
 * Stops online password guessing, from the sign-in attempts of the last `lockout.minutes`:
 * - a captcha after `captcha.afterFailures` failures for an address or from an IP;
 * - an IP that fails `throttle.ipFailures` times is refused until its window passes;
 * - an address that fails `lockout.afterFailures` times is locked for `lockout.minutes`,
 *   but not in a browser where its owner signed in before (a trusted-browser cookie),
 *   and a password reset lifts it, so nobody can keep a user out by failing on purpose.
 * An address's count starts again after a success; an IP's does not, so one good account
 * cannot launder guesses against others.
 */
export class SignInGuard {
  private readonly windowMs: number;

  constructor(
    private readonly db: Knex,
    private readonly config: CoreConfig['auth'],
  ) {
    this.windowMs = config.lockout.minutes * 60_000;
  }

  async check(email: string, ip: string, trustedBrowser: boolean): Promise<GuardVerdict> {
    const since = new Date(Date.now() - this.windowMs).toISOString();
    const ipFailures = await this.db('core_sign_in_attempts')
      .where({ ip, succeeded: false })
      .where('created_at', '>', since)
      .orderBy('created_at')
      .select('created_at');
    const lastSuccess = await this.db('core_sign_in_attempts')
      .where({ email, succeeded: true })
      .where('created_at', '>', since)
      .max({ at: 'created_at' })
      .first();
    const addressFailures = await this.db('core_sign_in_attempts')
      .where({ email, succeeded: false })
      .where('created_at', '>', lastSuccess?.at ? new Date(lastSuccess.at).toISOString() : since)
      .orderBy('created_at')
      .select('created_at');
    const verdict: GuardVerdict = {
      captchaRequired:
        ipFailures.length >= this.config.captcha.afterFailures ||
        addressFailures.length >= this.config.captcha.afterFailures,
    };
    if (ipFailures.length >= this.config.throttle.ipFailures) {
      verdict.ipThrottledFor = this.secondsLeft(
        ipFailures[ipFailures.length - this.config.throttle.ipFailures]!.created_at,
      );
    }
    if (!trustedBrowser && addressFailures.length >= this.config.lockout.afterFailures) {
      verdict.addressLockedFor = this.secondsLeft(
        addressFailures[addressFailures.length - this.config.lockout.afterFailures]!.created_at,
      );
    }
    return verdict;
  }

  async record(email: string, ip: string, succeeded: boolean): Promise<void> {
    const now = Date.now();
    await this.db('core_sign_in_attempts').insert({ email, ip, succeeded, created_at: new Date(now).toISOString() });
    // Old attempts say nothing any more; keep the table small.
    if (Math.random() < 0.01)
      await this.db('core_sign_in_attempts')
        .where('created_at', '<', new Date(now - 2 * this.windowMs).toISOString())
        .delete();
  }

  /** After a password reset the address starts with a clean slate. */
  async clear(email: string): Promise<void> {
    await this.record(email, 'password-reset', true);
  }

  private secondsLeft(oldestCounted: string | Date): number {
    return Math.max(1, Math.ceil((new Date(oldestCounted).getTime() + this.windowMs - Date.now()) / 1000));
  }
}
