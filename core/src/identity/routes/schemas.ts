import { Type } from '@sinclair/typebox';

/** Loose on purpose: a local address such as admin@localhost is an address too. */
export const Email = Type.String({ pattern: '^[^\\s@]+@[^\\s@]+$', maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 256 });
export const Token = Type.String({ minLength: 20, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' });
export const Id = Type.String({ format: 'uuid' });
export const Code = Type.String({ minLength: 6, maxLength: 32, description: 'A 6-digit TOTP code or a recovery code' });
export const Strict = { additionalProperties: false } as const;
