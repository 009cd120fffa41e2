// Every page of the web app in each theme at desktop and phone widths: no serious or critical accessibility violation
// (axe-core), no Content-Security-Policy violation, no page error, no console error, nothing wider than the window;
// a screenshot of each in test-output/screenshots/matrix/<page>-<theme>-<viewport>.png.
import { realMachine, simulatedMachine } from '@outpost/agent';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { ticketsPlugin } from '@outpost/plugin-tickets';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import {
  accessibilityViolations,
  expectFitsWidth,
  screenshot,
  settled,
  viewports,
  watchContext,
} from '../helpers/browser.js';
import { withChromiumAndDevicesServer } from '../helpers/devices.js';

type Theme = 'light' | 'dark';
/** Both themes: the web app follows the system's setting, which each context emulates. */
const themes: Theme[] = ['light', 'dark'];
type Viewport = keyof typeof viewports;

/** A page of the app: `path` (or `url()` for one whose address the seeding makes), opened signed in unless `public`. */
interface MatrixPage {
  name: string;
  path: () => string;
  /** Opened without a session: the sign-in page and the server's own pages (an invitation, a ticket's portal). */
  public?: boolean;
  /** A page the server writes (not the web app): it need not follow the theme. */
  server?: boolean;
  /** What the user does on the page before it is checked (opens a dialog, say). */
  act?: (page: Page) => Promise<void>;
}

