import { expect } from 'chai';
import { WebSocket } from 'ws';
import { notesPlugin } from '../fixtures/plugins/notes.js';
import { type IdentityServer, startIdentityServer } from '../helpers/identity.js';

/** Opens the event stream; resolves with the first message or rejects with the HTTP status of a refusal. */
function firstMessage(url: string, headers: Record<string, string>): Promise<{ socket: WebSocket; message: any }> {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/api/v1/stream`, { headers });
  return new Promise((resolve, reject) => {
    socket.once('message', (data) => resolve({ socket, message: JSON.parse(data.toString()) }));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

describe('event stream with real credentials', () => {
  let server: IdentityServer;
  before(async () => {
    server = await startIdentityServer({ plugins: [notesPlugin] });
  });
  after(() => server.stop());

  it('opens for a session from the Outpost origin and delivers the tenant’s events; refuses other origins and revoked keys', async () => {
    const user = await server.createUser('stream@example.test', 'member');
    const browser = await server.signedIn(user);
    const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const { socket, message } = await firstMessage(server.url, { cookie, origin: server.url });
    expect(message).to.deep.equal({ type: 'ready' });
    socket.send(JSON.stringify({ type: 'subscribe', topics: ['notes.*'] }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const received = new Promise<any>((resolve) => socket.on('message', (data) => resolve(JSON.parse(data.toString()))));
    const writer = await server.signedIn(await server.createUser('stream-writer@example.test', 'admin'));
    await writer.request('POST', '/api/v1/notes/notes', { body: { title: 'live' } });
    expect((await received).event).to.deep.include({ topic: 'notes.note.created', tenantId: server.rootTenantId });
    socket.close();

    await firstMessage(server.url, { cookie, origin: 'https://evil.example' }).then(
      () => expect.fail('opened from another origin'),
      (error: Error) => expect(error.message).to.equal('HTTP 403'),
    );
    const key = (await writer.request('POST', '/api/v1/api-keys', { body: { name: 'stream', scopes: ['*'] } })).body;
    const viaKey = await firstMessage(server.url, { authorization: `Bearer ${key.key}` });
    expect(viaKey.message).to.deep.equal({ type: 'ready' });
    viaKey.socket.close();
    await writer.request('DELETE', `/api/v1/api-keys/${key.id}`);
    await firstMessage(server.url, { authorization: `Bearer ${key.key}` }).then(
      () => expect.fail('opened with a revoked key'),
      (error: Error) => expect(error.message).to.equal('HTTP 401'),
    );
  });
});
