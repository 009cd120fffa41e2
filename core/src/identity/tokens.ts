import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

/** 256 random bits, base64url: for session cookies, mailed links and API keys. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * How tokens are stored. They are random and long, so a fast hash is enough: there is
 * nothing to guess from it, and a database leak gives no usable credential.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isoIn(ms: number, from = Date.now()): string {
  return new Date(from + ms).toISOString();
}

export type TokenPurpose = 'confirm' | 'reset' | 'sign-in';

/** Single-use, expiring tokens for mailed links and sign-in tickets, stored as hashes. */
export class OneTimeTokens {
  constructor(private readonly db: Knex) {}

  async issue(
    purpose: TokenPurpose,
    email: string,
    userId: string | null,
    ttlMs: number,
    db: Knex = this.db,
  ): Promise<string> {
    const token = randomToken();
    const now = Date.now();
    await db('core_auth_tokens').insert({
      token_hash: hashToken(token),
      purpose,
      email,
      user_id: userId,
      created_at: new Date(now).toISOString(),
      expires_at: isoIn(ttlMs, now),
    });
    return token;
  }

  /** Uses the token up. Undefined when it is unknown, used, expired or for another purpose. */
  async consume(
    purpose: TokenPurpose,
    token: string,
    db: Knex = this.db,
  ): Promise<{ email: string; userId: string | null } | undefined> {
    const now = new Date().toISOString();
    const where = { token_hash: hashToken(token), purpose };
    const used = await db('core_auth_tokens')
      .where(where)
      .whereNull('used_at')
      .where('expires_at', '>', now)
      .update({ used_at: now });
    if (used !== 1) return undefined;
    const row = await db('core_auth_tokens').where(where).first('email', 'user_id');
    return { email: row.email, userId: row.user_id };
  }

  /** What a live token is for, without using it up. */
  async peek(purpose: TokenPurpose, token: string): Promise<{ email: string; userId: string | null } | undefined> {
    const row = await this.db('core_auth_tokens')
      .where({ token_hash: hashToken(token), purpose })
      .whereNull('used_at')
      .where('expires_at', '>', new Date().toISOString())
      .first('email', 'user_id');
    return row ? { email: row.email, userId: row.user_id } : undefined;
  }

  /** How many tokens were issued for an address lately: mailed links are rationed per address. */
  async issuedSince(email: string, sinceMs: number): Promise<number> {
    const [{ n }] = await this.db('core_auth_tokens')
      .where({ email })
      .whereIn('purpose', ['confirm', 'reset'])
      .where('created_at', '>', new Date(Date.now() - sinceMs).toISOString())
      .count({ n: '*' });
    return Number(n);
  }
}
