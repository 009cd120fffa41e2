import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { type Machine, simulatedMachine } from '@outpost/agent';
import { expect } from 'chai';
import { collectPages, encodeCursor, pageLimit, problemType, unboundedParts } from '@outpost/core';
import { type TestResponse, until } from '@outpost/core/testing';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { ticketsPlugin } from '@outpost/plugin-tickets';
import { type DevicesServer, startDevicesServer } from '../helpers/devices.js';
import { type IdentityServer, startIdentityServer } from '../helpers/identity.js';
import { sampleOf } from '../isolation/sample.js';

type Schema = Record<string, any>;

/** Text that is not a finite number in a parameter's range, as a query string would carry it. */
function notNumbers(schema: Schema): Array<string | string[]> {
  return [
    ...['1e999', 'Infinity', '-Infinity', 'NaN', '-0', '1.5', ' 5', '5 ', '0x10', '0b1', '1e2', '', 'ten'],
    ...['99999999999999999999', String(schema.maximum + 1), String(schema.minimum - 1)],
    ['1', '2'],
  ];
}

const garbageCursors = [
  ...['garbage', '%%%', '!!', Buffer.from('{"p":').toString('base64url')],
  ...[{}, [1, 2], -5, 'x', null].map(encodeCursor),
];

function isNumeric(schema: Schema): boolean {
  return ['integer', 'number'].includes(schema.type) || (schema.anyOf ?? []).some(isNumeric);
}

function pointersOf(answer: TestResponse): string[] {
  return (answer.body?.errors ?? []).map((e: { pointer: string }) => e.pointer);
}

/** Log lines at error level or above (pino: 50). */
function errorLines(logs: string[]): string[] {
  return logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
}

/** Sends raw bytes (fetch refuses methods such as TRACE) and reads the answer until the server closes. */
function rawRequest(url: string, text: string): Promise<{ status: number; headers: Map<string, string>; body: any }> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = new Map(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: body ? JSON.parse(body) : undefined });
    });
  });
}

