import { expect } from 'chai';
import { currentTotp } from '@outpost/core/testing';
import { type IdentityServer, startIdentityServer, tokenFromMail } from '../helpers/identity.js';

describe('sign-up', () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer();
  });
  after(() => server.stop());

  it('runs end to end: confirm by mail, a mailed password, a forced change, 2FA, sign out and in again', async () => {
    const browser = server.browser();
    const email = 'new.tech@example.test';
    const signUp = await browser.request('POST', '/api/v1/auth/signup', { body: { email } });
    expect(signUp.status).to.equal(202);

    const confirmMail = await server.mail.waitFor(
      (m) => m.subject === 'Confirm your Outpost account' && m.text!.includes('signed up'),
    );
    expect((confirmMail.to as { text: string }).text).to.equal(email);
    const confirmed = await browser.request('POST', '/api/v1/auth/confirm', {
      body: { token: tokenFromMail(confirmMail.text) },
    });
    expect(confirmed.status).to.equal(200);

    const passwordMail = await server.mail.waitFor((m) => m.subject === 'Your Outpost password');
    const mailedPassword = /password:\n\n(\S+)\n/.exec(passwordMail.text!)![1]!;
    const signedIn = await browser.signIn(email, mailedPassword);
    expect(signedIn.status).to.equal(200);
    expect(signedIn.body).to.include({ email, mustChangePassword: true });

    // Until the password is changed, the session can do nothing else.
    const blocked = await browser.request('GET', '/api/v1/account/sessions');
    expect(blocked.status).to.equal(403);
    expect(blocked.body.type).to.equal('urn:outpost:problem:password-change-required');
    expect((await browser.request('GET', '/api/v1/account')).status).to.equal(200);
    const newPassword = 'correct horse battery staple';
    expect(
      (
        await browser.request('POST', '/api/v1/account/password', {
          body: { current: mailedPassword, new: newPassword },
        })
      ).status,
    ).to.equal(204);
    expect((await browser.request('GET', '/api/v1/account/sessions')).status).to.equal(200);

    const setup = await browser.request('POST', '/api/v1/account/2fa');
    expect(setup.status).to.equal(200);
    expect(setup.body.uri).to.match(/^otpauth:\/\/totp\/Outpost:new\.tech%40example\.test\?/);
    expect(setup.body.qr).to.match(/^data:image\/png;base64,/);
    const verified = await browser.request('POST', '/api/v1/account/2fa/verify', {
      body: { code: currentTotp(setup.body.secret) },
    });
    expect(verified.status).to.equal(200);
    expect(verified.body.recoveryCodes).to.have.length(10);

    expect((await browser.request('POST', '/api/v1/auth/logout')).status).to.equal(204);
    expect((await browser.request('GET', '/api/v1/account')).status).to.equal(401);

    const withoutCode = await browser.signIn(email, newPassword);
    expect(withoutCode.status).to.equal(401);
    expect(withoutCode.body.type).to.equal('urn:outpost:problem:totp-required');
    // The code of the set-up's time step was used; the next step's code signs in.
    const nextStep = Date.now() + 30_000;
    const again = await browser.signIn(email, newPassword, { totp: currentTotp(setup.body.secret, nextStep) });
    expect(again.status, JSON.stringify(again.body)).to.equal(200);
    expect(again.body).to.include({ email, mustChangePassword: false, twoFactorEnabled: true });
  });

  it('answers the same for an address that has an account, and mails its owner instead', async () => {
    await server.createUser('taken@example.test');
    const response = await server
      .browser()
      .request('POST', '/api/v1/auth/signup', { body: { email: 'Taken@Example.test' } });
    const fresh = await server
      .browser()
      .request('POST', '/api/v1/auth/signup', { body: { email: 'free@example.test' } });
    expect(response.status).to.equal(202);
    expect(response.body).to.deep.equal(fresh.body);
    const mail = await server.mail.waitFor((m) => (m.to as { text: string }).text === 'taken@example.test');
    expect(mail.subject).to.equal('Your Outpost account');
  });

  it('uses a confirmation link once, and not after 24 hours', async () => {
    const email = 'twice@example.test';
    await server.browser().request('POST', '/api/v1/auth/signup', { body: { email } });
    const token = tokenFromMail((await server.mail.waitFor((m) => (m.to as { text: string }).text === email)).text);
    expect((await server.browser().request('POST', '/api/v1/auth/confirm', { body: { token } })).status).to.equal(200);
    const reused = await server.browser().request('POST', '/api/v1/auth/confirm', { body: { token } });
    expect(reused.status).to.equal(400);
    expect(reused.body.type).to.equal('urn:outpost:problem:invalid-token');

    const late = 'late@example.test';
    await server.browser().request('POST', '/api/v1/auth/signup', { body: { email: late } });
    const lateToken = tokenFromMail((await server.mail.waitFor((m) => (m.to as { text: string }).text === late)).text);
    const row = await server.outpost.db('core_auth_tokens').where({ email: late }).first();
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).to.equal(24 * 3_600_000);
    await server.outpost
      .db('core_auth_tokens')
      .where({ email: late })
      .update({ expires_at: new Date(Date.now() - 1000).toISOString() });
    expect(
      (await server.browser().request('POST', '/api/v1/auth/confirm', { body: { token: lateToken } })).status,
    ).to.equal(400);
    expect(await server.outpost.db('core_users').where({ email: late }).first()).to.equal(undefined);
  });
});

describe('sign-up turned off', () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer({ config: { auth: { signup: false } } });
  });
  after(() => server.stop());

  it('refuses sign-up with a clear problem and sends nothing', async () => {
    const response = await server
      .browser()
      .request('POST', '/api/v1/auth/signup', { body: { email: 'someone@example.test' } });
    expect(response.status).to.equal(403);
    expect(response.body.type).to.equal('urn:outpost:problem:signup-disabled');
    expect(server.mail.messages).to.have.length(0);
  });
});
