import { expect } from 'chai';
import { currentTotp } from '@outpost/core/testing';
import { type IdentityServer, startIdentityServer, tokenFromMail } from '../helpers/identity.js';

const problem = (slug: string) => `urn:outpost:problem:${slug}`;

describe('account', () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer();
  });
  after(() => server.stop());

  it('reads and changes the profile, refusing what is not valid', async () => {
    const user = await server.createUser('profile@example.test', 'viewer');
    const browser = server.browser();
    await browser.signIn(user.email, user.password);
    const profile = (await browser.request('GET', '/api/v1/account')).body;
    expect(profile).to.deep.include({
      email: user.email,
      language: 'en',
      theme: 'system',
      timeZone: 'UTC',
      dateFormat: 'YYYY-MM-DD',
      twoFactorEnabled: false,
    });
    expect(profile.tenants).to.deep.equal([{ id: server.rootTenantId, name: 'Default', role: 'viewer' }]);

    const changes = {
      name: 'Ada',
      surname: 'Lovelace',
      country: 'gb',
      language: 'en-GB',
      theme: 'dark',
      timeZone: 'Europe/London',
      dateFormat: 'DD/MM/YYYY',
    };
    const changed = await browser.request('PATCH', '/api/v1/account', { body: changes });
    expect(changed.status).to.equal(200);
    expect(changed.body).to.include({ ...changes, country: 'GB' });

    const bad = await browser.request('PATCH', '/api/v1/account', {
      body: { timeZone: 'Mars/Olympus', dateFormat: 'YY' },
    });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).to.include('/body/dateFormat');
    const zone = await browser.request('PATCH', '/api/v1/account', { body: { timeZone: 'Mars/Olympus' } });
    expect(zone.body.errors).to.deep.equal([
      { pointer: '/body/timeZone', detail: 'Use an IANA time zone such as Europe/Berlin.' },
    ]);
    expect((await browser.request('GET', '/api/v1/account')).body.timeZone).to.equal('Europe/London');
    const theme = await browser.request('PATCH', '/api/v1/account', { body: { theme: 'sepia' } });
    expect(theme.status).to.equal(400);
    expect(theme.body.errors.map((e: { pointer: string }) => e.pointer)).to.include('/body/theme');
    expect((await browser.request('GET', '/api/v1/account')).body.theme).to.equal('dark');
  });

  it('changes the password given the current one and ends the other sessions', async () => {
    const user = await server.createUser('change@example.test');
    const [here, there] = [server.browser(), server.browser()];
    await here.signIn(user.email, user.password);
    await there.signIn(user.email, user.password);
    const wrong = await here.request('POST', '/api/v1/account/password', {
      body: { current: 'not the password', new: 'a good new passphrase' },
    });
    expect(wrong.status).to.equal(400);
    expect(wrong.body.errors[0].pointer).to.equal('/body/current');
    const weak = await here.request('POST', '/api/v1/account/password', {
      body: { current: user.password, new: 'password123' },
    });
    expect(weak.body.errors[0]).to.deep.equal({ pointer: '/body/new', detail: 'This password is too common.' });
    expect(
      (
        await here.request('POST', '/api/v1/account/password', {
          body: { current: user.password, new: 'a good new passphrase' },
        })
      ).status,
    ).to.equal(204);
    expect((await here.request('GET', '/api/v1/account')).status).to.equal(200);
    expect((await there.request('GET', '/api/v1/account')).status).to.equal(401);
  });

  it('refuses to delete the last Owner of a tenant', async () => {
    const owner = await server.outpost
      .db('core_users as u')
      .join('core_memberships as m', 'm.user_id', 'u.id')
      .where('m.role', 'owner')
      .first('u.id', 'u.email');
    const password = 'owner passphrase here';
    await server.outpost
      .db('core_users')
      .where({ id: owner.id })
      .update({
        password_hash: await (await import('@outpost/core')).hashPassword(password),
        must_change_password: false,
      });
    const browser = server.browser();
    expect((await browser.signIn(owner.email, password)).status).to.equal(200);
    const refused = await browser.request('DELETE', '/api/v1/account', { body: { password } });
    expect(refused.status).to.equal(409);
    expect(refused.body.type).to.equal(problem('last-owner'));
    expect(refused.body.detail).to.equal('You are the last Owner of Default: make someone else an Owner first.');
    expect((await browser.request('GET', '/api/v1/account')).status).to.equal(200);
  });

  it('deletes an account given its password: sessions end, personal data goes, the audit log keeps entries without the address', async () => {
    const user = await server.createUser('leaving@example.test');
    const browser = server.browser();
    await browser.signIn(user.email, user.password);
    const setup = (await browser.request('POST', '/api/v1/account/2fa')).body;
    await browser.request('POST', '/api/v1/account/2fa/verify', { body: { code: currentTotp(setup.secret) } });
    const wrong = await browser.request('DELETE', '/api/v1/account', { body: { password: 'wrong password!' } });
    expect(wrong.status).to.equal(400);
    expect((await browser.request('DELETE', '/api/v1/account', { body: { password: user.password } })).status).to.equal(
      204,
    );
    expect((await browser.request('GET', '/api/v1/account')).status).to.equal(401);
    const dump = await server.dumpDatabase();
    expect(dump.split('\n').filter((table) => table.includes(user.email))).to.deep.equal([]);
    expect((await server.browser().signIn(user.email, user.password)).status).to.equal(401);
    const entries = await server.outpost.db('core_audit').where({ actor_id: user.id }).orderBy('id');
    expect(entries.map((e) => e.action)).to.include.members(['auth.sign-in', 'auth.2fa.enabled', 'account.deleted']);
    expect(new Set(entries.map((e) => e.actor_label))).to.deep.equal(new Set(['deleted account']));
  });

  it('audits sign-in success and failure, session ends and password changes with IP and user agent', async () => {
    const user = await server.createUser('audited@example.test');
    const browser = server.browser();
    await browser.signIn(user.email, 'wrong password!');
    await browser.signIn(user.email, user.password);
    await browser.request('POST', '/api/v1/account/password', {
      body: { current: user.password, new: 'a fresh passphrase now' },
    });
    await browser.request('POST', '/api/v1/auth/logout');
    const entries = await server.outpost.db('core_audit').where({ actor_id: user.id }).orderBy('id');
    expect(entries.map((e) => e.action)).to.deep.equal([
      'auth.sign-in.failed',
      'auth.sign-in',
      'auth.password.changed',
      'auth.sign-out',
    ]);
    for (const entry of entries)
      expect(entry).to.include({ ip: '127.0.0.1', user_agent: browser.userAgent, tenant_id: server.rootTenantId });
  });

  it('never writes a password, token, key or code into the logs or the database in clear', async () => {
    const browser = server.browser();
    const email = 'secretive@example.test';
    await browser.request('POST', '/api/v1/auth/signup', { body: { email } });
    const confirmToken = tokenFromMail(
      (await server.mail.waitFor((m) => (m.to as { text: string }).text === email)).text,
    );
    await browser.request('POST', '/api/v1/auth/confirm', { body: { token: confirmToken } });
    const mailed = /password:\n\n(\S+)\n/.exec(
      (
        await server.mail.waitFor(
          (m) => m.subject === 'Your Outpost password' && (m.to as { text: string }).text === email,
        )
      ).text!,
    )![1]!;
    await browser.signIn(email, mailed);
    const chosen = 'my very own secret passphrase';
    await browser.request('POST', '/api/v1/account/password', { body: { current: mailed, new: chosen } });
    const setup = (await browser.request('POST', '/api/v1/account/2fa')).body;
    const recovery = (
      await browser.request('POST', '/api/v1/account/2fa/verify', { body: { code: currentTotp(setup.secret) } })
    ).body.recoveryCodes as string[];
    await server.outpost.db('core_memberships').insert({
      user_id: (await browser.request('GET', '/api/v1/account')).body.id,
      tenant_id: server.rootTenantId,
      role: 'member',
      created_at: new Date().toISOString(),
    });
    const key = (await browser.request('POST', '/api/v1/api-keys', { body: { name: 'k', scopes: ['*'] } })).body
      .key as string;
    await server.request('GET', '/api/v1/account', { headers: { authorization: `Bearer ${key}` } });
    await browser.request('POST', '/api/v1/auth/password/forgot', { body: { email } });
    const resetToken = tokenFromMail(
      (
        await server.mail.waitFor(
          (m) => m.subject === 'Set a new Outpost password' && (m.to as { text: string }).text === email,
        )
      ).text,
    );
    await browser.request('POST', '/api/v1/auth/password/reset', {
      body: { token: resetToken, password: 'reset to this passphrase' },
    });
    const session = [...browser.cookies.values()];

    const logs = server.logs.join('');
    const dump = await server.dumpDatabase();
    expect(logs).to.include('"route":"/api/v1/auth/login"');
    const secrets = [
      confirmToken,
      resetToken,
      mailed,
      chosen,
      'reset to this passphrase',
      setup.secret,
      key,
      ...recovery,
      ...session,
    ];
    for (const secret of secrets) {
      expect(logs, `logs hold ${secret}`).to.not.include(secret);
      expect(dump, `database holds ${secret}`).to.not.include(secret);
    }
  });
});
