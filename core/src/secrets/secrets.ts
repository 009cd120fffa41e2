import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateFileMode, privateFolderMode } from '../db/data-folder.js';
import { StartupError } from '../errors.js';

/** Encrypts what must be stored but read back (TOTP secrets, bind passwords, tokens of other systems). */
export interface Secrets {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** A 32-byte key for one purpose (signing links, say), derived from the secrets key (HKDF-SHA256): the same on every instance sharing that key. */
  deriveKey(purpose: string): Buffer;
}

const version = 'v1';

/** AES-256-GCM with a random 12-byte nonce per value: `v1.<nonce>.<tag>.<ciphertext>`, base64url parts. */
export function createSecrets(key: Buffer): Secrets {
  if (key.length !== 32) throw new Error('the secrets key must be 32 bytes');
  return {
    encrypt(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        version,
        nonce.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        sealed.toString('base64url'),
      ].join('.');
    },
    deriveKey(purpose) {
      return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `outpost:${purpose}`, 32));
    },
    decrypt(sealed) {
      const [tag, nonce, authTag, body] = sealed.split('.');
      if (tag !== version || !nonce || !authTag || body === undefined) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAuthTag(Buffer.from(authTag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * The key from `secrets.key` (32 bytes, base64 or hex), or else from `<dataDir>/secret.key`,
 * generated with mode 0600 on the first start. Instances sharing one PostgreSQL must be
 * given the same `secrets.key`.
 */
export function loadSecretKey(
  configured: string,
  dataDir: string,
): { key: Buffer; source: 'config' | 'file' | 'generated' } {
  if (configured) return { key: decodeKey(configured, 'secrets.key'), source: 'config' };
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return { key: decodeKey(readFileSync(file, 'utf8').trim(), file), source: 'file' };
  const key = randomBytes(32);
  mkdirSync(dataDir, { recursive: true, mode: privateFolderMode });
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: privateFileMode, flag: 'wx' });
  return { key, source: 'generated' };
}

function decodeKey(text: string, where: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new StartupError([`${where}: expected 32 random bytes as base64 or hex (openssl rand -base64 32)`]);
  }
  return key;
}
