import { AuthenticationError } from '../errors.js';
import { permissionsOfRole } from '../rbac/roles.js';
import { type ApiKeyService, apiKeyPrefix, keyPermissions, writeScope } from './api-keys.js';
import type { IdentityCookies } from './cookies.js';
import type { Authenticator } from './principal.js';
import type { SessionStore } from './sessions.js';

/** Permissions per role, computed once per role for this instance's permission set. */
export class RolePermissions {
  private readonly cache = new Map<string, ReadonlySet<string>>();

  constructor(private readonly all: readonly string[]) {}

  of(role: string | null | undefined): ReadonlySet<string> {
    if (!role) return new Set();
    let permissions = this.cache.get(role);
    if (!permissions) this.cache.set(role, (permissions = permissionsOfRole(role, this.all)));
    return permissions;
  }
}

const noPermissions: ReadonlySet<string> = new Set();

/** The session cookie. Until the user sets their own password, the session holds no permission. */
export function sessionAuthenticator(sessions: SessionStore, cookies: IdentityCookies, roles: RolePermissions): Authenticator {
  return {
    name: 'session',
    async authenticate(ctx) {
      const token = cookies.read(ctx, cookies.session);
      if (!token) return undefined;
      const session = await sessions.resolve(token);
      if (!session) return undefined;
      return {
        kind: 'user',
        id: session.userId,
        userId: session.userId,
        sessionId: session.id,
        tenantId: session.tenantId,
        permissions: session.mustChangePassword ? noPermissions : roles.of(session.role),
        via: 'session',
        label: session.email,
        mustChangePassword: session.mustChangePassword,
      };
    },
  };
}

/** `Authorization: Bearer opk_...`. A key that is not valid is refused outright, not treated as anonymous. */
export function apiKeyAuthenticator(keys: ApiKeyService, roles: RolePermissions): Authenticator {
  return {
    name: 'api-key',
    async authenticate(ctx) {
      const header = ctx.get('authorization');
      if (!header.startsWith(`Bearer ${apiKeyPrefix}`)) return undefined;
      const key = await keys.resolve(header.slice('Bearer '.length).trim());
      if (!key?.creatorRole) {
        throw new AuthenticationError('This API key is not valid: it is unknown, revoked or expired.', { type: 'invalid-api-key' });
      }
      return {
        kind: 'api-key',
        id: key.id,
        userId: key.userId,
        tenantId: key.tenantId,
        permissions: keyPermissions(key.scopes, roles.of(key.creatorRole)),
        via: 'bearer',
        readOnly: !key.scopes.includes(writeScope),
        label: `API key ${key.name}`,
      };
    },
  };
}
