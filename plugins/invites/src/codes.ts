import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';

/** No 0/O, 1/I/L: nothing two people could read differently. 31 symbols, 12 of them: about 59 bits. */
export const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const codeLength = 12;

export function newCode(): string {
  let code = '';
  for (let i = 0; i < codeLength; i += 1) code += codeAlphabet[randomInt(codeAlphabet.length)];
  return code;
}

/** What someone typed, as stored: case-insensitive, spaces and dashes ignored; undefined when it cannot be a code. */
export function normalizeCode(input: string): string | undefined {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== codeLength) return undefined;
  for (const char of code) if (!codeAlphabet.includes(char)) return undefined;
  return code;
}

/** Grouped for reading out: ABCD-EFGH-JKMN. */
export function displayCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** Invites, deployments and support invitations share one code namespace: a new code none of them uses. */
export async function freeCode(db: Knex): Promise<string> {
  for (;;) {
    const code = newCode();
    const taken = await Promise.all(
      ['invites_invites', 'invites_deployments', 'invites_support'].map((table) =>
        db(table).where({ code }).first('code'),
      ),
    );
    if (taken.every((row) => !row)) return code;
  }
}
