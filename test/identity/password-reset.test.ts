import { expect } from 'chai';
import { type IdentityServer, startIdentityServer, tokenFromMail } from '../helpers/identity.js';

const to = (address: string) => (m: { to?: unknown }) => (m.to as { text: string } | undefined)?.text === address;

describe('password reset', () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer({ config: { auth: { lockout: { afterFailures: 3 }, captcha: { afterFailures: 50 } } } });
  });
  after(() => server.stop());

  it('mails a link; the new password works, the old does not, and every session ends', async () => {
    const user = await server.createUser('reset@example.test');
    const [desk, phone] = [server.browser(), server.browser()];
    await desk.signIn(user.email, user.password);
    await phone.signIn(user.email, user.password);

    expect((await server.browser().request('POST', '/api/v1/auth/password/forgot', { body: { email: user.email } })).status).to.equal(202);
    const token = tokenFromMail((await server.mail.waitFor(to(user.email))).text);
    const weak = await server.browser().request('POST', '/api/v1/auth/password/reset', { body: { token, password: 'short' } });
    expect(weak.status).to.equal(400);
    expect(weak.body.errors[0]).to.deep.equal({ pointer: '/body/password', detail: 'Use at least 10 characters.' });
    // A refused password does not use the link up.
    const reset = await server.browser().request('POST', '/api/v1/auth/password/reset', { body: { token, password: 'a brand new passphrase' } });
    expect(reset.status).to.equal(200);
    expect((await server.browser().request('POST', '/api/v1/auth/password/reset', { body: { token, password: 'another passphrase!' } })).status).to.equal(400);

    expect((await desk.request('GET', '/api/v1/account')).status).to.equal(401);
    expect((await phone.request('GET', '/api/v1/account')).status).to.equal(401);
    expect((await server.browser().signIn(user.email, user.password)).status).to.equal(401);
    expect((await server.browser().signIn(user.email, 'a brand new passphrase')).status).to.equal(200);
  });

  it('answers the same for an unknown address and mails nobody', async () => {
    const before = server.mail.messages.length;
    const response = await server.browser().request('POST', '/api/v1/auth/password/forgot', { body: { email: 'ghost@example.test' } });
    expect(response.status).to.equal(202);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.mail.messages.length).to.equal(before);
  });

  it('lifts a sign-in lockout, so failing on purpose cannot keep a user out', async () => {
    const user = await server.createUser('unlock@example.test');
    const browser = server.browser();
    for (let i = 0; i < 3; i += 1) await browser.signIn(user.email, `guess-${i}-wrong`);
    expect((await browser.signIn(user.email, user.password)).status).to.equal(429);
    await browser.request('POST', '/api/v1/auth/password/forgot', { body: { email: user.email } });
    const token = tokenFromMail((await server.mail.waitFor(to(user.email))).text);
    expect((await browser.request('POST', '/api/v1/auth/password/reset', { body: { token, password: 'free again at last' } })).status).to.equal(200);
    expect((await browser.signIn(user.email, 'free again at last')).status).to.equal(200);
  });

  it('rations mailed links per address', async () => {
    const user = await server.createUser('flood@example.test');
    for (let i = 0; i < 8; i += 1) await server.browser().request('POST', '/api/v1/auth/password/forgot', { body: { email: user.email } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.mail.messages.filter(to(user.email))).to.have.length(5);
  });
});

describe('identity behind https', () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer({ config: { app: { baseUrl: 'https://outpost.example.test', trustProxy: true } } });
  });
  after(() => server.stop());

  it('sets __Host- cookies with Secure', async () => {
    const user = await server.createUser('secure@example.test');
    const response = await server.browser().request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: user.password },
      origin: 'https://outpost.example.test',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.status).to.equal(200);
    const session = response.setCookies.find((c) => c.startsWith('__Host-outpost_session='))!;
    expect(session).to.match(/; secure/i).and.match(/; httponly/i).and.match(/; samesite=lax/i);
    expect(session).to.not.match(/domain=/i);
    // A public instance accepts its own origin only, never a loopback one.
    const local = await server.browser().request('POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password }, origin: server.url });
    expect(local.status).to.equal(403);
  });
});
