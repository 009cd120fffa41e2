import { randomInt, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import svgCaptcha from 'svg-captcha';
import { hashToken, isoIn } from './tokens.js';

export interface Captcha {
  id: string;
  /** An SVG image as a data URL; the characters are drawn as paths, not text. */
  image: string;
  expiresAt: string;
}

const lifetimeMs = 60_000;
const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** svg-captcha draws given text as paths; its typings omit that the module itself is that function. */
const drawCaptcha = svgCaptcha as unknown as (text: string, options: object) => string;

function randomCaptchaText(): string {
  return Array.from({ length: 6 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** Image captchas, valid for 60 seconds and for one answer, right or wrong. */
export class CaptchaService {
  /** `chooseText` picks the characters (random by default; tests pass known ones). */
  constructor(
    private readonly db: Knex,
    private readonly chooseText: () => string = randomCaptchaText,
  ) {}

  async create(): Promise<Captcha> {
    const text = this.chooseText();
    const data = drawCaptcha(text, { noise: 3, color: false, background: '#f4f4f5' });
    const id = randomUUID();
    const expiresAt = isoIn(lifetimeMs);
    await this.db('core_captchas').where('expires_at', '<', new Date().toISOString()).delete();
    await this.db('core_captchas').insert({ id, answer_hash: hashToken(text.toLowerCase()), expires_at: expiresAt });
    return { id, image: `data:image/svg+xml;base64,${Buffer.from(data).toString('base64')}`, expiresAt };
  }

  /** Uses the captcha up: true only for the right answer within its lifetime. */
  async solve(id: string, answer: string): Promise<boolean> {
    const row = await this.db('core_captchas').where({ id }).first();
    // Only the request that deletes the row may use it, however many arrive at once.
    if (!row || (await this.db('core_captchas').where({ id }).delete()) !== 1) return false;
    return (
      new Date(row.expires_at).getTime() > Date.now() && row.answer_hash === hashToken(answer.trim().toLowerCase())
    );
  }
}
