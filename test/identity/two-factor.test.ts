import { expect } from 'chai';
import { currentTotp } from '@outpost/core/testing';
import { type Browser, type IdentityServer, startIdentityServer } from '../helpers/identity.js';

const problem = (slug: string) => `urn:outpost:problem:${slug}`;

describe('two-factor authentication', () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer({ config: { auth: { captcha: { afterFailures: 50 } } } });
  });
  after(() => server.stop());

  /** A signed-in user with 2FA on; `step` moves the authenticator's clock by 30-second steps. */
  async function withTwoFactor(email: string) {
    const user = await server.createUser(email);
    const browser = server.browser();
    await browser.signIn(user.email, user.password);
    const setup = (await browser.request('POST', '/api/v1/account/2fa')).body;
    const wrong = await browser.request('POST', '/api/v1/account/2fa/verify', { body: { code: '000000' } });
    expect(wrong.status).to.equal(400);
    const verified = await browser.request('POST', '/api/v1/account/2fa/verify', {
      body: { code: currentTotp(setup.secret) },
    });
    expect(verified.status).to.equal(200);
    const code = (step: number) => currentTotp(setup.secret, Date.now() + step * 30_000);
    return {
      ...user,
      browser,
      secret: setup.secret as string,
      recoveryCodes: verified.body.recoveryCodes as string[],
      code,
    };
  }

  const signIn = (browser: Browser, email: string, password: string, totp?: string) =>
    browser.signIn(email, password, totp ? { totp } : {});

  it('needs a code at sign-in and refuses a code used before', async () => {
    const user = await withTwoFactor('replay@example.test');
    const code = user.code(1);
    expect((await signIn(server.browser(), user.email, user.password, code)).status).to.equal(200);
    const replayed = await signIn(server.browser(), user.email, user.password, code);
    expect(replayed.status).to.equal(401);
    expect(replayed.body.type).to.equal(problem('totp-invalid'));
    // An older code than the last accepted one is refused too.
    expect((await signIn(server.browser(), user.email, user.password, user.code(0))).status).to.equal(401);
    expect((await signIn(server.browser(), user.email, user.password, '123456')).status).to.equal(401);
  });

  it('accepts each recovery code once', async () => {
    const user = await withTwoFactor('recovery@example.test');
    expect(user.recoveryCodes[0]).to.match(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(
      (await signIn(server.browser(), user.email, user.password, user.recoveryCodes[0]!.toUpperCase())).status,
    ).to.equal(200);
    expect((await signIn(server.browser(), user.email, user.password, user.recoveryCodes[0])).status).to.equal(401);
    expect((await signIn(server.browser(), user.email, user.password, user.recoveryCodes[1])).status).to.equal(200);
  });

  it('is turned off only with the password and a current code', async () => {
    const user = await withTwoFactor('off@example.test');
    const noPassword = await user.browser.request('DELETE', '/api/v1/account/2fa', {
      body: { password: 'not-it-at-all', code: user.code(1) },
    });
    expect(noPassword.status).to.equal(400);
    const badCode = await user.browser.request('DELETE', '/api/v1/account/2fa', {
      body: { password: user.password, code: '111111' },
    });
    expect(badCode.status).to.equal(400);
    expect(
      (
        await user.browser.request('DELETE', '/api/v1/account/2fa', {
          body: { password: user.password, code: user.code(1) },
        })
      ).status,
    ).to.equal(204);
    expect((await signIn(server.browser(), user.email, user.password)).status).to.equal(200);
    const audit = await server.outpost
      .db('core_audit')
      .where({ actor_id: user.id })
      .whereIn('action', ['auth.2fa.enabled', 'auth.2fa.disabled'])
      .orderBy('id')
      .pluck('action');
    expect(audit).to.deep.equal(['auth.2fa.enabled', 'auth.2fa.disabled']);
  });

  it('stores the secret encrypted and the recovery codes hashed', async () => {
    const user = await withTwoFactor('stored@example.test');
    const row = await server.outpost.db('core_users').where({ id: user.id }).first();
    expect(row.totp_secret).to.match(/^v1\./).and.not.include(user.secret);
    const dump = await server.dumpDatabase();
    expect(dump).to.not.include(user.secret);
    for (const code of user.recoveryCodes) expect(dump).to.not.include(code.replace(/-/g, ''));
  });
});
