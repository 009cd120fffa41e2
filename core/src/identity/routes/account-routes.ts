import { Type } from '@sinclair/typebox';
import { NotFoundError } from '../../errors.js';
import { defineRoute, type RouteDefinition } from '../../plugins/types.js';
import { dateFormats, themes } from '../accounts.js';
import type { Identity } from '../identity.js';
import { clientOf } from '../principal.js';
import { Code, Id, Password, Strict } from './schemas.js';

const profile = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  surname: Type.String(),
  country: Type.Union([Type.String(), Type.Null()]),
  language: Type.String(),
  theme: Type.Union(themes.map((theme) => Type.Literal(theme))),
  timeZone: Type.String(),
  dateFormat: Type.String(),
  twoFactorEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  tourCompleted: Type.Boolean(),
  tenants: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String() })),
});

const sessionInfo = Type.Object({
  id: Type.String(),
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
  ip: Type.String(),
  device: Type.String(),
  software: Type.String(),
  current: Type.Boolean(),
});

/** `/account/*`: the signed-in user's own profile, password, 2FA and sessions. Sessions only; API keys cannot use them. */
export function accountRoutes(
  identity: Pick<Identity, 'accounts' | 'twoFactor' | 'sessions' | 'cookies' | 'auditSelf'>,
): RouteDefinition[] {
  const { accounts, twoFactor, sessions } = identity;
  return [
    defineRoute({
      method: 'get',
      path: '/account',
      summary: 'The signed-in user’s profile and tenants, the session’s current tenant and what the user may do there',
      signedIn: true,
      beforePasswordChange: true,
      schema: {
        response: Type.Intersect([
          profile,
          Type.Object({
            currentTenantId: Type.Union([Type.String(), Type.Null()]),
            permissions: Type.Array(Type.String()),
          }),
        ]),
      },
      handler: async ({ scope }) => {
        const principal = scope.principal!;
        return {
          ...(await accounts.profile(principal.userId!)),
          currentTenantId: principal.tenantId,
          permissions: [...principal.permissions].sort(),
        };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/account',
      summary:
        'Change name, surname, country, language, theme, time zone or date format, or mark the knowledge tour done (false replays it)',
      signedIn: true,
      schema: {
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: 200 })),
            surname: Type.Optional(Type.String({ maxLength: 200 })),
            country: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Za-z]{2}$' }), Type.Null()])),
            language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35 })),
            theme: Type.Optional(Type.Union(themes.map((theme) => Type.Literal(theme)))),
            timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            dateFormat: Type.Optional(Type.Union(dateFormats.map((f) => Type.Literal(f)))),
            tourCompleted: Type.Optional(Type.Boolean()),
          },
          Strict,
        ),
        response: profile,
      },
      handler: ({ scope, body }) => accounts.updateProfile(scope.principal!.userId!, body),
    }),
    defineRoute({
      method: 'post',
      path: '/account/password',
      summary: 'Change the password, given the current one; the user’s other sessions end',
      signedIn: true,
      beforePasswordChange: true,
      schema: { body: Type.Object({ current: Password, new: Password }, Strict) },
      handler: async ({ scope, body, ctx }) => {
        const principal = scope.principal!;
        await accounts.changePassword(principal.userId!, principal.sessionId, body.current, body.new, clientOf(ctx));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/account',
      summary: 'Delete the account, given its password (refused for the last Owner of a tenant)',
      signedIn: true,
      schema: { body: Type.Object({ password: Password }, Strict) },
      handler: async ({ scope, body, ctx }) => {
        await accounts.deleteAccount(scope.principal!.userId!, body.password, clientOf(ctx));
        identity.cookies.clear(ctx, identity.cookies.session);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/account/2fa',
      summary: 'Start 2FA set-up: a new TOTP secret, its otpauth URI and a QR code',
      signedIn: true,
      schema: { response: Type.Object({ secret: Type.String(), uri: Type.String(), qr: Type.String() }) },
      handler: ({ scope }) => twoFactor.start(scope.principal!.userId!),
    }),
    defineRoute({
      method: 'post',
      path: '/account/2fa/verify',
      summary: 'Turn 2FA on with a code from the new secret; returns ten one-time recovery codes',
      signedIn: true,
      schema: {
        body: Type.Object({ code: Code }, Strict),
        response: Type.Object({ recoveryCodes: Type.Array(Type.String()) }),
      },
      handler: async ({ scope, body, ctx }) => ({
        recoveryCodes: await twoFactor.verifySetup(scope.principal!.userId!, body.code, clientOf(ctx)),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/account/2fa',
      summary: 'Turn 2FA off, given the password and a current code',
      signedIn: true,
      schema: { body: Type.Object({ password: Password, code: Code }, Strict) },
      handler: async ({ scope, body, ctx }) => {
        await twoFactor.disable(scope.principal!.userId!, body.password, body.code, clientOf(ctx));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/account/sessions',
      summary: 'The user’s open sessions: created, last seen, IP, device, software, and which is this one',
      signedIn: true,
      schema: { response: Type.Object({ items: Type.Array(sessionInfo) }) },
      handler: async ({ scope }) => ({
        items: await sessions.list(scope.principal!.userId!, scope.principal!.sessionId),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/account/sessions/:id',
      summary: 'End one of the user’s sessions',
      signedIn: true,
      schema: { params: Type.Object({ id: Id }, Strict) },
      handler: async ({ scope, params, ctx }) => {
        const principal = scope.principal!;
        const ended = await sessions.end(principal.userId!, params.id, 'session.ended');
        if (!ended) throw new NotFoundError('There is no such open session.');
        if (params.id === principal.sessionId) identity.cookies.clear(ctx, identity.cookies.session);
        await identity.auditSelf('auth.session.ended', principal, ctx, { type: 'session', id: params.id });
      },
    }),
  ];
}
