import { AuthenticationError } from '../errors.js';
import type { TenantAccess } from '../tenancy/access.js';
import { type ApiKeyService, apiKeyPrefix, keyPermissions, writeScope } from './api-keys.js';
import type { IdentityCookies } from './cookies.js';
import { type Authenticator, clientOf, isRecheck } from './principal.js';
import type { SessionStore } from './sessions.js';

const noPermissions: ReadonlySet<string> = new Set();

/**
 * The session cookie. The session's current tenant sets the permissions; until the user
 * sets their own password, the session holds none.
 */
export function sessionAuthenticator(
  sessions: SessionStore,
  cookies: IdentityCookies,
  access: TenantAccess,
): Authenticator {
  return {
    name: 'session',
    async authenticate(ctx) {
      const token = cookies.read(ctx, cookies.session);
      if (!token) return undefined;
      const session = await sessions.resolve(token, { touch: !isRecheck(ctx) });
      if (!session) return undefined;
      const grant = session.mustChangePassword ? undefined : await access.resolve(session.userId, session.tenantId);
      return {
        kind: 'user',
        id: session.userId,
        userId: session.userId,
        sessionId: session.id,
        tenantId: session.tenantId,
        permissions: grant?.permissions ?? noPermissions,
        via: 'session',
        label: session.email,
        mustChangePassword: session.mustChangePassword,
      };
    },
  };
}

/** `Authorization: Bearer opk_...`. A key that is not valid is refused outright, not treated as anonymous. */
export function apiKeyAuthenticator(keys: ApiKeyService, access: TenantAccess): Authenticator {
  return {
    name: 'api-key',
    async authenticate(ctx) {
      const header = ctx.get('authorization');
      if (!header.startsWith(`Bearer ${apiKeyPrefix}`)) return undefined;
      const key = await keys.resolve(header.slice('Bearer '.length).trim(), isRecheck(ctx) ? undefined : clientOf(ctx));
      const grant = key && (await access.resolve(key.userId, key.tenantId));
      if (!key || !grant) {
        throw new AuthenticationError('This API key is not valid: it is unknown, revoked or expired.', {
          type: 'invalid-api-key',
        });
      }
      return {
        kind: 'api-key',
        id: key.id,
        userId: key.userId,
        tenantId: key.tenantId,
        permissions: keyPermissions(key.scopes, grant.permissions),
        via: 'bearer',
        readOnly: !key.scopes.includes(writeScope),
        label: `API key ${key.name}`,
      };
    },
  };
}
