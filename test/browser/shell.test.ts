import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { realMachine, simulatedMachine } from '@outpost/agent';
import { currentTotp } from '@outpost/core/testing';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { ticketsPlugin } from '@outpost/plugin-tickets';
import { notesPlugin } from '../fixtures/plugins/notes.js';
import {
  accessibilityViolations,
  expectFitsWidth,
  fillSignIn,
  openSettingsTab,
  screenshot,
  settled,
  signedInPage,
  viewports,
  withBrowserAndServer,
} from '../helpers/browser.js';
import { withChromiumAndDevicesServer } from '../helpers/devices.js';
import { tick } from '../helpers/wa.js';

/** Opens the app, signs in through the form and skips the first-sign-in tour. */
async function signInAs(page: Page, url: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(url);
  await fillSignIn(page, user);
  await reachDashboard(page);
}

/** Waits for the dashboard and skips the knowledge tour that a first sign-in opens. */
async function reachDashboard(page: Page): Promise<void> {
  await page.getByTestId('dashboard-empty').waitFor();
  const skip = page.getByRole('button', { name: 'Skip the tour' });
  if (await skip.count()) await skip.click();
}

describe('web app shell (chromium)', function () {
  this.timeout(120_000);
  const env = withBrowserAndServer({ plugins: [notesPlugin], config: { auth: { sessions: { maxConcurrent: 2 } } } });

  async function open(viewport: keyof typeof viewports = 'desktop'): Promise<Page> {
    const context = await env.chromium.newContext({ viewport: viewports[viewport] });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      // Answers such as 401 and 400 are expected here; the browser logs each as a failed load.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(message.text());
    });
    (page as Page & { problems: string[] }).problems = problems;
    await page.goto(env.server.url);
    return page;
  }

  async function signIn(page: Page, email: string, password: string) {
    await fillSignIn(page, { email, password });
  }

  it('signs in with a generated password, forces the change, and shows the dashboard with the plugins’ navigation', async () => {
    const { password } = await env.server.outpost.identity.accounts.createUser({
      email: 'first@example.test',
      role: 'owner',
      tenantId: env.server.rootTenantId,
    });
    const page = await open();
    await page.getByRole('heading', { name: 'Sign in to Outpost' }).waitFor();
    // Focus starts in the address field (once Web Awesome has defined it).
    await page.locator('wa-input[name=email] input:focus').waitFor();
    await screenshot(page, 'sign-in');
    // Password managers see what each field holds: the autocomplete tokens are on the inputs inside the wa-inputs.
    expect(await page.getByLabel('E-mail address').getAttribute('autocomplete')).to.equal('username');
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('autocomplete')).to.equal(
      'current-password',
    );
    await signIn(page, 'first@example.test', password!);
    await page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    expect(await page.getByLabel('New password', { exact: true }).getAttribute('autocomplete')).to.equal(
      'new-password',
    );
    await page.getByLabel('Current password').fill(password!);
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Repeat the new password').fill('short');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByTestId('new-error').waitFor();
    expect(await page.getByTestId('new-error').textContent()).to.equal('Use at least 10 characters.');
    await screenshot(page, 'change-password');
    await page.getByLabel('New password', { exact: true }).fill('my own good passphrase');
    await page.getByLabel('Repeat the new password').fill('my own good passphrase');
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // The first sign-in offers the knowledge tour.
    await page.getByRole('dialog', { name: 'Welcome to Outpost' }).waitFor();
    await screenshot(page, 'tour');
    // One tenant, so no tenant picker in the menu: the tour does not point at one.
    const titles = [await page.getByRole('dialog').locator('h2').innerText()];
    for (let step = 0; step < 3; step += 1) {
      await page.getByRole('button', { name: 'Next' }).click();
      titles.push(await page.getByRole('dialog').locator('h2').innerText());
    }
    expect(titles).to.deep.equal([
      'Welcome to Outpost',
      'Everything is in the menu',
      'Live, without reloading',
      'Your account',
    ]);
    // The step counter is the dialog's slotted content: it belongs to outpost-tour, not the inner <dialog>.
    expect(await page.locator('outpost-tour').getByText('Step 4 of 4').count()).to.equal(1);
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByRole('dialog').count()).to.equal(0);
    await reachDashboard(page);
    expect(await page.getByRole('heading', { name: 'Welcome, first@example.test' }).count()).to.equal(1);
    // Daily work first, administration last, each entry with its icon.
    const nav = page.getByRole('navigation', { name: 'Main' });
    // The team, roles, tenants, API keys and audit log are tabs of Settings, the menu's last entry.
    expect(await nav.getByRole('link').allTextContents()).to.deep.equal(['Dashboard', 'Notes', 'Settings']);
    expect(await nav.getByRole('group').count()).to.equal(0);
    expect(await nav.locator('a svg.icon').count()).to.equal(3);
    expect(
      await nav.getByRole('link', { name: 'Notes' }).locator('svg.icon > *').count(),
      'the note icon is drawn',
    ).to.be.greaterThan(0);
    expect(await nav.getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).to.equal('page');
    await page.locator('[data-testid=connection][data-state=live]').waitFor();
    expect(await page.getByTestId('toast').first().textContent()).to.contain('Your password is changed.');
    await screenshot(page, 'dashboard');

    // The tour can be taken again from the user menu; it is not offered again by itself.
    await page.reload();
    await page.getByTestId('dashboard-empty').waitFor();
    expect(await page.getByRole('dialog').count()).to.equal(0);
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Take the tour' }).click();
    await page.getByRole('button', { name: 'Skip the tour' }).click();
    await page.locator('outpost-tour').waitFor({ state: 'detached' });

    // Sign out from the user menu at the lower left, by keyboard.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Settings' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sign in to Outpost' }).waitFor();
    expect((page as Page & { problems: string[] }).problems).to.deep.equal([]);
  });

  it('asks for the 2FA code, and at the session limit lets the user end a session and continue', async () => {
    const user = await env.server.createUser('busy@example.test', 'admin');
    // Two sessions are open, the most allowed; then 2FA goes on.
    const api = await env.server.signedIn(user);
    const second = env.server.browser('curl/8.5.0');
    expect((await second.signIn(user.email, user.password)).status).to.equal(200);
    const setup = (await api.request('POST', '/api/v1/account/2fa')).body;
    await api.request('POST', '/api/v1/account/2fa/verify', { body: { code: currentTotp(setup.secret) } });

    const page = await open('phone');
    await signIn(page, user.email, user.password);
    await page
      .getByRole('textbox', { name: 'Code from your authenticator app' })
      .fill(currentTotp(setup.secret, Date.now() + 30_000));
    await screenshot(page, 'totp');
    // Enter in the code field submits the step, as it does in a native form.
    await page.getByRole('textbox', { name: 'Code from your authenticator app' }).press('Enter');
    await page.getByRole('heading', { name: 'User sessions' }).waitFor();
    expect(await page.getByTestId('session').count()).to.equal(2);
    await screenshot(page, 'user-sessions');
    await page
      .getByTestId('session')
      .filter({ hasText: 'curl/8.5.0' })
      .getByRole('button', { name: 'End session' })
      .click();
    await reachDashboard(page);
    expect((await second.request('GET', '/api/v1/account')).status).to.equal(401);

    // Below 768 px the sidebar is a menu.
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).to.equal(false);
    await page.getByRole('button', { name: /Menu/ }).click();
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).to.equal(true);
    await screenshot(page, 'dashboard-menu');
  });

  it('switches tenant from the sidebar', async () => {
    const admin = await env.server.createUser('switcher@example.test', 'admin');
    const child = await env.server.outpost.tenancy.tenants.create(undefined, {
      name: 'Customer Two',
      adminEmail: 'two@example.test',
    });
    await env.server.mail.waitFor((m) => (m.to as { text: string }).text === 'two@example.test');
    const page = await open();
    // Enter in the password field signs in.
    await page.getByLabel('E-mail address').fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(admin.password);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await reachDashboard(page);
    await page.locator('#tenant').selectOption({ label: 'Customer Two' });
    await page.getByText('Now working in Customer Two.').waitFor();
    expect(await page.getByTestId('dashboard-empty').textContent()).to.contain('Customer Two');
    const api = await env.server.signedIn(admin);
    expect(
      (await api.request('GET', '/api/v1/tenants')).body.items.find((t: { id: string }) => t.id === child.id),
    ).to.include({ via: 'msp' });
    await screenshot(page, 'tenant-switched');
  });
});

