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
  /** The person behind it: the user, or the user who created the key. */
  userId?: string;
  /** The session a cookie names. */
  sessionId?: string;
  /** Shown in the audit log: an e-mail address or a key's name. */
  label?: string;
  /** Until the user sets their own password, only routes marked `beforePasswordChange` answer. */
  mustChangePassword?: boolean;
}

/** Finds the principal of a request, or undefined when its credentials are not this kind. */
export interface Authenticator {
  name: string;
  authenticate(ctx: Koa.Context): Promise<Principal | undefined>;
}

/** Where a request comes from, for sessions and the audit log. */
export interface RequestClient {
  ip: string;
  userAgent: string;
}

/**
 * Marks a context that only checks a connection's credentials again (an open event
 * stream does): the check is not a use, so it neither keeps a session alive nor counts
 * as a request of an API key.
 */
export function asRecheck(ctx: Koa.Context): Koa.Context {
  ctx.state.recheckOnly = true;
  return ctx;
}

export function isRecheck(ctx: Koa.Context): boolean {
  return ctx.state.recheckOnly === true;
}

export function clientOf(ctx: Koa.Context): RequestClient {
  return { ip: ctx.ip || 'unknown', userAgent: ctx.get('user-agent').slice(0, 512) };
}
