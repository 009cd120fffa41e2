import { expect } from 'chai';
import { WebSocket } from 'ws';
import { type TestPrincipal, type TestServer, startTestServer } from '@outpost/core/testing';
import { notesPlugin } from '../fixtures/plugins/notes.js';

interface StreamClient {
  socket: WebSocket;
  messages: any[];
  next(match: (message: any) => boolean, timeoutMs?: number): Promise<any>;
}

function openStream(
  server: TestServer,
  principal?: TestPrincipal,
  headers: Record<string, string> = {},
): Promise<StreamClient> {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/stream`, {
    headers: { ...headers, ...(principal ? { 'x-test-principal': JSON.stringify(principal) } : {}) },
  });
  const messages: any[] = [];
  const waiters: Array<{ match: (m: any) => boolean; resolve: (m: any) => void }> = [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.match(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  const next = (match: (m: any) => boolean, timeoutMs = 2000) =>
    new Promise<any>((resolve, reject) => {
      const found = messages.find(match);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error('no such message')), timeoutMs);
      waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, messages, next }));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

describe('event stream (/api/v1/stream)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ plugins: [notesPlugin] });
  });
  after(() => server.stop());

  const writer = { tenantId: 'tenant-a', permissions: ['notes.note.read', 'notes.note.write'] };

  it('refuses a connection without credentials, or cross-site with a session', async () => {
    let error = '';
    await openStream(server).catch((e: Error) => (error = e.message));
    expect(error).to.equal('HTTP 401');
    await openStream(server, { ...writer, via: 'session' }, { origin: 'https://evil.example' }).catch(
      (e: Error) => (error = e.message),
    );
    expect(error).to.equal('HTTP 403');
  });

  it("delivers subscribed events of the caller's tenant, with the topic's permission only", async () => {
    const sameTenant = await openStream(server, writer);
    const otherTenant = await openStream(server, { ...writer, tenantId: 'tenant-b' });
    const noPermission = await openStream(server, { tenantId: 'tenant-a', permissions: [] });
    const notSubscribed = await openStream(server, writer);
    for (const client of [sameTenant, otherTenant, noPermission]) {
      client.socket.send(JSON.stringify({ type: 'subscribe', topics: ['notes.*'] }));
      await client.next((m) => m.type === 'subscribed');
    }
    const created = await server.request('POST', '/api/v1/notes/notes', { principal: writer, body: { title: 'Live' } });
    const message = await sameTenant.next((m) => m.type === 'event');
    expect(message.event).to.include({ topic: 'notes.note.created', tenantId: 'tenant-a' });
    expect(message.event.payload).to.deep.equal({ id: created.body.id, title: 'Live' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const client of [otherTenant, noPermission, notSubscribed]) {
      expect(client.messages.filter((m) => m.type === 'event')).to.deep.equal([]);
    }
    for (const client of [sameTenant, otherTenant, noPermission, notSubscribed]) client.socket.close();
  });

  it('answers bad client messages with an error and keeps the connection', async () => {
    const client = await openStream(server, writer);
    client.socket.send('not json');
    expect((await client.next((m) => m.type === 'error')).message).to.equal('Messages must be JSON.');
    client.socket.send(JSON.stringify({ type: 'subscribe', topics: 'notes.note.created' }));
    expect((await client.next((m) => m.type === 'error' && m.message.startsWith('topics'))).message).to.equal(
      'topics must be a list of topic patterns of 1 to 200 characters.',
    );
    client.socket.send(JSON.stringify({ type: 'subscribe', topics: ['notes.note.created'] }));
    expect((await client.next((m) => m.type === 'subscribed')).topics).to.deep.equal(['notes.note.created']);
    const many = Array.from({ length: 100 }, (_, i) => `notes.topic${i}`);
    client.socket.send(JSON.stringify({ type: 'subscribe', topics: many }));
    expect((await client.next((m) => m.type === 'error' && m.message.startsWith('A stream'))).message).to.equal(
      'A stream may subscribe to at most 100 topic patterns; unsubscribe from some first.',
    );
    client.socket.send(JSON.stringify({ type: 'subscribe', topics: many.slice(0, 99) }));
    expect((await client.next((m) => m.type === 'subscribed' && m.topics.length > 1)).topics).to.have.length(100);
    client.socket.close();
  });
});
