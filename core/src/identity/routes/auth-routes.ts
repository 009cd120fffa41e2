import { Type } from '@sinclair/typebox';
import type Koa from 'koa';
import { clientOf } from '../principal.js';
import { defineRoute, type RouteDefinition } from '../../plugins/types.js';
import type { Identity } from '../identity.js';
import { trustedBrowserMaxAgeMs } from '../sign-in.js';
import { Code, Email, Id, Password, Strict, Token } from './schemas.js';

const accepted = Type.Object({ status: Type.String() });

/** `/auth/*`: sign-up, confirmation, captcha, sign-in and out, password reset. Public unless noted. */
export function authRoutes(
  identity: Pick<Identity, 'accounts' | 'signIn' | 'captcha' | 'sessions' | 'cookies' | 'auditSelf'>,
): RouteDefinition[] {
  const { accounts, signIn, captcha, sessions, cookies } = identity;

  const setSessionCookie = (ctx: Koa.Context, token: string) =>
    cookies.write(ctx, cookies.session, token, sessions.absoluteLifetimeMs);

  return [
    defineRoute({
      method: 'post',
      path: '/auth/signup',
      summary: 'Sign up: mails a confirmation link (the answer is the same whether the address has an account or not)',
      public: true,
      status: 202,
      schema: { body: Type.Object({ email: Email }, Strict), response: accepted },
      handler: async ({ body, ctx }) => {
        await accounts.signUp(body.email, clientOf(ctx));
        return { status: 'If the address can sign up, a confirmation mail is on its way.' };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/confirm',
      summary: 'Confirm a sign-up: activates the account and mails a first password',
      public: true,
      schema: { body: Type.Object({ token: Token }, Strict), response: accepted },
      handler: async ({ body, ctx }) => {
        await accounts.confirm(body.token, clientOf(ctx));
        return { status: 'Your account is active: your password is in your mailbox.' };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/auth/captcha',
      summary: 'A fresh captcha: an SVG image and its id, valid for 60 seconds and one answer',
      public: true,
      schema: { response: Type.Object({ id: Type.String(), image: Type.String(), expiresAt: Type.String() }) },
      handler: () => captcha.create(),
    }),
    defineRoute({
      method: 'post',
      path: '/auth/login',
      summary:
        'Sign in; sets the session cookie. 428 asks for a captcha, 401 totp-required for a 2FA code, 409 session-limit lists the sessions',
      public: true,
      schema: {
        body: Type.Object(
          {
            email: Type.Optional(Email),
            password: Type.Optional(Password),
            captchaId: Type.Optional(Id),
            captcha: Type.Optional(Type.String({ maxLength: 32 })),
            totp: Type.Optional(Code),
            ticket: Type.Optional(Token),
            endSession: Type.Optional(Id),
          },
          Strict,
        ),
      },
      handler: async ({ body, ctx }) => {
        const result = await signIn.signIn(body, clientOf(ctx), cookies.read(ctx, cookies.trustedBrowser));
        setSessionCookie(ctx, result.sessionToken);
        if (result.trustedBrowserToken)
          cookies.write(ctx, cookies.trustedBrowser, result.trustedBrowserToken, trustedBrowserMaxAgeMs);
        return accounts.profile(result.userId);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      summary: 'Sign out: ends this session',
      signedIn: true,
      beforePasswordChange: true,
      handler: async ({ scope, ctx }) => {
        const principal = scope.principal!;
        await sessions.end(principal.userId!, principal.sessionId!, 'signed-out');
        cookies.clear(ctx, cookies.session);
        await identity.auditSelf('auth.sign-out', principal, ctx);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/password/forgot',
      summary: 'Mails a password reset link (the answer is the same whether the address has an account or not)',
      public: true,
      status: 202,
      schema: { body: Type.Object({ email: Email }, Strict), response: accepted },
      handler: async ({ body, ctx }) => {
        await accounts.forgotPassword(body.email, clientOf(ctx));
        return { status: 'If the address has an account, a reset link is on its way.' };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/password/reset',
      summary:
        'Sets a new password from a reset link; every session of the account ends, ' +
        'and every API key too unless revokeApiKeys is false',
      public: true,
      schema: {
        body: Type.Object(
          { token: Token, password: Password, revokeApiKeys: Type.Optional(Type.Boolean({ default: true })) },
          Strict,
        ),
        response: Type.Object({ status: Type.String(), apiKeysRevoked: Type.Integer() }),
      },
      handler: async ({ body, ctx }) => {
        const options = { revokeApiKeys: body.revokeApiKeys };
        const { apiKeysRevoked } = await accounts.resetPassword(body.token, body.password, clientOf(ctx), options);
        return { status: 'Your password is set: sign in with it.', apiKeysRevoked };
      },
    }),
  ];
}
