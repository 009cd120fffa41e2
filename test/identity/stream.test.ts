import { expect } from 'chai';
import { WebSocket } from 'ws';
import { Type } from '@sinclair/typebox';
import { type Outpost, createServiceRef, definePlugin, defineRoute, defineService } from '@outpost/core';
import { startSecondInstance, testDatabaseKind } from '@outpost/core/testing';
import { notesPlugin } from '../fixtures/plugins/notes.js';
import { type Browser, type IdentityServer, startIdentityServer } from '../helpers/identity.js';

/** Opens the event stream; resolves with the first message or rejects with the HTTP status of a refusal. */
function firstMessage(url: string, headers: Record<string, string>): Promise<{ socket: WebSocket; message: any }> {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/api/v1/stream`, { headers });
  return new Promise((resolve, reject) => {
    socket.once('message', (data) => resolve({ socket, message: JSON.parse(data.toString()) }));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

/**
 * A marker topic that needs `beacons.beacon.view`, which every role in these tests keeps: once its
 * event arrives, every event published before it has been delivered or withheld.
 */
const beaconsRef = createServiceRef<{ send(tenantId: string): Promise<void> }>('beacons.service');
const beaconsPlugin = definePlugin({
  id: 'beacons',
  permissions: [
    { id: 'beacons.beacon.send', description: 'Send a marker event', roles: ['admin'] },
    { id: 'beacons.beacon.view', description: 'Receive the marker event', roles: ['admin', 'member', 'viewer'] },
  ],
  services: [
    defineService({
      ref: beaconsRef,
      create: ({ events }) => ({
        send: async (tenantId) => void (await events.publish('beacons.beacon.sent', {}, { tenantId })),
      }),
    }),
  ],
  events: {
    'beacons.beacon.sent': {
      schema: Type.Object({}, { additionalProperties: false }),
      permission: 'beacons.beacon.view',
    },
  },
  routes: [
    defineRoute({
      method: 'post',
      path: '/beacons',
      summary: 'Publish a marker event',
      permission: 'beacons.beacon.send',
      status: 204,
      handler: ({ scope }) => scope.get(beaconsRef).send(scope.tenant.tenantId),
    }),
  ],
});

interface Watcher {
  socket: WebSocket;
  /** Topics of the events received. */
  topics: string[];
  /** Resolves with the close code, or with 'open' once the marker event arrived on a socket that stayed open. */
  outcome(): Promise<number | 'open'>;
}

/** Opens a stream with these credentials and subscribes to `topics`. */
async function watch(url: string, headers: Record<string, string>, topics = ['notes.*', 'beacons.*']) {
  const { socket, message } = await firstMessage(url, headers);
  expect(message).to.deep.equal({ type: 'ready' });
  const received: string[] = [];
  const outcome = new Promise<number | 'open'>((resolve) => {
    socket.on('close', (code) => resolve(code));
    socket.on('message', (data) => {
      const parsed = JSON.parse(data.toString());
      if (parsed.type !== 'event') return;
      received.push(parsed.event.topic);
      if (parsed.event.topic === 'beacons.beacon.sent') resolve('open');
    });
  });
  const subscribed = new Promise((resolve) => socket.once('message', resolve));
  socket.send(JSON.stringify({ type: 'subscribe', topics }));
  await subscribed;
  const watcher: Watcher = { socket, topics: received, outcome: () => outcome };
  return watcher;
}

const cookieHeader = (browser: Browser, origin: string) => ({
  cookie: [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
  origin,
});
/** The id of the session a browser holds. */
const sessionIdOf = async (browser: Browser): Promise<string> =>
  (await browser.request('GET', '/api/v1/account/sessions')).body.items.find((s: { current: boolean }) => s.current).id;
const accessEnded = 4401;

describe('event stream with real credentials', () => {
  let server: IdentityServer;
  let owner: Browser;
  before(async () => {
    const config = { auth: { sessions: { maxConcurrent: 2 } } };
    server = await startIdentityServer({ plugins: [notesPlugin, beaconsPlugin], config });
    owner = await server.signedIn(await server.createUser('stream-owner@example.test', 'owner'));
  });
  after(() => server.stop());

  /** After an access change: a note (needs notes.note.read), then the marker. */
  const publishNoteThenMarker = async () => {
    const note = await owner.request('POST', '/api/v1/notes/notes', { body: { title: 'after the change' } });
    expect(note.status).to.equal(201);
    expect((await owner.request('POST', '/api/v1/beacons/beacons')).status).to.equal(204);
  };
  /** The change must close the socket before the note could reach it. */
  const expectClosed = async (watcher: Watcher) => {
    await publishNoteThenMarker();
    expect(await watcher.outcome()).to.equal(accessEnded);
    expect(watcher.topics).to.deep.equal([]);
  };
  const sessionOf = (browser: Browser) => watch(server.url, cookieHeader(browser, server.url));
  const memberBrowser = async (email: string, role = 'member') => {
    const user = await server.createUser(email, role);
    return { user, browser: await server.signedIn(user) };
  };

  it('opens for a session of the Outpost origin with its tenant’s events; refuses others, revoked keys', async () => {
    const { browser } = await memberBrowser('stream@example.test');
    const watcher = await sessionOf(browser);
    await publishNoteThenMarker();
    expect(await watcher.outcome()).to.equal('open');
    expect(watcher.topics).to.deep.equal(['notes.note.created', 'beacons.beacon.sent']);
    watcher.socket.close();

    await firstMessage(server.url, cookieHeader(browser, 'https://evil.example')).then(
      () => expect.fail('opened from another origin'),
      (error: Error) => expect(error.message).to.equal('HTTP 403'),
    );
    const key = (await owner.request('POST', '/api/v1/api-keys', { body: { name: 'stream', scopes: ['*'] } })).body;
    await owner.request('DELETE', `/api/v1/api-keys/${key.id}`);
    await firstMessage(server.url, { authorization: `Bearer ${key.key}` }).then(
      () => expect.fail('opened with a revoked key'),
      (error: Error) => expect(error.message).to.equal('HTTP 401'),
    );
  });

  it('closes the stream of a session that signs out', async () => {
    const { browser } = await memberBrowser('stream-sign-out@example.test');
    const watcher = await sessionOf(browser);
    expect((await browser.request('POST', '/api/v1/auth/logout')).status).to.equal(204);
    await expectClosed(watcher);
  });

  it('closes the stream of a session ended from the sessions list, or to make room at the session limit', async () => {
    const { user, browser } = await memberBrowser('stream-ended@example.test');
    const watcher = await sessionOf(browser);
    const other = await server.signedIn(user);
    const firstId = await sessionIdOf(browser);
    expect((await other.request('DELETE', `/api/v1/account/sessions/${firstId}`)).status).to.equal(204);
    await expectClosed(watcher);

    // Two sessions are the limit here: signing in a third time ends the one whose stream is open.
    const second = await sessionOf(other);
    const secondId = await sessionIdOf(other);
    await server.signedIn(user);
    const limited = await server.browser().signIn(user.email, user.password);
    expect(limited.status).to.equal(409);
    const body = { ticket: limited.body.ticket, endSession: secondId };
    const continued = await server.browser().request('POST', '/api/v1/auth/login', { body });
    expect(continued.status).to.equal(200);
    await expectClosed(second);
  });

  it('closes the other sessions’ streams on a password change and every stream on account deletion', async () => {
    const { user, browser } = await memberBrowser('stream-password@example.test');
    const elsewhere = await sessionOf(browser);
    const here = await server.signedIn(user);
    const own = await sessionOf(here);
    const body = { current: user.password, new: 'a changed passphrase' };
    const changed = await here.request('POST', '/api/v1/account/password', { body });
    expect(changed.status).to.equal(204);
    await expectClosed(elsewhere);
    expect(await own.outcome()).to.equal('open');

    const afterDeletion = new Promise((resolve) => own.socket.once('close', resolve));
    const deleted = await here.request('DELETE', '/api/v1/account', { body: { password: 'a changed passphrase' } });
    expect(deleted.status).to.equal(204);
    await publishNoteThenMarker();
    expect(await afterDeletion).to.equal(accessEnded);
    expect(own.topics).to.deep.equal(['notes.note.created', 'beacons.beacon.sent']);
  });

  it('closes the streams of a member removed from the team, by session and by API key', async () => {
    const { user, browser } = await memberBrowser('stream-removed@example.test');
    const bySession = await sessionOf(browser);
    const created = await browser.request('POST', '/api/v1/api-keys', { body: { name: 'watcher', scopes: ['*'] } });
    const { key } = created.body;
    const byKey = await watch(server.url, { authorization: `Bearer ${key}` });
    expect((await owner.request('DELETE', `/api/v1/team/${user.id}`)).status).to.equal(204);
    await expectClosed(bySession);
    expect(await byKey.outcome()).to.equal(accessEnded);
    expect(byKey.topics).to.deep.equal([]);
  });

  it('closes the stream of a revoked API key', async () => {
    const key = (await owner.request('POST', '/api/v1/api-keys', { body: { name: 'watched', scopes: ['*'] } })).body;
    const watcher = await watch(server.url, { authorization: `Bearer ${key.key}` });
    expect((await owner.request('DELETE', `/api/v1/api-keys/${key.id}`)).status).to.equal(204);
    await expectClosed(watcher);
  });

  it('stops a topic’s events at once when a role change or a custom role edit takes its permission away', async () => {
    const createRole = async (name: string, permissions: string[]) =>
      (await owner.request('POST', '/api/v1/roles', { body: { name, permissions } })).body as { id: string };
    const watcherRole = await createRole('Beacon watcher', ['beacons.beacon.view']);
    const readerRole = await createRole('Note reader', ['beacons.beacon.view', 'notes.note.read']);

    const { user, browser } = await memberBrowser('stream-demoted@example.test');
    // Subscribed to everything: the internal access-change events are never among what arrives.
    const demoted = await watch(server.url, cookieHeader(browser, server.url), ['*']);
    const changed = await owner.request('PATCH', `/api/v1/team/${user.id}`, { body: { role: watcherRole.id } });
    expect(changed.status).to.equal(200);
    await publishNoteThenMarker();
    expect(await demoted.outcome()).to.equal('open');
    expect(demoted.topics).to.deep.equal(['beacons.beacon.sent']);

    const reader = await memberBrowser('stream-reader@example.test', readerRole.id);
    const edited = await watch(server.url, cookieHeader(reader.browser, server.url), ['*']);
    const body = { permissions: ['beacons.beacon.view'] };
    const edit = await owner.request('PATCH', `/api/v1/roles/${readerRole.id}`, { body });
    expect(edit.status).to.equal(200);
    await publishNoteThenMarker();
    expect(await edited.outcome()).to.equal('open');
    expect(edited.topics).to.deep.equal(['beacons.beacon.sent']);
    demoted.socket.close();
    edited.socket.close();
  });

  it('holds an event published right behind an access change until the change is checked', async () => {
    const { user, browser } = await memberBrowser('stream-race@example.test');
    const watcher = await sessionOf(browser);
    const sessionId = await sessionIdOf(browser);
    await server.outpost.db('core_sessions').where({ id: sessionId }).update({ ended_at: new Date().toISOString() });
    // Published in the same tick, so the note reaches the stream while the check is still under way.
    const { events } = server.outpost;
    const announced = events.publish('core.access.changed', { reason: 'test', userId: user.id });
    const note = { id: '00000000-0000-4000-8000-000000000000', title: 'right behind' };
    await events.publish('notes.note.created', note, { tenantId: server.rootTenantId });
    await announced;
    await expectClosed(watcher);
  });

  it('checks access again without counting it as a use: a key’s requests and a session’s last-seen stay', async () => {
    const { user, browser } = await memberBrowser('stream-not-a-use@example.test');
    const created = await browser.request('POST', '/api/v1/api-keys', { body: { name: 'quiet', scopes: ['*'] } });
    const byKey = await watch(server.url, { authorization: `Bearer ${created.body.key}` });
    const bySession = await sessionOf(browser);
    const sessionId = await sessionIdOf(browser);
    const lastSeen = new Date(Date.now() - 5 * 60_000).toISOString();
    await server.outpost.db('core_sessions').where({ id: sessionId }).update({ last_seen_at: lastSeen });
    // The same role again: an access change that names the user and leaves both streams valid.
    const sameRole = await owner.request('PATCH', `/api/v1/team/${user.id}`, { body: { role: 'member' } });
    expect(sameRole.status).to.equal(200);
    await publishNoteThenMarker();
    expect([await byKey.outcome(), await bySession.outcome()]).to.deep.equal(['open', 'open']);

    const session = await server.outpost.db('core_sessions').where({ id: sessionId }).first('last_seen_at');
    expect(new Date(session.last_seen_at).toISOString()).to.equal(lastSeen);
    const listed = await browser.request('GET', '/api/v1/api-keys');
    const key = (listed.body.items as Array<{ id: string; requests30d: number }>).find((k) => k.id === created.body.id);
    expect(key!.requests30d, 'the connect only').to.equal(1);
    byKey.socket.close();
    bySession.socket.close();
  });

  // Several instances share one database only on PostgreSQL (DESIGN 6).
  if (testDatabaseKind() === 'pg') {
    describe('on two instances', function () {
      this.timeout(30_000);
      let other: Outpost;
      let otherUrl: string;
      before(async () => {
        ({ outpost: other, url: otherUrl } = await startSecondInstance(server, [notesPlugin, beaconsPlugin], {
          notes: { enabled: true },
          beacons: { enabled: true },
        }));
      });
      after(() => other?.stop());

      it('a change on one instance closes the stream held by the other before its next event', async () => {
        const { user, browser } = await memberBrowser('stream-two-instances@example.test');
        const onOther = await watch(otherUrl, cookieHeader(browser, otherUrl));
        const stays = await watch(otherUrl, cookieHeader(owner, otherUrl));
        expect((await owner.request('DELETE', `/api/v1/team/${user.id}`)).status).to.equal(204);
        await expectClosed(onOther);
        expect(await stays.outcome()).to.equal('open');
        expect(stays.topics).to.deep.equal(['notes.note.created', 'beacons.beacon.sent']);
        stays.socket.close();
      });
    });
  }
});

describe('event stream checks at every heartbeat', () => {
  let server: IdentityServer;
  before(async () => {
    // Long enough for every client to answer a ping in time on a busy machine, so nothing else closes it.
    server = await startIdentityServer({ plugins: [notesPlugin, beaconsPlugin], streamHeartbeatMs: 1000 });
  });
  after(() => server.stop());

  it('closes what no event announces: an expired key, a session ended by another process (CLI on SQLite)', async () => {
    const user = await server.createUser('heartbeat@example.test', 'member');
    const browser = await server.signedIn(user);
    const created = await browser.request('POST', '/api/v1/api-keys', { body: { name: 'expiring', scopes: ['*'] } });
    const byKey = await watch(server.url, { authorization: `Bearer ${created.body.key}` });
    const bySession = await watch(server.url, cookieHeader(browser, server.url));
    const { db } = server.outpost;
    const past = new Date(Date.now() - 1000).toISOString();
    await db('core_api_keys').where({ id: created.body.id }).update({ expires_at: past });
    expect(await byKey.outcome()).to.equal(accessEnded);
    await db('core_sessions').where({ user_id: user.id }).update({ ended_at: past });
    expect(await bySession.outcome()).to.equal(accessEnded);
  });
});
