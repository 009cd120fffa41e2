import type Koa from 'koa';

/** Who is calling. Identity (sessions, API keys) and agents produce these. */
export interface Principal {
  kind: 'user' | 'api-key' | 'device' | 'system';
  /** The user, key or device id. */
  id: string;
  /** The tenant the request acts in; null for instance-wide principals. */
  tenantId: string | null;
  permissions: ReadonlySet<string>;
  /** `session` credentials arrive by cookie, so unsafe methods also need a CSRF check. */
  via: 'session' | 'bearer';
  /** A read-only API key may call safe methods only. */
  readOnly?: boolean;
}

/** Finds the principal of a request, or undefined when its credentials are not this kind. */
export interface Authenticator {
  name: string;
  authenticate(ctx: Koa.Context): Promise<Principal | undefined>;
}
