import { expect } from 'chai';
import { notesPlugin } from '../fixtures/plugins/notes.js';
import { type Browser, type IdentityServer, startIdentityServer, tokenFromMail } from '../helpers/identity.js';

const to = (address: string) => (m: { to?: unknown }) => (m.to as { text: string } | undefined)?.text === address;

describe('password reset', () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer({
      config: { auth: { lockout: { afterFailures: 3 }, captcha: { afterFailures: 50 } } },
    });
  });
  after(() => server.stop());

  it('mails a link; the new password works, the old does not, and every session ends', async () => {
    const user = await server.createUser('reset@example.test');
    const [desk, phone] = [server.browser(), server.browser()];
    await desk.signIn(user.email, user.password);
    await phone.signIn(user.email, user.password);

    expect(
      (await server.browser().request('POST', '/api/v1/auth/password/forgot', { body: { email: user.email } })).status,
    ).to.equal(202);
    const token = tokenFromMail((await server.mail.waitFor(to(user.email))).text);
    const weak = await server
      .browser()
      .request('POST', '/api/v1/auth/password/reset', { body: { token, password: 'short' } });
    expect(weak.status).to.equal(400);
    expect(weak.body.errors[0]).to.deep.equal({ pointer: '/body/password', detail: 'Use at least 10 characters.' });
    // A refused password does not use the link up.
    const reset = await server
      .browser()
      .request('POST', '/api/v1/auth/password/reset', { body: { token, password: 'a brand new passphrase' } });
    expect(reset.status).to.equal(200);
    expect(
      (
        await server
          .browser()
          .request('POST', '/api/v1/auth/password/reset', { body: { token, password: 'another passphrase!' } })
      ).status,
    ).to.equal(400);

    expect((await desk.request('GET', '/api/v1/account')).status).to.equal(401);
    expect((await phone.request('GET', '/api/v1/account')).status).to.equal(401);
    expect((await server.browser().signIn(user.email, user.password)).status).to.equal(401);
    expect((await server.browser().signIn(user.email, 'a brand new passphrase')).status).to.equal(200);
  });

  it('answers the same for an unknown address and mails nobody', async () => {
    const before = server.mail.messages.length;
    const response = await server
      .browser()
      .request('POST', '/api/v1/auth/password/forgot', { body: { email: 'ghost@example.test' } });
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
    expect(
      (
        await browser.request('POST', '/api/v1/auth/password/reset', {
          body: { token, password: 'free again at last' },
        })
      ).status,
    ).to.equal(200);
    expect((await browser.signIn(user.email, 'free again at last')).status).to.equal(200);
  });

  it('rations mailed links per address', async () => {
    const user = await server.createUser('flood@example.test');
    for (let i = 0; i < 8; i += 1)
      await server.browser().request('POST', '/api/v1/auth/password/forgot', { body: { email: user.email } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.mail.messages.filter(to(user.email))).to.have.length(5);
  });
});

describe('recovering an account', () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer({ plugins: [notesPlugin] });
  });
  after(() => server.stop());

  /** The token of a new reset mail (not of an earlier one to the same address). */
  const resetLink = async (email: string) => {
    const earlier = new Set(server.mail.messages);
    const asked = await server.browser().request('POST', '/api/v1/auth/password/forgot', { body: { email } });
    expect(asked.status).to.equal(202);
    return tokenFromMail((await server.mail.waitFor((m) => to(email)(m) && !earlier.has(m))).text);
  };
  const keyAnswers = async (key: string) => {
    const headers = { authorization: `Bearer ${key}` };
    return (await server.request('GET', '/api/v1/notes/notes', { headers })).status;
  };
  const createKey = async (browser: Browser, name: string) => {
    const created = await browser.request('POST', '/api/v1/api-keys', { body: { name, scopes: ['*'] } });
    return created.body as { id: string; key: string; name: string };
  };
  const reset = (body: Record<string, unknown>) =>
    server.browser().request('POST', '/api/v1/auth/password/reset', { body });
  const audit = (where: Record<string, string>) => server.outpost.db('core_audit').where(where).orderBy('id');

  it('a reset revokes every API key of the account unless kept; each revocation is audited', async () => {
    const user = await server.createUser('recover@example.test', 'member');
    const browser = await server.signedIn(user);
    const keys = [await createKey(browser, 'laptop script'), await createKey(browser, 'made by an intruder')];
    for (const key of keys) expect(await keyAnswers(key.key)).to.equal(200);

    const revoking = await reset({ token: await resetLink(user.email), password: 'a fresh start now' });
    expect(revoking.status).to.equal(200);
    expect(revoking.body.apiKeysRevoked).to.equal(2);
    for (const key of keys) expect(await keyAnswers(key.key)).to.equal(401);
    const revocations = await audit({ action: 'api-key.revoked', actor_id: user.id });
    expect(revocations.map((e) => [e.resource_id, JSON.parse(e.details)])).to.have.deep.members(
      keys.map((k) => [k.id, { name: k.name, reason: 'password-reset' }]),
    );
    expect(revocations[0]).to.include({ tenant_id: server.rootTenantId, ip: '127.0.0.1' });
    const [audited] = await audit({ action: 'auth.password.reset', actor_id: user.id });
    expect(JSON.parse(audited.details)).to.deep.equal({ sessionsEnded: 1, apiKeysRevoked: 2 });

    const again = await server.signedIn({ email: user.email, password: 'a fresh start now' });
    const kept = await createKey(again, 'kept');
    const token = await resetLink(user.email);
    const keeping = await reset({ token, password: 'another fresh start', revokeApiKeys: false });
    expect(keeping.status).to.equal(200);
    expect(keeping.body.apiKeysRevoked).to.equal(0);
    expect(await keyAnswers(kept.key)).to.equal(200);
    expect((await again.request('GET', '/api/v1/account')).status).to.equal(401);
  });

  it('outpost user reset-password keeps the keys unless the operator revokes them too', async () => {
    const user = await server.createUser('operator-reset@example.test', 'member');
    const { key } = await createKey(await server.signedIn(user), 'script');
    const { accounts } = server.outpost.identity;
    expect(await accounts.adminResetPassword(user.email)).to.include({ apiKeysRevoked: 0, apiKeysKept: 1 });
    expect(await keyAnswers(key)).to.equal(200);
    const revoking = await accounts.adminResetPassword(user.email, { revokeApiKeys: true });
    expect(revoking).to.include({ apiKeysRevoked: 1, apiKeysKept: 0 });
    expect(await keyAnswers(key)).to.equal(401);
    const [revoked] = await audit({ action: 'api-key.revoked', actor_label: 'outpost CLI' });
    expect(revoked).to.include({ actor_kind: 'system', tenant_id: server.rootTenantId });
    expect(JSON.parse(revoked.details)).to.include({ reason: 'password-reset-by-admin' });
  });
});

describe('identity behind https', () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer({
      config: { app: { baseUrl: 'https://outpost.example.test', trustProxy: true } },
    });
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
    expect(session)
      .to.match(/; secure/i)
      .and.match(/; httponly/i)
      .and.match(/; samesite=lax/i);
    expect(session).to.not.match(/domain=/i);
    // A public instance accepts its own origin only, never a loopback one.
    const local = await server.browser().request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: user.password },
      origin: server.url,
    });
    expect(local.status).to.equal(403);
  });
});