describe(`page matrix: every page in ${themes.join(' and ')}, desktop and phone (chromium, axe-core)`, function () {
  this.timeout(120_000);
  const env = withChromiumAndDevicesServer({ plugins: [contactsPlugin, ticketsPlugin] });
  const seeded = { deviceId: '', contactId: '', ticketId: '', invitation: '', portal: '' };
  let started = 0;

  before(async () => {
    started = Date.now();
    const { server } = env;
    const admin = server.admin;
    const post = async (path: string, body: unknown) => {
      const answer = await admin.request('POST', `/api/v1${path}`, { body });
      expect(answer.status, `POST ${path}: ${JSON.stringify(answer.body)}`).to.equal(201);
      return answer.body as { id: string } & Record<string, string>;
    };
    // Devices reporting through simulated agents, the first with this machine's real system information; one offline.
    const names = ['reception-pc', 'front-desk-laptop', 'acct-ws-01', 'warehouse-tablet'];
    const groups = [
      await post('/devices/groups', { name: 'Reception' }),
      await post('/devices/groups', { name: 'Accounting' }),
    ];
    for (const [index, name] of names.entries()) {
      const state = await server.enrollSimulated(index + 1);
      if (index < 3) {
        const machine = simulatedMachine(index + 1);
        await server.connect(state, index === 0 ? { ...machine, systemInfo: realMachine().systemInfo } : machine);
      }
      const renamed = await admin.request('PATCH', `/api/v1/devices/${state.deviceId}`, {
        body: { name, ...(index < 3 ? { groupId: groups[index < 2 ? 0 : 1]!.id } : {}) },
      });
      expect(renamed.status).to.equal(200);
      if (index === 0) seeded.deviceId = state.deviceId;
    }
    const contact = await post('/contacts', { name: 'Robin Reception', email: 'robin@northwind.example' });
    await post('/contacts', { name: 'Casey Accounts', email: 'casey@northwind.example' });
    await admin.request('PUT', `/api/v1/contacts/${contact.id}/devices/${seeded.deviceId}`);
    const ticket = await post('/tickets', {
      subject: 'The printer on the second floor prints blank pages',
      description: 'Since this morning, every page comes out blank.',
      contactId: contact.id,
      deviceId: seeded.deviceId,
    });
    await post('/tickets', { subject: 'VPN drops every hour', priority: 'high' });
    await post('/invites/deployments', { name: 'Office roll-out', expectedCount: 4, groupId: groups[0]!.id });
    seeded.invitation = (await post('/invites/support', { clientName: 'Sam at the front desk' })).link!;
    seeded.portal = (await post(`/tickets/${ticket.id}/portal-link`, undefined)).url!;
    await post('/team/invitations', { email: 'jordan@northwind.example', role: 'member' });
    await post('/api-keys', { name: 'RMM sync', scopes: ['*'] });
    // Signed in straight onto a page: the first-sign-in tour is taken.
    expect((await admin.request('PATCH', '/api/v1/account', { body: { tourCompleted: true } })).status).to.equal(200);
    seeded.contactId = contact.id;
    seeded.ticketId = ticket.id;
  });

  after(() => console.log(`      page matrix: ${((Date.now() - started) / 1000).toFixed(0)} s`));

  const pages: MatrixPage[] = [
    { name: 'sign-in', path: () => '/', public: true },
    { name: 'dashboard', path: () => '/' },
    { name: 'devices', path: () => '/devices' },
    { name: 'device', path: () => `/devices/d/${seeded.deviceId}` },
    { name: 'groups', path: () => '/devices/groups' },
    { name: 'device-invites', path: () => '/devices/invites' },
    { name: 'deployments', path: () => '/deployments' },
    { name: 'remote-support', path: () => '/support' },
    { name: 'invite-page', path: () => '/settings/invite-page' },
    { name: 'widgets', path: () => '/settings/widgets' },
    { name: 'tickets', path: () => '/tickets' },
    { name: 'ticket', path: () => `/tickets/${seeded.ticketId}` },
    { name: 'contacts', path: () => '/contacts' },
    { name: 'contact', path: () => `/contacts/${seeded.contactId}` },
    { name: 'team', path: () => '/settings/team' },
    { name: 'roles', path: () => '/settings/roles' },
    { name: 'api-keys', path: () => '/settings/api-keys' },
    { name: 'audit', path: () => '/settings/audit' },
    { name: 'tenants', path: () => '/settings/tenants' },
    { name: 'billing', path: () => '/settings/billing' },
    { name: 'account', path: () => '/settings/account' },
    { name: 'notifications', path: () => '/settings/notifications' },
    { name: 'not-found', path: () => '/no/such/page' },
    {
      name: 'command-palette',
      path: () => '/',
      act: async (page) => {
        await page.keyboard.press('Control+k');
        await page.getByRole('combobox', { name: 'Search devices, tickets, contacts, pages and actions' }).fill('rec');
        await page.getByRole('option', { name: /reception-pc/ }).waitFor();
        await page.getByRole('option', { name: 'Robin Reception' }).waitFor();
      },
    },
    { name: 'invitation', path: () => new URL(seeded.invitation).pathname, public: true, server: true },
    {
      name: 'portal',
      path: () => new URL(seeded.portal).pathname + new URL(seeded.portal).search,
      public: true,
      server: true,
    },
  ];

  for (const theme of themes)
    for (const viewport of Object.keys(viewports) as Viewport[])
      describe(`${theme}, ${viewport}`, () => {
        /** One context signed in and one without a session for this theme and width; console errors collected. */
        const contexts: { signedIn?: Page; signedOut?: Page } = {};
        const consoleErrors: string[] = [];

        async function open(signedIn: boolean): Promise<Page> {
          const context: BrowserContext = await env.chromium.newContext({ viewport: viewports[viewport] });
          await watchContext(context, env.pageErrors);
          if (signedIn) {
            const { email, password } = env.server.owner;
            const answer = await context.request.post(`${env.server.url}/api/v1/auth/login`, {
              data: { email, password },
              headers: { origin: env.server.url },
            });
            expect(answer.status()).to.equal(200);
          }
          const page = await context.newPage();
          await page.emulateMedia({ colorScheme: theme });
          page.on('console', (message) => {
            // Signed out, the app asks who is signed in and the browser logs the answer, 401, as a failed load.
            if (message.type() !== 'error' || (!signedIn && /status of 401/.test(message.text()))) return;
            consoleErrors.push(`console error on ${new URL(page.url()).pathname}: ${message.text()}`);
          });
          return page;
        }

        after(async () => {
          await contexts.signedIn?.context().close();
          await contexts.signedOut?.context().close();
        });

        for (const entry of pages)
          it(entry.name, async () => {
            const key = entry.public ? 'signedOut' : 'signedIn';
            const page = (contexts[key] ??= await open(!entry.public));
            // Checked here, not after each test, so that one page's problem does not stop the other pages.
            env.pageErrors.length = 0;
            consoleErrors.length = 0;
            await page.goto(`${env.server.url}${entry.path()}`);
            if (entry.public) {
              await page.locator('h1').first().waitFor();
              await page.waitForLoadState('networkidle');
            } else await settled(page);
            await entry.act?.(page);
            // The page meant, not the missing-page message or a plugin page that failed to load.
            expect(await page.getByTestId('not-found').count(), 'the missing-page message').to.equal(
              entry.name === 'not-found' ? 1 : 0,
            );
            expect(await page.locator('.failed[role=alert]').count(), 'a page that failed to load').to.equal(0);
            // The web app follows the system's setting (the account's preference is `system`).
            if (!entry.server)
              expect(await page.evaluate('document.documentElement.className'), 'the theme on <html>').to.contain(
                `wa-${theme}`,
              );
            await expectFitsWidth(page, `${entry.name} (${theme}, ${viewport})`);
            const violations = await accessibilityViolations(page);
            expect(violations, `${entry.name} (${theme}, ${viewport}):\n${violations.join('\n')}`).to.deep.equal([]);
            await screenshot(page, `matrix/${entry.name}-${theme}`);
            expect([...env.pageErrors.splice(0), ...consoleErrors], 'errors in the page').to.deep.equal([]);
          });
      });
});
