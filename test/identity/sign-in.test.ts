import { expect } from 'chai';
import { Browser, type IdentityServer, startIdentityServer } from '../helpers/identity.js';

const problem = (slug: string) => `urn:outpost:problem:${slug}`;

describe('sign-in', () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer({
      config: {
        auth: {
          captcha: { afterFailures: 3 },
          lockout: { afterFailures: 6, minutes: 15 },
          throttle: { ipFailures: 12 },
          sessions: { maxConcurrent: 2 },
        },
      },
    });
  });
  after(() => server.stop());
  // Every test starts with no failed attempts on record (all requests come from 127.0.0.1).
  beforeEach(() => server.outpost.db('core_sign_in_attempts').delete());

  async function solvedCaptcha(browser: Browser): Promise<Record<string, string>> {
    const captcha = await browser.request('GET', '/api/v1/auth/captcha');
    return { captchaId: captcha.body.id, captcha: server.captchaAnswers.at(-1)! };
  }

  it('sets an http-only SameSite=Lax session cookie, not Secure on plain http, and signs out', async () => {
    const user = await server.createUser('cookie@example.test');
    const browser = server.browser();
    const response = await browser.signIn(user.email, user.password);
    expect(response.status).to.equal(200);
    const session = response.setCookies.find((c) => c.startsWith('outpost_session='))!;
    expect(session)
      .to.match(/; httponly/i)
      .and.match(/; samesite=lax/i)
      .and.match(/; path=\//i);
    expect(session).to.not.match(/; secure/i);
    expect((await browser.request('GET', '/api/v1/account')).body.email).to.equal(user.email);
    expect((await browser.request('POST', '/api/v1/auth/logout')).status).to.equal(204);
    expect((await browser.request('GET', '/api/v1/account')).status).to.equal(401);
  });

  it('says the same for an unknown address and a wrong password', async () => {
    const user = await server.createUser('wrong@example.test');
    const unknown = await server.browser().signIn('nobody@example.test', 'whatever-it-is');
    const wrong = await server.browser().signIn(user.email, 'not-the-password');
    expect([unknown.status, wrong.status]).to.deep.equal([401, 401]);
    expect(unknown.body.detail).to.equal(wrong.body.detail);
    expect(unknown.body.type).to.equal(problem('invalid-credentials'));
  });

  it('asks for a captcha after 3 failures, valid for 60 seconds and one answer', async () => {
    const user = await server.createUser('captcha@example.test');
    const browser = server.browser();
    for (let i = 0; i < 3; i += 1) expect((await browser.signIn(user.email, 'wrong-password')).status).to.equal(401);
    const asked = await browser.signIn(user.email, user.password);
    expect(asked.status).to.equal(428);
    expect(asked.body.type).to.equal(problem('captcha-required'));
    expect(asked.body.captcha.image).to.match(/^data:image\/svg\+xml;base64,/);
    const answer = server.captchaAnswers.at(-1)!;

    const wrongAnswer = await browser.signIn(user.email, user.password, {
      captchaId: asked.body.captcha.id,
      captcha: 'nope',
    });
    expect(wrongAnswer.status).to.equal(428);
    // The first, right answer no longer counts: a captcha takes one answer.
    const reused = await browser.signIn(user.email, user.password, {
      captchaId: asked.body.captcha.id,
      captcha: answer,
    });
    expect(reused.status).to.equal(428);

    const fresh = await browser.request('GET', '/api/v1/auth/captcha');
    expect(fresh.status).to.equal(200);
    await server.outpost
      .db('core_captchas')
      .where({ id: fresh.body.id })
      .update({ expires_at: new Date(Date.now() - 1).toISOString() });
    const expired = await browser.signIn(user.email, user.password, {
      captchaId: fresh.body.id,
      captcha: server.captchaAnswers.at(-1)!,
    });
    expect(expired.status).to.equal(428);

    const good = await browser.request('GET', '/api/v1/auth/captcha');
    const solved = await browser.signIn(user.email, user.password, {
      captchaId: good.body.id,
      captcha: server.captchaAnswers.at(-1)!.toUpperCase(),
    });
    expect(solved.status).to.equal(200);
  });

  it('locks an address for a while after many failures, except in a browser its owner used before', async () => {
    const user = await server.createUser('locked@example.test');
    const known = server.browser();
    expect((await known.signIn(user.email, user.password)).status).to.equal(200);
    expect((await known.request('POST', '/api/v1/auth/logout')).status).to.equal(204);

    const attacker = server.browser();
    for (let i = 0; i < 6; i += 1) {
      const extra = i >= 3 ? await solvedCaptcha(attacker) : {};
      expect((await attacker.signIn(user.email, 'guess-number-' + i, extra)).status).to.equal(401);
    }
    const locked = await attacker.signIn(user.email, user.password);
    expect(locked.status).to.equal(429);
    expect(locked.body.type).to.equal(problem('sign-in-locked'));
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).to.be.greaterThan(800).and.at.most(900);

    // The owner's browser is not locked out (it still solves the captcha).
    const owner = await known.signIn(user.email, user.password, await solvedCaptcha(known));
    expect(owner.status, JSON.stringify(owner.body)).to.equal(200);
  });

  it('throttles an IP that fails too often, with Retry-After', async () => {
    const browser = server.browser();
    for (let i = 0; i < 12; i += 1) {
      const extra = i >= 3 ? await solvedCaptcha(browser) : {};
      expect((await browser.signIn(`spray${i}@example.test`, 'Winter2026!', extra)).status).to.equal(401);
    }
    const throttled = await browser.signIn('spray99@example.test', 'Winter2026!');
    expect(throttled.status).to.equal(429);
    expect(throttled.body.type).to.equal(problem('sign-in-throttled'));
    expect(Number(throttled.headers.get('retry-after'))).to.be.greaterThan(0);
  });

  it('at the session limit answers 409 with the sessions; ending one lets the sign-in through', async () => {
    const user = await server.createUser('limit@example.test');
    const laptop = server.browser(
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
    );
    const phone = server.browser(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
    );
    expect((await laptop.signIn(user.email, user.password)).status).to.equal(200);
    expect((await phone.signIn(user.email, user.password)).status).to.equal(200);

    const third = server.browser();
    const refused = await third.signIn(user.email, user.password);
    expect(refused.status).to.equal(409);
    expect(refused.body.type).to.equal(problem('session-limit'));
    expect(refused.body.maxConcurrent).to.equal(2);
    const sessions = refused.body.sessions as Array<{
      id: string;
      device: string;
      software: string;
      ip: string;
      current: boolean;
    }>;
    expect(sessions).to.have.length(2);
    expect(sessions.map((s) => s.device).sort()).to.deep.equal(['Desktop, macOS Catalina', 'Mobile, iOS 17.1']);
    expect(sessions.map((s) => s.software).sort()).to.deep.equal(['Safari 17.1', 'Safari 17.1']);
    expect(third.cookies.has('outpost_session')).to.equal(false);

    const oldest = sessions.at(-1)!;
    const continued = await third.request('POST', '/api/v1/auth/login', {
      body: { ticket: refused.body.ticket, endSession: oldest.id },
    });
    expect(continued.status).to.equal(200);
    expect((await third.request('GET', '/api/v1/account')).status).to.equal(200);
    expect((await laptop.request('GET', '/api/v1/account')).status).to.equal(401);
    // The ticket worked once.
    const again = await server
      .browser()
      .request('POST', '/api/v1/auth/login', { body: { ticket: refused.body.ticket } });
    expect(again.body.type).to.equal(problem('invalid-ticket'));
  });

  it('lists sessions and ends one; the ended one is signed out at once', async () => {
    const user = await server.createUser('sessions@example.test');
    const first = server.browser();
    const second = server.browser('curl/8.5.0');
    await first.signIn(user.email, user.password);
    await second.signIn(user.email, user.password);
    const list = await first.request('GET', '/api/v1/account/sessions');
    expect(list.body.items).to.have.length(2);
    const other = list.body.items.find((s: { current: boolean }) => !s.current);
    expect(other).to.include({ ip: '127.0.0.1', software: 'curl/8.5.0' });
    expect(list.body.items.find((s: { current: boolean }) => s.current).software).to.match(/^Chrome 131/);
    expect((await first.request('DELETE', `/api/v1/account/sessions/${other.id}`)).status).to.equal(204);
    expect((await second.request('GET', '/api/v1/account')).status).to.equal(401);
    expect((await first.request('DELETE', `/api/v1/account/sessions/${other.id}`)).status).to.equal(404);
  });

  it('ends sessions idle too long or older than the absolute lifetime', async () => {
    const user = await server.createUser('expiry@example.test');
    const idle = server.browser();
    const old = server.browser();
    await idle.signIn(user.email, user.password);
    await old.signIn(user.email, user.password);
    const [idleSession, oldSession] = await server.outpost
      .db('core_sessions')
      .where({ user_id: user.id })
      .orderBy('created_at')
      .select('id');
    await server.outpost
      .db('core_sessions')
      .where({ id: idleSession.id })
      .update({ last_seen_at: new Date(Date.now() - 61 * 60_000).toISOString() });
    await server.outpost
      .db('core_sessions')
      .where({ id: oldSession.id })
      .update({ expires_at: new Date(Date.now() - 1000).toISOString() });
    expect((await idle.request('GET', '/api/v1/account')).status).to.equal(401);
    expect((await old.request('GET', '/api/v1/account')).status).to.equal(401);
    const [{ n }] = await server.outpost
      .db('core_sessions')
      .where({ user_id: user.id })
      .whereNull('ended_at')
      .count({ n: '*' });
    expect(Number(n)).to.equal(0);
  });

  it('refuses cookie requests from other sites: a foreign Origin, or no Origin and no X-Outpost-CSRF', async () => {
    const user = await server.createUser('csrf@example.test');
    const browser = server.browser();
    await browser.signIn(user.email, user.password);
    const body = { name: 'Mallory' };
    const foreign = await browser.request('PATCH', '/api/v1/account', { body, origin: 'https://evil.example' });
    expect(foreign.status).to.equal(403);
    expect(foreign.body.type).to.equal(problem('csrf-rejected'));
    expect((await browser.request('PATCH', '/api/v1/account', { body, origin: null })).status).to.equal(403);
    const withHeader = await browser.request('PATCH', '/api/v1/account', {
      body: { name: 'Ann' },
      origin: null,
      headers: { 'x-outpost-csrf': '1' },
    });
    expect(withHeader.status).to.equal(200);
    expect(withHeader.body.name).to.equal('Ann');
    const forgedSignIn = await server.browser().request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: user.password },
      origin: 'https://evil.example',
    });
    expect(forgedSignIn.status).to.equal(403);
    // A local instance is one site under each loopback name: localhost works as well as 127.0.0.1.
    const port = new URL(server.url).port;
    const viaLocalhost = await new Browser(`http://localhost:${port}`).request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(viaLocalhost.status).to.equal(200);
    const otherPort = await server.browser().request('POST', '/api/v1/auth/login', {
      body: { email: user.email, password: user.password },
      origin: 'http://localhost:1',
    });
    expect(otherPort.status).to.equal(403);
  });
});
