import { AgentConnection, type AgentState, type Machine, agentVersion, enroll, simulatedMachine } from '@outpost/agent';
import { devicesPlugin } from '@outpost/plugin-devices';
import { invitesPlugin } from '@outpost/plugin-invites';
import type { TestServerOptions } from '@outpost/core/testing';
import { expect } from 'chai';
import type { Browser as Chromium } from 'playwright-core';
import { launchChromium } from './browser.js';
import { type Browser, type IdentityServer, startIdentityServer } from './identity.js';

export interface DevicesServer extends IdentityServer {
  owner: { id: string; email: string; password: string };
  /** The owner of the root tenant, signed in. */
  admin: Browser;
  /** A new invite of the root tenant (or of the browser's tenant). */
  invite(browser?: Browser): Promise<{ id: string; code: string }>;
  /** Enrolls a simulated machine with a fresh invite; answers its credential. */
  enrollSimulated(index: number, browser?: Browser): Promise<AgentState>;
  /** Opens an agent connection and waits for its hello to be accepted. */
  connect(state: AgentState, machine?: Machine, service?: boolean): Promise<AgentConnection>;
}

/** An identity server with the devices and invites plugins, a fast heartbeat and no demo agent. */
export async function startDevicesServer(
  options: TestServerOptions & { devices?: Record<string, unknown>; invites?: Record<string, unknown> } = {},
): Promise<DevicesServer> {
  const server = await startIdentityServer({
    ...options,
    plugins: [devicesPlugin, invitesPlugin, ...(options.plugins ?? [])],
    config: {
      ...options.config,
      plugins: {
        ...(options.config?.plugins as Record<string, unknown> | undefined),
        devices: { demoLocalAgent: false, heartbeatSeconds: 1, ...options.devices },
        invites: { ...options.invites },
      },
    },
  });
  const owner = await server.createUser(`owner-${Date.now()}@example.test`, 'owner');
  const admin = await server.signedIn(owner);
  const connections: AgentConnection[] = [];
  const invite = async (browser = admin) => {
    const answer = await browser.request('POST', '/api/v1/invites', { body: {} });
    if (answer.status !== 201)
      throw new Error(`creating an invite failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as { id: string; code: string };
  };
  return {
    ...server,
    owner,
    admin,
    invite,
    async enrollSimulated(index, browser) {
      const { code } = await invite(browser);
      const answer = await enroll(server.url, code, await simulatedMachine(index).facts());
      return { server: server.url, deviceId: answer.deviceId, secret: answer.secret };
    },
    async connect(state, machine = simulatedMachine(0), service = true) {
      const connection = await new Promise<AgentConnection>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the agent did not connect within 10 s')), 10_000);
        const c: AgentConnection = new AgentConnection({
          state,
          machine,
          agentVersion,
          service,
          minBackoffMs: 100,
          onReady: () => {
            clearTimeout(timer);
            resolve(c);
          },
        });
        c.start();
      });
      connections.push(connection);
      return connection;
    },
    async stop() {
      await Promise.all(connections.map((c) => c.stop()));
      await server.stop();
    },
  };
}

/**
 * Chromium and a devices server for one describe block, started before its tests and
 * stopped after them; every test fails on errors thrown in its pages and on
 * Content-Security-Policy violations (collected into `pageErrors`).
 */
export function withChromiumAndDevicesServer(options: Parameters<typeof startDevicesServer>[0] = {}): {
  chromium: Chromium;
  server: DevicesServer;
  pageErrors: string[];
} {
  const env = { pageErrors: [] as string[] } as { chromium: Chromium; server: DevicesServer; pageErrors: string[] };
  before(async () => {
    env.chromium = await launchChromium(env.pageErrors);
    env.server = await startDevicesServer(options);
  });
  after(async () => {
    await env.chromium?.close();
    await env.server?.stop();
  });
  afterEach(() => expect(env.pageErrors.splice(0), 'errors in the page').to.deep.equal([]));
  return env;
}