describe('web app pages (chromium)', function () {
  this.timeout(180_000);
  const env = withBrowserAndServer({ plugins: [notesPlugin] });

  it('signs up through the mailed links, sets up 2FA in account settings, and signs in with a code', async () => {
    const page = await (await env.chromium.newContext({ viewport: viewports.desktop })).newPage();
    const email = 'new.user@example.test';
    await page.goto(`${env.server.url}/sign-up`);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByTestId('done').waitFor();
    const confirmMail = await env.server.mail.waitFor(
      (m) => m.subject === 'Confirm your Outpost account' && (m.to as { text: string }).text === email,
    );
    await page.goto(/https?:\/\/\S+/.exec(confirmMail.text!)![0]);
    await page.getByText('Your account is active.').waitFor();
    const passwordMail = await env.server.mail.waitFor(
      (m) => m.subject === 'Your Outpost password' && (m.to as { text: string }).text === email,
    );
    const mailed = /password:\n\n(\S+)\n/.exec(passwordMail.text!)![1]!;

    await page.goto(env.server.url);
    await fillSignIn(page, { email, password: mailed });
    await page.getByLabel('Current password').fill(mailed);
    await page.getByLabel('New password', { exact: true }).fill('a passphrase of my own');
    await page.getByLabel('Repeat the new password').fill('a passphrase of my own');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await reachDashboard(page);

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
    await page.getByTestId('qr').waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByLabel('Code from the app').fill(currentTotp(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByTestId('recovery-codes').waitFor();
    expect(await page.getByTestId('recovery-codes').locator('code').count()).to.equal(10);
    await screenshot(page, 'account-2fa');

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await fillSignIn(page, { email, password: 'a passphrase of my own' });
    await page
      .getByRole('textbox', { name: 'Code from your authenticator app' })
      .fill(currentTotp(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Verify' }).click();
    await reachDashboard(page);
  });

  for (const viewport of ['desktop', 'phone'] as const) {
    it(`shows every main page at ${viewport} width`, async () => {
      const owner = await env.server.createUser(`pages-${viewport}@example.test`, 'owner');
      const page = await (await env.chromium.newContext({ viewport: viewports[viewport] })).newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await signInAs(page, env.server.url, owner);
      await screenshot(page, 'dashboard');
      for (const [tab, heading] of [
        ['account', 'Account settings'],
        ['team', 'Team'],
        ['roles', 'Roles'],
        ['api-keys', 'API keys'],
        ['audit', 'Audit log'],
        ['tenants', 'Tenants'],
        ['billing', 'Billing'],
      ] as const) {
        await page.goto(`${env.server.url}/settings/${tab}`);
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
        await page.locator('outpost-data-table').first().locator('table, [data-testid=empty-state]').first().waitFor();
        await screenshot(page, tab);
      }
      // Tables become cards on a phone: the header row is not shown.
      await page.goto(`${env.server.url}/settings/team`);
      await page.getByTestId('row').first().waitFor();
      expect(await page.locator('outpost-data-table thead').first().isVisible()).to.equal(viewport === 'desktop');
      expect(errors).to.deep.equal([]);
    });
  }

  it('creates a customer tenant through the form built from the route’s schema, with inline errors from the server', async () => {
    const owner = await env.server.createUser('tenants-ui@example.test', 'owner');
    const page = await (await env.chromium.newContext({ viewport: viewports.desktop })).newPage();
    await signInAs(page, env.server.url, owner);
    await openSettingsTab(page, 'Tenants');
    await page.getByLabel('Name').fill('Acme Dental');
    await page.getByLabel('Admin e-mail').fill('not an address');
    await page.getByRole('button', { name: 'Create tenant' }).click();
    // The server's message shows under the field, in the wa-input's hint slot (read out as its description).
    await page.locator('#field-adminEmail-error').waitFor();
    expect(
      await page.locator('#field-adminEmail-error').evaluate((e) => (e as unknown as { slot: string }).slot),
    ).to.equal('hint');
    await page.getByLabel('Admin e-mail').fill('it@acme-dental.test');
    await page.getByRole('button', { name: 'Create tenant' }).click();
    await page.getByRole('cell', { name: 'Acme Dental', exact: true }).waitFor();
    await env.server.mail.waitFor((m) => (m.to as { text: string }).text === 'it@acme-dental.test');
    await screenshot(page, 'tenant-created');
  });

  it('loads a plugin’s page on demand, and its list updates live', async () => {
    const owner = await env.server.createUser('plugin-ui@example.test', 'owner');
    const page = await (await env.chromium.newContext({ viewport: viewports.desktop })).newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await signInAs(page, env.server.url, owner);
    expect(requested.filter((p) => p.startsWith('/ui/plugins/'))).to.deep.equal([]);
    expect(await page.title()).to.equal('Dashboard · Outpost');
    await page.getByRole('link', { name: 'Notes' }).click();
    await page.getByRole('heading', { name: 'Notes', exact: true }).waitFor();
    expect(await page.title(), 'the tab names the page').to.equal('Notes · Outpost');
    expect(requested.filter((p) => p.startsWith('/ui/plugins/'))).to.deep.equal(['/ui/plugins/notes/index.js']);
    await page.getByTestId('empty-state').waitFor();
    await page.getByLabel('Title').fill('From the browser');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('cell', { name: 'From the browser' }).waitFor();
    // Another session adds a note: the event stream brings it in.
    const other = await env.server.signedIn(owner);
    await other.request('POST', '/api/v1/notes/notes', { body: { title: 'From elsewhere' } });
    await page.getByRole('cell', { name: 'From elsewhere' }).waitFor();
    await screenshot(page, 'plugin-notes');
  });

  it('shows a page not found, with the address as text and a way home, for an app path no page answers', async () => {
    const owner = await env.server.createUser('lost@example.test', 'owner');
    const page = await (await env.chromium.newContext({ viewport: viewports.desktop })).newPage();
    await signInAs(page, env.server.url, owner);
    await page.goto(`${env.server.url}/no/such/<img src=x onerror=alert(1)>`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await page.getByTestId('not-found').locator('code').textContent()).to.equal(
      '/no/such/<img src=x onerror=alert(1)>',
    );
    expect(await page.locator('main img').count(), 'the path is text, not markup').to.equal(0);
    await screenshot(page, 'not-found');
    await page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await page.getByRole('heading', { name: 'Welcome, lost@example.test' }).waitFor();
    expect(new URL(page.url()).pathname).to.equal('/');
  });

  it('shows the captcha step after failed sign-ins, and restores a forgotten password by mail', async () => {
    const user = await env.server.createUser('forgetful@example.test', 'member');
    for (let i = 0; i < 3; i += 1) await env.server.browser().signIn(user.email, `wrong guess ${i}`);
    const page = await (await env.chromium.newContext({ viewport: viewports.phone })).newPage();
    await page.goto(env.server.url);
    await fillSignIn(page, user);
    await page.getByTestId('captcha-image').waitFor();
    // The captcha field takes the focus when it appears.
    await page.locator('wa-input[name=captcha] input:focus').waitFor();
    await screenshot(page, 'captcha');
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByLabel('Type the characters in the image').fill(env.server.captchaAnswers.at(-1)!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await reachDashboard(page);
    await env.server.outpost.db('core_sign_in_attempts').delete();

    const other = await (await env.chromium.newContext({ viewport: viewports.desktop })).newPage();
    await other.goto(`${env.server.url}/forgot-password`);
    await other.getByLabel('E-mail address').fill(user.email);
    await other.getByRole('button', { name: 'Mail me a link' }).click();
    await other.getByTestId('done').waitFor();
    const mail = await env.server.mail.waitFor(
      (m) => m.subject === 'Set a new Outpost password' && (m.to as { text: string }).text === user.email,
    );
    await other.goto(/https?:\/\/\S+/.exec(mail.text!)![0]);
    await other.getByLabel('New password', { exact: true }).fill('a restored passphrase');
    await other.getByLabel('Repeat the new password').fill('a restored passphrase');
    await other.getByRole('button', { name: 'Save password' }).click();
    // The reset revokes the account's API keys unless the user unticks it.
    await other.getByText('Your password is set and your API keys are revoked.').waitFor();
    expect((await env.server.browser().signIn(user.email, 'a restored passphrase')).status).to.equal(200);
    // The reset ended the phone's session.
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to Outpost' }).waitFor();
  });

  it('is an installable app: manifest, icons and a service worker that caches the shell', async () => {
    const page = await (await env.chromium.newContext({ viewport: viewports.desktop })).newPage();
    await page.goto(env.server.url);
    await page.getByRole('heading', { name: 'Sign in to Outpost' }).waitFor();
    expect(await page.evaluate('navigator.serviceWorker.ready.then((r) => Boolean(r.active))')).to.equal(true);
    const manifest = (await page.evaluate("fetch('/manifest.webmanifest').then((r) => r.json())")) as {
      display: string;
      icons: unknown[];
      start_url: string;
    };
    expect(manifest).to.include({ display: 'standalone', start_url: '/' });
    expect(manifest.icons).to.have.length(2);
    const cached = (await page.evaluate(
      'caches.keys().then((keys) => caches.open(keys[0])).then((c) => c.keys()).then((r) => r.map((x) => new URL(x.url).pathname))',
    )) as string[];
    expect(cached).to.include.members(['/', '/manifest.webmanifest', '/app.css', '/webawesome.css']);
    expect(cached.some((p) => /^\/assets\/app-.*\.js$/.test(p))).to.equal(true);
  });

  it('filters a table by a column, and revokes several keys at once', async () => {
    const owner = await env.server.createUser('bulk@example.test', 'owner');
    const page = await (await env.chromium.newContext({ viewport: viewports.desktop })).newPage();
    await signInAs(page, env.server.url, owner);
    await openSettingsTab(page, 'Team');
    await page.getByTestId('row').first().waitFor();
    const everyone = await page.getByTestId('row').count();
    // The filter looks like the search box beside it, not like the browser's bare select.
    type Styled = { borderTopColor: string; borderTopWidth: string; borderRadius: string; backgroundColor: string };
    const look = (el: unknown) => {
      const s = (globalThis as unknown as { getComputedStyle(e: unknown): Styled }).getComputedStyle(el);
      return [s.borderTopColor, s.borderTopWidth, s.borderRadius, s.backgroundColor].join(' ');
    };
    const search = await page.locator('outpost-data-table input[type=search]').first().evaluate(look);
    expect(await page.getByLabel('Filter by Role').evaluate(look)).to.equal(search);
    await page.getByLabel('Filter by Role').selectOption('Owner');
    const owners = await page.getByTestId('row').count();
    expect(owners).to.be.greaterThan(0).and.lessThan(everyone);
    await page.getByLabel('Filter by Role').selectOption('');
    expect(await page.getByTestId('row').count()).to.equal(everyone);

    for (const name of ['one', 'two']) {
      const api = await env.server.signedIn(owner);
      await api.request('POST', '/api/v1/api-keys', { body: { name, scopes: ['*'] } });
    }
    await openSettingsTab(page, 'API keys');
    await page.getByTestId('row').nth(1).waitFor();
    await page.getByLabel('Select all').check();
    await page.getByRole('button', { name: 'Revoke selected' }).click();
    await page
      .locator('outpost-dialog')
      .getByText('Revoke 2 keys? Programs using them stop working at once.')
      .waitFor();
    await page.locator('outpost-dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByTestId('toast').filter({ hasText: '2 keys revoked.' }).waitFor();
    await page.getByTestId('empty-state').waitFor();
  });

  it('creates an API key shown once, and revokes it after a confirmation', async () => {
    const owner = await env.server.createUser('keys-ui@example.test', 'owner');
    const page = await (await env.chromium.newContext({ viewport: viewports.desktop })).newPage();
    await signInAs(page, env.server.url, owner);
    await openSettingsTab(page, 'API keys');
    await page.getByTestId('empty-state').waitFor();
    await tick(page.getByRole('checkbox', { name: 'everything you can do' }));
    // Enter in the name field creates the key (the wa-input submits its form through the wa-button).
    await page.getByLabel('Name', { exact: true }).fill('Reporting');
    await page.getByLabel('Name', { exact: true }).press('Enter');
    const key = (await page.getByTestId('new-key').textContent())!;
    expect(key).to.match(/^opk_/);
    expect(
      (await env.server.request('GET', '/api/v1/notes/notes', { headers: { authorization: `Bearer ${key}` } })).status,
    ).to.equal(200);
    await screenshot(page, 'api-key-created');
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.locator('outpost-dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByTestId('empty-state').waitFor();
    expect(
      (await env.server.request('GET', '/api/v1/notes/notes', { headers: { authorization: `Bearer ${key}` } })).status,
    ).to.equal(401);
  });
});

describe('shared components (chromium)', function () {
  this.timeout(60_000);
  const env = withBrowserAndServer();

  it('tag input, chart and tiles work from the shell bundle', async () => {
    const page = await (await env.chromium.newContext({ viewport: viewports.desktop })).newPage();
    await page.goto(env.server.url);
    await page.getByRole('heading', { name: 'Sign in to Outpost' }).waitFor();
    // Runs in the page (a string, as the tests compile without DOM types).
    await page.evaluate(`(() => {
      const area = document.createElement('div');
      area.innerHTML = '<outpost-tag-input label="Device tags"></outpost-tag-input><outpost-chart heading="Per day"></outpost-chart><outpost-tiles label="Tiles"></outpost-tiles>';
      document.body.prepend(area);
      area.querySelector('outpost-chart').points = [{ label: 'Mon', value: 3 }, { label: 'Tue', value: 5 }];
      area.querySelector('outpost-tiles').items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
      area.querySelector('outpost-tag-input').addEventListener('change', (e) => (window.tags = e.detail));
    })()`);
    const tags = page.getByLabel('Device tags');
    await tags.fill('Office');
    await tags.press('Enter');
    await tags.fill('floor:2');
    await tags.press(',');
    await tags.fill('bad tag!');
    await tags.press('Enter');
    expect(await page.getByRole('alert').textContent()).to.contain('Use a-z, 0-9');
    await tags.fill('');
    await tags.press('Backspace');
    expect(await page.evaluate('window.tags')).to.deep.equal(['office']);
    await page.getByRole('button', { name: 'Remove office' }).click();
    expect(await page.evaluate('window.tags')).to.deep.equal([]);
    expect(await page.locator('outpost-chart rect').count()).to.equal(2);

    // Bars take their width through the CSSOM, which the page's policy allows (a style attribute it refuses).
    await page.evaluate(`(() => {
      document.body.prepend(Object.assign(document.createElement('outpost-meter'), { label: 'Disk /', value: 40 }));
    })()`);
    const bar = page.getByRole('progressbar', { name: 'Disk /' });
    expect(await bar.getAttribute('aria-valuenow')).to.equal('40');
    const ratio = await bar.evaluate(
      (track: { clientWidth: number; firstElementChild: { clientWidth: number } }) =>
        track.firstElementChild.clientWidth / track.clientWidth,
    );
    expect(ratio).to.be.closeTo(0.4, 0.01);
    // The SDK draws the navigation's icons for plugin pages too; a name it does not know gets a neutral circle.
    const shapes = await page.evaluate(`(() => {
      const { LitElement, html, icon } = window.Outpost;
      const strings = Object.assign(['', '', ''], { raw: ['', '', ''] });
      customElements.define('icon-probe', class extends LitElement { render() { return html(strings, icon('devices'), icon('no-such-icon')); } });
      const probe = document.createElement('icon-probe');
      document.body.append(probe);
      return probe.updateComplete.then(() => [...probe.shadowRoot.querySelectorAll('svg.icon')].map((svg) => [...svg.children].map((c) => c.localName).join(' ')));
    })()`);
    expect(shapes).to.deep.equal(['rect line line', 'circle']);
    expect(await page.getByRole('img', { name: 'Per day' }).count()).to.equal(1);
    expect(await page.getByRole('list', { name: 'Tiles' }).getByRole('listitem').count()).to.equal(3);
  });

  it('shows at most three toasts at once: a burst of one kind collapses into its newest and "and 24 more"', async () => {
    const page = await (await env.chromium.newContext({ viewport: viewports.desktop })).newPage();
    await page.goto(env.server.url);
    await page.getByRole('heading', { name: 'Sign in to Outpost' }).waitFor();
    const toasts = page.getByTestId('toast');
    // Errors stay until closed: three of them show as three.
    await page.evaluate(`(() => { for (let i = 1; i <= 3; i += 1) window.Outpost.toast('Failure ' + i, 'error'); })()`);
    await toasts.nth(2).waitFor();
    expect(await toasts.allInnerTexts()).to.have.length(3);
    for (let i = 0; i < 3; i += 1) await toasts.first().getByRole('button', { name: 'Close' }).click();
    await toasts.first().waitFor({ state: 'detached' });

    await page.evaluate(`(() => {
      for (let i = 1; i <= 25; i += 1) window.Outpost.toast('Device ' + i + ' enrolled');
      window.Outpost.toast('Saving failed', 'error');
    })()`);
    await toasts.filter({ hasText: 'and 24 more' }).waitFor();
    const texts = (await toasts.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    expect(texts).to.deep.equal(['Device 25 enrolled and 24 more', 'Saving failed']);
    // Closing the collapsed toast closes its whole kind; the error stays.
    await toasts.filter({ hasText: 'and 24 more' }).getByRole('button', { name: 'Close' }).click();
    await toasts.filter({ hasText: 'enrolled' }).waitFor({ state: 'detached' });
    expect(await toasts.allInnerTexts()).to.have.length(1);
  });
});

describe('every page on a phone (chromium)', function () {
  this.timeout(240_000);
  const env = withChromiumAndDevicesServer({ plugins: [contactsPlugin, ticketsPlugin] });

  it('fits 390 px without a CSP violation: each menu entry, the account, a device, a contact, a ticket, the invite and portal pages, a missing page', async () => {
    const { server, chromium, pageErrors } = env;
    // Something to show everywhere: a device reporting this machine's real system information, in a
    // group, with a contact and a ticket; a deployment under way; a remote-support invitation.
    const state = await server.enrollSimulated(41);
    await server.connect(state, { ...simulatedMachine(41), systemInfo: realMachine().systemInfo });
    const group = (
      await server.admin.request('POST', '/api/v1/devices/groups', { body: { name: 'Reception and front desk' } })
    ).body;
    await server.admin.request('PATCH', `/api/v1/devices/${state.deviceId}`, {
      body: { name: 'reception-laptop-with-a-long-name', groupId: group.id },
    });
    const contact = (
      await server.admin.request('POST', '/api/v1/contacts', {
        body: { name: 'Robin Reception', email: 'robin.reception@a-long-company-domain.example' },
      })
    ).body;
    await server.admin.request('PUT', `/api/v1/contacts/${contact.id}/devices/${state.deviceId}`);
    const ticket = (
      await server.admin.request('POST', '/api/v1/tickets', {
        body: {
          subject: 'The printer on the second floor prints blank pages',
          description: 'Since this morning.',
          contactId: contact.id,
          deviceId: state.deviceId,
        },
      })
    ).body;
    await server.admin.request('POST', '/api/v1/invites/deployments', {
      body: { name: 'Office roll-out', expectedCount: 4, groupId: group.id },
    });
    const support = (
      await server.admin.request('POST', '/api/v1/invites/support', { body: { clientName: 'Sam at the front desk' } })
    ).body;
    const portal = (await server.admin.request('POST', `/api/v1/tickets/${ticket.id}/portal-link`)).body;
    // Words no line breaks: a long address in the team's tables, a long group name in the menu.
    const invited = await server.admin.request('POST', '/api/v1/team/invitations', {
      body: { email: 'someone.with.a.really.long.address@a-very-long-customer-domain-name.example', role: 'member' },
    });
    expect(invited.status).to.equal(201);
    await server.admin.request('POST', '/api/v1/devices/groups', {
      body: { name: 'Headquarters-Second-Floor-Accounting-Department' },
    });

    const page = await signedInPage(chromium, server.url, server.owner, pageErrors, 'phone');
    const menu = page.getByRole('button', { name: /Menu/ });
    const visited: string[] = [];
    // The screenshot fails the test when the page is wider than the phone.
    const check = async (name: string) => {
      await settled(page);
      await screenshot(page, `phone-${name}`);
      visited.push(new URL(page.url()).pathname);
    };
    await check('dashboard');

    // Every entry of the menu, as a phone user opens it.
    await menu.click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: /^Reception and front desk/ }).waitFor();
    await expectFitsWidth(page, 'the open menu');
    type Link = {
      getAttribute(name: string): string | null;
      textContent: string | null;
      closest(selector: string): unknown;
    };
    const links = await nav
      .getByRole('link')
      .evaluateAll((all: Link[]) =>
        all.map((a) => ({ href: a.getAttribute('href')!, text: a.textContent!.trim(), entry: !a.closest('ul.sub') })),
      );
    expect(links.filter((l) => l.entry).map((l) => l.text)).to.deep.equal([
      'Dashboard',
      'Devices',
      'Tickets',
      'Contacts',
      'Remote support',
      'Deployments',
      'Settings',
    ]);
    await menu.click();
    for (const [index, { href }] of links.entries()) {
      await menu.click();
      await nav.getByRole('link').nth(index).click();
      expect(await nav.isVisible(), 'the menu closes').to.equal(false);
      await check(href.slice(1).replaceAll('/', '-') || 'home');
    }

    // Pages reached from lists and mail, typed in the address bar.
    for (const [path, name] of [
      ['/settings/account', 'account'],
      ['/settings/notifications', 'notifications'],
      ['/settings/invite-page', 'invite-page'],
      ['/settings/widgets', 'widgets'],
      [`/devices/d/${state.deviceId}`, 'device'],
      [`/devices/${state.deviceId}`, 'device-by-id'],
      [`/contacts/${contact.id}`, 'contact'],
      [`/tickets/${ticket.id}`, 'ticket'],
      ['/no/such/page', 'not-found'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await check(name);
    }
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    // Paths under a plugin's pages that none of them answers.
    for (const path of [
      '/tickets/abc',
      '/contacts/zzz',
      '/support/x',
      '/invite-page/x',
      '/settings/team/x',
      '/deployments/x',
      '/devices/group/nope',
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      expect(await page.getByTestId('not-found').locator('code').textContent(), path).to.equal(path);
    }
    await page.goto(`${server.url}/devices/${state.deviceId}`);
    await page.getByRole('heading', { name: /reception-laptop-with-a-long-name/ }).waitFor();
    // The device's details, opened: this machine's real interfaces, disks and users.
    await page.getByText('Detailed system information').click();
    await check('device-details');

    // The server's own pages: the invitation the client opens, the customer's ticket page.
    for (const [url, name] of [
      [support.link as string, 'invitation'],
      [portal.url as string, 'portal'],
    ] as const) {
      await page.goto(url);
      await page.locator('h1').first().waitFor();
      await screenshot(page, `phone-${name}`);
    }
    expect(visited.length).to.be.greaterThan(links.length);
  });
});

describe('accessibility (chromium, axe-core)', function () {
  this.timeout(120_000);
  const env = withBrowserAndServer({ plugins: [notesPlugin] });

  it('has no serious or critical WCAG violations on the sign-in page and the main pages', async () => {
    const page = await (await env.chromium.newContext({ viewport: viewports.desktop })).newPage();
    await page.goto(env.server.url);
    await page.getByRole('heading', { name: 'Sign in to Outpost' }).waitFor();
    const found: string[] = (await accessibilityViolations(page)).map((v) => `/sign-in: ${v}`);
    const owner = await env.server.createUser('a11y@example.test', 'owner');
    await signInAs(page, env.server.url, owner);
    const settings = ['account', 'notifications', 'team', 'roles', 'api-keys', 'audit', 'tenants', 'billing', 'notes'];
    for (const path of ['/', ...settings.map((tab) => `/settings/${tab}`), '/notes']) {
      await page.goto(`${env.server.url}${path}`);
      await page.locator('main h1').first().waitFor();
      found.push(...(await accessibilityViolations(page)).map((v) => `${path}: ${v}`));
    }
    expect(found, found.join('\n')).to.deep.equal([]);
  });
});