describe('input on every mounted route', function () {
  this.timeout(300_000);
  let server: DevicesServer;
  let deviceId: string;
  let contactId: string;
  const rows = async (table: string) => Number((await server.outpost.db(table).count({ n: '*' }))[0]!.n);

  before(async () => {
    server = await startDevicesServer({ plugins: [contactsPlugin, ticketsPlugin] });
    // Two of everything, so that every list has a second page.
    deviceId = (await server.enrollSimulated(1)).deviceId;
    await server.enrollSimulated(2);
    contactId = (await server.admin.request('POST', '/api/v1/contacts', { body: { name: 'Input Contact' } })).body.id;
    expect(
      (await server.admin.request('POST', '/api/v1/contacts', { body: { name: 'Other Contact' } })).status,
    ).to.equal(201);
    for (const subject of ['First input ticket', 'Second input ticket']) {
      expect((await server.admin.request('POST', '/api/v1/tickets', { body: { subject, contactId } })).status).to.equal(
        201,
      );
    }
  });
  after(() => server?.stop());

  it('refuses every numeric parameter that is not a finite number in its range, and every malformed cursor, on every list', async () => {
    const concrete = new Map([
      ['/api/v1/devices/:id/sessions', `/api/v1/devices/${deviceId}/sessions`],
      ['/api/v1/contacts/:id/connections', `/api/v1/contacts/${contactId}/connections`],
    ]);
    const failures: string[] = [];
    const covered: string[] = [];
    let calls = 0;
    const get = (path: string) => {
      calls += 1;
      return server.admin.request('GET', path);
    };
    const expectRefused = async (path: string, pointer: string, type?: string) => {
      const answer = await get(path);
      const problem = answer.headers.get('content-type') === 'application/problem+json';
      if (
        answer.status !== 400 ||
        !problem ||
        !pointersOf(answer).includes(pointer) ||
        (type && answer.body.type !== type)
      ) {
        failures.push(
          `GET ${path}: answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 120)}, expected 400 at ${pointer}`,
        );
      }
    };

    for (const { route, fullPath } of server.outpost.routes) {
      const numeric = (['params', 'query'] as const).flatMap((part) =>
        Object.entries((route.schema?.[part]?.properties ?? {}) as Record<string, Schema>)
          .filter(([, schema]) => isNumeric(schema))
          .map(([name, schema]) => ({ part, name, schema })),
      );
      const hasCursor = Boolean(route.schema?.query?.properties?.cursor);
      if (numeric.length === 0 && !hasCursor) continue;
      covered.push(`${route.method.toUpperCase()} ${fullPath}`);
      expect(route.method, `${fullPath} takes numbers or a cursor`).to.equal('get');
      // Without a known id, a valid request may find nothing; it still must not be refused.
      const valid = concrete.has(fullPath) || !fullPath.includes(':') ? [200] : [200, 404];
      const required = Object.entries((sampleOf(route.schema?.query) ?? {}) as Record<string, unknown>);
      const url = (query: Record<string, string | string[]>, params: Record<string, string> = {}) => {
        const path = concrete.get(fullPath) && !Object.keys(params).length ? concrete.get(fullPath)! : fullPath;
        const search = new URLSearchParams(required.map(([k, v]) => [k, String(v)] as [string, string]));
        for (const [name, value] of Object.entries(query)) {
          search.delete(name);
          for (const one of [value].flat()) search.append(name, one);
        }
        const filled = path.replace(/:(\w+)/g, (_, name: string) =>
          name in params ? encodeURIComponent(params[name]!) : randomUUID(),
        );
        return `${filled}${search.size ? `?${search}` : ''}`;
      };

      for (const { part, name, schema } of numeric) {
        const at = (value: string | string[]) =>
          part === 'query' ? url({ [name]: value }) : url({}, { [name]: String(value) });
        for (const value of notNumbers(schema)) await expectRefused(at(value), `/${part}/${name}`);
        for (const value of [schema.minimum, schema.maximum, schema.default].filter((v) => v !== undefined)) {
          const answer = await get(at(String(value)));
          if (!valid.includes(answer.status)) failures.push(`GET ${at(String(value))}: answered ${answer.status}`);
          if (name === 'limit' && answer.status === 200 && answer.body.items.length > value) {
            failures.push(`GET ${at(String(value))}: answered ${answer.body.items.length} items`);
          }
        }
      }

      if (hasCursor) {
        for (const cursor of garbageCursors)
          await expectRefused(url({ cursor }), '/query/cursor', problemType('invalid-cursor'));
        // A cursor the list handed out leads to the next page.
        const first = await get(url({ limit: '1' }));
        const next = first.body.nextCursor ? await get(url({ limit: '1', cursor: first.body.nextCursor })) : first;
        if (
          first.status !== 200 ||
          next === first ||
          next.status !== 200 ||
          next.body.items[0]?.id === first.body.items[0].id
        ) {
          failures.push(`GET ${url({ limit: '1' })} and its next page: answered ${first.status}, ${next.status}`);
        }
      }
    }

    console.log(`      ${covered.length} routes with numbers or a cursor, ${calls} calls, ${failures.length} failures`);
    expect(failures, failures.join('\n')).to.deep.equal([]);
    expect(covered).to.include.members([
      'GET /api/v1/devices',
      'GET /api/v1/contacts',
      'GET /api/v1/tickets',
      'GET /api/v1/audit',
    ]);
  });

  it('gives every route that takes a body a closed, bounded schema, and refuses a body on every other route', async () => {
    const failures: string[] = [];
    let refused = 0;
    // A session of its own: were the body not refused, POST /auth/logout would end it.
    const caller = await server.signedIn(server.owner);
    for (const { route, fullPath } of server.outpost.routes) {
      const method = route.method.toUpperCase();
      for (const part of ['params', 'query', 'body'] as const) {
        for (const problem of unboundedParts(route.schema?.[part], part))
          failures.push(`${method} ${fullPath}: ${problem}`);
      }
      if (route.schema?.body || method === 'GET') continue;
      // Well-formed params, so only the body can be refused; nothing behind it runs.
      const answer = await caller.request(
        method,
        fullPath.replace(/:(\w+)/g, () => randomUUID()),
        { body: { ignored: true } },
      );
      refused += 1;
      if (
        answer.status !== 400 ||
        answer.body?.detail !== 'This route takes no body.' ||
        pointersOf(answer)[0] !== '/body'
      ) {
        failures.push(
          `${method} ${fullPath} with a body: answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 120)}`,
        );
      }
    }
    console.log(`      ${server.outpost.routes.length} routes, ${refused} without a body schema`);
    expect(failures, failures.join('\n')).to.deep.equal([]);
    expect(refused).to.be.greaterThan(10);
    expect((await caller.request('GET', '/api/v1/account')).status).to.equal(200);
    // A body sent in chunks, without a declared length, is refused as well; no body at all is fine.
    const chunked = await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: {
        origin: server.url,
        cookie: [...caller.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': 'application/json',
      },
      body: new ReadableStream({ start: (stream) => (stream.enqueue(new TextEncoder().encode('{}')), stream.close()) }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).to.equal(400);
    expect((await caller.request('PUT', `/api/v1/devices/${deviceId}/favorite`)).status).to.equal(204);
  });

  it('refuses query parameters named like object internals (__proto__, constructor) as unknown', async () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const answer = await server.admin.request('GET', `/api/v1/contacts?${name}=1`);
      expect([answer.status, pointersOf(answer)], name).to.deep.equal([400, [`/query/${name}`]]);
    }
  });

  it('refuses text with NUL characters in the body, the query and the path, and writes nothing', async () => {
    const before = [await rows('contacts_contacts'), await rows('tickets_tickets')];
    const nul = { detail: 'must not contain NUL characters' };
    const contact = await server.admin.request('POST', '/api/v1/contacts', { body: { name: 'Null\u0000Byte' } });
    expect([contact.status, contact.body.errors]).to.deep.equal([400, [{ pointer: '/body/name', ...nul }]]);
    const ticket = await server.admin.request('POST', '/api/v1/tickets', {
      body: { subject: 'Subject\u0000', description: 'fine', contactId },
    });
    expect([ticket.status, ticket.body.errors]).to.deep.equal([400, [{ pointer: '/body/subject', ...nul }]]);
    const key = await server.admin.request('POST', '/api/v1/contacts', { body: { name: 'Fine', 'no\u0000tes': 'x' } });
    expect(key.status).to.equal(400);
    expect(pointersOf(key)).to.include('/body/no\u0000tes');
    const search = await server.admin.request('GET', '/api/v1/contacts?q=a%00b');
    expect([search.status, search.body.errors]).to.deep.equal([400, [{ pointer: '/query/q', ...nul }]]);
    const link = await server.admin.request('GET', '/api/v1/devices/by-link/a%00b');
    expect(link.status).to.equal(400);
    expect(pointersOf(link)).to.include('/params/permalink');
    expect([await rows('contacts_contacts'), await rows('tickets_tickets')]).to.deep.equal(before);
  });

  it('refuses JSON nested too deeply with a problem, unauthenticated too, without an error in the log', async () => {
    const before = server.logs.length;
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    for (const path of ['/agent/v1/enroll', '/api/v1/auth/login']) {
      const answer = await server.request('POST', path, { body: deep });
      expect([answer.status, answer.headers.get('content-type')], path).to.deep.equal([
        400,
        'application/problem+json',
      ]);
      expect(answer.body.errors[0].pointer, path).to.equal('/body');
      expect(answer.body.errors[0].detail, path).to.match(/nested too deeply/);
    }
    const contact = await server.admin.request('POST', '/api/v1/contacts', {
      body: `{"name": "Deep", "notes": ${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`,
    });
    expect([contact.status, pointersOf(contact)]).to.deep.equal([400, ['/body']]);
    const errors = errorLines(server.logs.slice(before));
    expect(errors, errors.join('\n')).to.deep.equal([]);
  });

  it('closes an agent connection whose system_info is nested too deeply, as a protocol violation', async () => {
    const before = server.logs.length;
    const state = await server.enrollSimulated(77);
    let deep: unknown = 'bottom';
    for (let level = 0; level < 3000; level += 1) deep = { a: deep };
    const machine = { ...simulatedMachine(77), systemInfo: async () => ({ nested: deep }) };
    await server.connect(state, machine as Machine);
    const closed = (line: string) => line.includes('agent connection closed') && line.includes('nested too deeply');
    await until(async () => server.logs.slice(before).find(closed), 15_000, 'the closed connection in the log');
    const errors = errorLines(server.logs.slice(before));
    expect(errors, errors.join('\n')).to.deep.equal([]);
  });

  it("answers methods no route takes with 405 or 501, and malformed or aborted requests as the client's doing, without an error in the log", async () => {
    const before = server.logs.length;
    const http = (line: string, headers = '') =>
      rawRequest(server.url, `${line}\r\nHost: x\r\nConnection: close\r\n${headers}\r\n`);
    const notImplemented = [501, problemType('not-implemented'), 'application/problem+json'];
    for (const method of ['TRACE', 'PROPFIND', 'MKCOL', 'LOCK', 'SEARCH']) {
      const known = await http(`${method} /api/v1/contacts HTTP/1.1`);
      expect([known.status, known.body.type, known.headers.get('content-type')], method).to.deep.equal(notImplemented);
      expect(known.headers.get('allow'), method).to.equal('HEAD, GET, POST');
      const unknown = await http(`${method} /api/v1/nothing-here HTTP/1.1`);
      expect([unknown.status, unknown.headers.get('allow') ?? ''], method).to.deep.equal([501, '']);
    }
    const wrong = await server.request('PUT', '/api/v1/contacts');
    expect([wrong.status, wrong.body.type, wrong.headers.get('allow')]).to.deep.equal([
      405,
      problemType('method-not-allowed'),
      'HEAD, GET, POST',
    ]);

    // What node's parser refuses never reaches a route, and still gets a problem.
    for (const line of [
      'get /api/v1/contacts HTTP/1.1',
      'BREW /api/v1/contacts HTTP/1.1',
      'CONNECT example.test:443 HTTP/1.1',
    ]) {
      const answer = await http(line);
      expect([answer.status, answer.body.type, answer.headers.get('content-type')], line).to.deep.equal(notImplemented);
    }
    const badHeader = await http('GET /api/v1/contacts HTTP/1.1', 'Bad Header Name: x\r\n');
    expect([badHeader.status, badHeader.body.type]).to.deep.equal([400, problemType('invalid-input')]);

    // Malformed requests that do reach the router.
    expect((await server.request('GET', '/api/v1/%E0%A4%A')).status).to.equal(404);
    expect((await server.admin.request('GET', '/api/v1/devices/%E0%A4%A')).status).to.equal(400);
    const badJson = await server.request('POST', '/api/v1/auth/login', { body: '{"email": ' });
    expect([badJson.status, badJson.body.detail]).to.deep.equal([400, 'The body is not valid JSON.']);

    // A client that goes away mid-body.
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    const head =
      'POST /api/v1/auth/password/forgot HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n';
    socket.write(`${head}{"email": "a`, () => socket.destroy());
    const aborted = (line: string) => line.includes('"path":"/api/v1/auth/password/forgot"');
    const logged = await until(
      async () => server.logs.slice(before).find(aborted),
      15_000,
      'the aborted request in the log',
    );
    expect(JSON.parse(logged)).to.include({ level: 30, status: 400 });

    const errors = errorLines(server.logs.slice(before));
    expect(errors, errors.join('\n')).to.deep.equal([]);
  });

  it('keeps the tokens of secret paths out of the access log also when no route answers the request', async () => {
    const { code } = await server.invite();
    const token = `Tok${randomUUID().replaceAll('-', '')}`;
    const before = server.logs.length;
    // Raw bytes (fetch refuses TRACE); some answers are the web app's HTML, so the answer is only drained.
    const http = (line: string) =>
      new Promise((resolve) => {
        const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () =>
          socket.write(`${line}\r\nHost: x\r\nConnection: close\r\n\r\n`),
        );
        socket.on('close', resolve).on('error', resolve).resume();
      });
    for (const method of ['OPTIONS', 'TRACE', 'PUT', 'DELETE']) await http(`${method} /portal/t/${token} HTTP/1.1`);
    await http(`GET /portal/t/${token}/x HTTP/1.1`);
    await http(`GET /Portal/T/${token}/replies/more HTTP/1.1`);
    await http(`OPTIONS /i/${code} HTTP/1.1`);
    await http(`PATCH /i/${code}/download/linux HTTP/1.1`);
    const lines = await until(
      async () => {
        const found = server.logs.slice(before).filter((line) => line.includes('"msg":"request"'));
        return found.length >= 8 ? found : undefined;
      },
      15_000,
      'the access-log lines',
    );
    const leaking = server.logs.slice(before).filter((line) => line.includes(token) || line.includes(code));
    expect(leaking, leaking.join('\n')).to.deep.equal([]);
    const paths = lines.map((line) => (JSON.parse(line) as { path: string }).path);
    expect(paths).to.include.members(['/portal/t/:token', '/portal/t/:token/x', '/i/:code']);
  });

  it("takes a download the client abandons midway as the client's doing, without an error in the log", async () => {
    const invite = await server.invite();
    const before = server.logs.length;
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    socket.write(`GET /i/${invite.code}/download/linux HTTP/1.1\r\nHost: x\r\n\r\n`);
    await new Promise((resolve) => socket.once('data', resolve));
    socket.destroy();
    const download = (line: string) => line.includes('"route":"/i/:code/download/:os"');
    await until(async () => server.logs.slice(before).find(download), 15_000, 'the download in the log');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const errors = errorLines(server.logs.slice(before));
    expect(errors, errors.join('\n')).to.deep.equal([]);
  });

  it('makes list services clamp the page size they are handed, whoever calls them', async () => {
    const sizes = [Infinity, Number.NaN, 1e9, 0, -3, 2.7, undefined].map((limit) => pageLimit(limit));
    expect(sizes).to.deep.equal([50, 50, 500, 1, 1, 2, 50]);
    const tenantId = server.rootTenantId;
    const entry = {
      tenant_id: tenantId,
      actor_kind: 'system',
      actor_label: 'input test',
      action: 'test.input',
      created_at: new Date().toISOString(),
    };
    for (let i = 0; i < 6; i += 1)
      await server.outpost.db('core_audit').insert(Array.from({ length: 100 }, () => entry));
    const audit = server.outpost.tenancy.auditQuery;
    expect((await audit.list(tenantId, {}, Infinity)).items).to.have.length(50);
    expect((await audit.list(tenantId, {}, 1e9)).items).to.have.length(500);

    const limits: number[] = [];
    const all = await collectPages(async (cursor, limit) => {
      limits.push(limit);
      return { items: [cursor ?? 'first'], nextCursor: cursor ? null : 'second' };
    });
    expect([all, limits]).to.deep.equal([
      ['first', 'second'],
      [500, 500],
    ]);
    let error: unknown;
    await collectPages(async () => ({ items: [], nextCursor: 'stuck' })).catch((e: unknown) => (error = e));
    expect(String(error)).to.include('same cursor twice');
  });
});

describe('a request body that arrives too slowly', function () {
  this.timeout(60_000);
  let server: IdentityServer;
  before(async () => (server = await startIdentityServer({ config: { app: { requestTimeoutSeconds: 1 } } })));
  after(() => server?.stop());

  it('gets 408 and the connection closed once app.requestTimeoutSeconds have passed, without an error in the log', async () => {
    const before = server.logs.length;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () =>
        socket.write(
          'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
        ),
      );
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('error', reject);
      socket.on('close', () => resolve(text));
    });
    expect(answer).to.match(/^HTTP\/1\.1 408 /);
    const errors = errorLines(server.logs.slice(before));
    expect(errors, errors.join('\n')).to.deep.equal([]);
  });
});
