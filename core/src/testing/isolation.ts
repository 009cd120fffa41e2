import type { TestResponse, TestServer } from './server.js';

/** Path parameter values by name, e.g. `{ id: '…' }` for `/api/v1/tickets/:id`. */
export type PathIds = Record<string, string>;

/** A signed-in caller: a browser session (cookies, origin) of a user of tenant Alpha. */
export interface SeedCaller {
  request(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<TestResponse>;
}

/** What a seed gets: tenant Alpha's Owner, the server, and what the seeds before it made. */
export interface IsolationSeedContext {
  server: TestServer;
  /** An Owner of tenant Alpha, signed in with a session. */
  owner: SeedCaller;
  tenantId: string;
  /** A Viewer of tenant Alpha: a member to share with or to assign. */
  viewer: { id: string; email: string };
  /**
   * The ids an earlier seed gave for a route template (seeds run after the seeds of the
   * plugins they depend on); fails with a readable message when none did.
   */
  idsOf(pathTemplate: string): PathIds;
}

export interface IsolationSeedResult {
  /** Real ids of Alpha's resources by the full path template of the routes that take them. */
  ids: Record<string, PathIds>;
  /** Strings planted in Alpha's resources: no answer to another caller may contain one. */
  markers: string[];
  /**
   * Public routes whose path parameter is itself the credential (an invite code, a portal
   * token, a widget's publishable key): holding the real value is what grants access, so
   * the matrix calls them with random values to prove a guessed one reveals nothing.
   */
  credentialPaths?: string[];
}

export interface IsolationSeed {
  seed(context: IsolationSeedContext): Promise<IsolationSeedResult>;
}

const seedBrand = Symbol.for('outpost.isolation-seed');

/**
 * A plugin's isolation seed, exported from `plugins/<id>/test/isolation-seed.ts`: it
 * creates one marked resource per route family in tenant Alpha and answers their ids,
 * so the isolation matrix proves with real ids that another tenant gets 404.
 */
export function defineIsolationSeed(seed: IsolationSeed): IsolationSeed {
  Object.defineProperty(seed, seedBrand, { value: true });
  return seed;
}

export function isIsolationSeed(value: unknown): value is IsolationSeed {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[seedBrand] === true;
}

/** The answer's body when its status is `status`; else throws with what was being made and the answer. */
export function expectStatus(response: TestResponse, status: number, what: string): any {
  if (response.status !== status) {
    const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    throw new Error(`${what}: answered ${response.status}, expected ${status} (${body.slice(0, 300)})`);
  }
  return response.body;
}
