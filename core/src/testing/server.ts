import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Koa from 'koa';
import { mergeConfig } from '../config/files.js';
import type { Authenticator, Principal } from '../identity/principal.js';
import type { PluginDefinition } from '../plugins/types.js';
import { type Outpost, type OutpostOptions, createOutpost } from '../runtime.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestServerOptions {
  /** Installed plugins; all of them are enabled unless `config.plugins` says otherwise. */
  plugins?: PluginDefinition[];
  /** Config merged over the test defaults. */
  config?: Record<string, unknown>;
  authenticators?: Authenticator[];
  streamAccess?: OutpostOptions['streamAccess'];
  streamHeartbeatMs?: OutpostOptions['streamHeartbeatMs'];
  captchaText?: OutpostOptions['captchaText'];
  logDestination?: OutpostOptions['logDestination'];
}

export interface TestServer {
  url: string;
  outpost: Outpost;
  database: TestDatabase;
  /** fetch against the server; `principal` signs the request in as that principal. */
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  stop(): Promise<void>;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  principal?: TestPrincipal;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is JSON, else the text. */
  body: any;
}

/** The wire form of a test principal (`x-test-principal` header). */
export interface TestPrincipal {
  id?: string;
  tenantId?: string | null;
  permissions?: string[];
  via?: Principal['via'];
  readOnly?: boolean;
}

/**
 * Signs requests in from an `x-test-principal` JSON header. Only the test servers
 * install it, after the real session cookie and API keys, for plugin tests that are
 * not about who the caller is.
 */
export const testPrincipalAuthenticator: Authenticator = {
  name: 'test-principal',
  async authenticate(ctx: Koa.Context) {
    const header = ctx.get('x-test-principal');
    if (!header) return undefined;
    const given = JSON.parse(header) as TestPrincipal;
    return {
      kind: 'user',
      id: given.id ?? 'test-user',
      tenantId: given.tenantId === undefined ? 'test-tenant' : given.tenantId,
      permissions: new Set(given.permissions ?? []),
      via: given.via ?? 'bearer',
      readOnly: given.readOnly,
    };
  },
};

/** Boots the real core on a fresh database (SQLite or PostgreSQL, per the run) and a free port. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-data-'));
  const port = await freePort();
  const plugins = options.plugins ?? [];
  const defaults = {
    app: { baseUrl: `http://127.0.0.1:${port}`, listen: { host: '127.0.0.1', port }, dataDir },
    log: { level: process.env.OUTPOST_TEST_LOG ?? 'silent' },
    database: database.config,
    jobs: { pollIntervalMs: 50 },
    plugins: Object.fromEntries(plugins.map((p) => [p.id, { enabled: true }])),
  };
  let outpost: Outpost;
  try {
    outpost = await createOutpost({
      configFiles: [],
      overrides: mergeConfig(defaults, options.config ?? {}),
      plugins,
      authenticators: options.authenticators ?? [testPrincipalAuthenticator],
      streamAccess: options.streamAccess,
      streamHeartbeatMs: options.streamHeartbeatMs,
      captchaText: options.captchaText,
      logDestination: options.logDestination,
    });
    await outpost.start();
  } catch (error) {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    outpost,
    database,
    request: (method, path, requestOptions) => request(url, method, path, requestOptions),
    async stop() {
      await outpost.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function request(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<TestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  if (options.principal) headers['x-test-principal'] = JSON.stringify(options.principal);
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    headers: response.headers,
    body: /json/.test(type) && text ? JSON.parse(text) : text,
  };
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Another instance of the same deployment as `server` (PostgreSQL only): the same database
 * and data folder, its own port, logs off. Answers it started and its loopback URL.
 */
export async function startSecondInstance(
  server: Pick<TestServer, 'outpost' | 'database'>,
  plugins: PluginDefinition[],
  pluginConfig: Record<string, unknown>,
): Promise<{ outpost: Outpost; url: string }> {
  const port = await freePort();
  const outpost = await createOutpost({
    configFiles: [],
    plugins,
    overrides: {
      app: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { host: '127.0.0.1', port },
        dataDir: server.outpost.config.app.dataDir,
      },
      log: { level: 'silent' },
      database: server.database.config,
      plugins: pluginConfig,
    },
  });
  const { url } = await outpost.start();
  return { outpost, url: url.replace('localhost', '127.0.0.1') };
}
