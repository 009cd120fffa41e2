import { Writable } from 'node:stream';
import {
  type SmtpSink,
  type TestResponse,
  type TestServer,
  startSmtpSink,
  startTestServer,
  type TestServerOptions,
} from '@outpost/core/testing';

/** A browser stand-in: keeps cookies, sends the Outpost origin on unsafe requests and a user agent. */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    readonly userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  ) {}

  async request(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; origin?: string | null } = {},
  ): Promise<TestResponse & { setCookies: string[] }> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent, ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const origin = options.origin === undefined ? this.baseUrl : options.origin;
    if (origin && !['GET', 'HEAD'].includes(method)) headers.origin = origin;
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value.join('=') === '') this.cookies.delete(name!);
      else this.cookies.set(name!, value.join('='));
    }
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      headers: response.headers,
      body: /json/.test(type) && text ? JSON.parse(text) : text,
      setCookies,
    };
  }

  signIn(email: string, password: string, extra: Record<string, string> = {}) {
    return this.request('POST', '/api/v1/auth/login', { body: { email, password, ...extra } });
  }
}

export interface IdentityServer extends TestServer {
  mail: SmtpSink;
  /** Every log line the server wrote. */
  logs: string[];
  rootTenantId: string;
  /** Captcha characters handed out next (tests read them here instead of from the image). */
  captchaAnswers: string[];
  browser(userAgent?: string): Browser;
  /** An active account with a role in the root tenant and a password of its own. */
  createUser(
    email: string,
    role?: string,
    password?: string,
    tenantId?: string | null,
  ): Promise<{ id: string; email: string; password: string }>;
  /** Signs a new browser in as the user; fails the test when it cannot. */
  signedIn(user: { email: string; password: string }): Promise<Browser>;
  /** Every value stored in every table, as one string, to look for secrets in clear. */
  dumpDatabase(): Promise<string>;
}

let captchaCounter = 0;

/** A test server with the real identity stack, mailing to a real SMTP sink and capturing its logs at debug level. */
export async function startIdentityServer(options: TestServerOptions = {}): Promise<IdentityServer> {
  const mail = await startSmtpSink();
  const logs: string[] = [];
  const captchaAnswers: string[] = [];
  const logDestination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const server = await startTestServer({
    ...options,
    logDestination: logDestination as never,
    captchaText: () => {
      const text = `cap${(captchaCounter += 1)}x`;
      captchaAnswers.push(text);
      return text;
    },
    config: {
      log: { level: 'debug' },
      mail: {
        transport: 'smtp',
        from: 'Outpost <outpost@example.test>',
        smtp: { host: mail.host, port: mail.port, secure: false },
      },
      ...options.config,
    },
  });
  const rootTenantId: string = (await server.outpost.db('core_tenants').whereNull('parent_id').first('id')).id;
  return {
    ...server,
    mail,
    logs,
    rootTenantId,
    captchaAnswers,
    browser: (userAgent) => new Browser(server.url, userAgent),
    async createUser(
      email,
      role = 'member',
      password = `Pw-${Math.random().toString(36).slice(2)}-long`,
      tenantId = rootTenantId,
    ) {
      const { userId } = await server.outpost.identity.accounts.createUser({ email, role, tenantId, password });
      return { id: userId, email, password };
    },
    async signedIn(user) {
      const browser = new Browser(server.url);
      const response = await browser.signIn(user.email, user.password);
      if (response.status !== 200)
        throw new Error(`sign-in of ${user.email} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return browser;
    },
    async dumpDatabase() {
      const db = server.outpost.db;
      const tables: string[] =
        db.client.config.client === 'pg'
          ? (
              await db.raw(
                'select table_name as name from information_schema.tables where table_schema = current_schema()',
              )
            ).rows.map((r: { name: string }) => r.name)
          : (await db.raw("select name from sqlite_master where type = 'table'")).map((r: { name: string }) => r.name);
      const parts: string[] = [];
      for (const table of tables) parts.push(JSON.stringify(await db(table).select()));
      return parts.join('\n');
    },
    async stop() {
      await server.stop();
      await mail.close();
    },
  };
}

/** The token in a mailed link (`...#token=<token>`). */
export function tokenFromMail(text: string | undefined): string {
  const match = /#token=([A-Za-z0-9_-]+)/.exec(text ?? '');
  if (!match) throw new Error(`no link with a token in: ${text}`);
  return match[1]!;
}
