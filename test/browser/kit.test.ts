import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { screenshot, signedInPage, viewports, watchContext, withBrowserAndServer } from '../helpers/browser.js';

/**
 * Fails the test on any request that leaves the machine: every asset (components, theme,
 * icons) must come from the Outpost server under test. Requests elsewhere are aborted and
 * collected into `outside`.
 */
async function stayOnLoopback(context: BrowserContext, outside: string[]): Promise<void> {
  await context.route('**/*', (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    if (protocol === 'data:' || hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
}

/** Console errors of a page (a failed icon fetch, a component's complaint), besides what `watchContext` collects. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  return errors;
}

/** getComputedStyle, as the page has it (the tests compile without DOM types). */
type Styled = { getComputedStyle(element: unknown): { backgroundColor: string } };

// Strings run in the page: the tests compile without DOM types.
const htmlClass = (page: Page) => page.evaluate('document.documentElement.className') as Promise<string>;
const background = (page: Page) => page.evaluate('getComputedStyle(document.body).backgroundColor') as Promise<string>;
/** Waits for <html> to carry the theme's class. */
const themeShown = (page: Page, theme: 'light' | 'dark') =>
  page.locator(`html.wa-${theme}`).waitFor({ state: 'attached' });

describe('component kit: Web Awesome, icons and themes (chromium)', function () {
  this.timeout(120_000);
  const env = withBrowserAndServer();

  it('serves the theme and Lucide icons itself, and a missing icon is a 404', async () => {
    const css = await fetch(`${env.server.url}/webawesome.css`);
    expect(css.status).to.equal(200);
    expect(css.headers.get('content-type')).to.match(/^text\/css/);
    const text = await css.text();
    expect(text, 'one file: every @import inlined').not.to.match(/@import/);
    expect(text).to.contain('--wa-color-surface-default').and.to.contain('.wa-dark');
    const icon = await fetch(`${env.server.url}/icons/monitor.svg`);
    expect(icon.status).to.equal(200);
    expect(icon.headers.get('content-type')).to.match(/^image\/svg\+xml/);
    expect(await icon.text()).to.contain('<svg');
    expect((await fetch(`${env.server.url}/icons/no-such-icon.svg`)).status).to.equal(404);
  });

  it('renders buttons, inputs, dialogs and icons under the page’s policy, with every request on this machine', async () => {
    const user = await env.server.createUser('kit@example.test', 'owner');
    const context = await env.chromium.newContext({ viewport: viewports.desktop });
    const outside: string[] = [];
    await stayOnLoopback(context, outside);
    await watchContext(context, env.pageErrors);
    const own = await context.newPage();
    const icons: string[] = [];
    own.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (pathname.startsWith('/icons/')) icons.push(`${pathname} ${response.status()}`);
    });
    await own.goto(env.server.url);
    await own.getByLabel('E-mail address').fill(user.email);
    await own.getByLabel('Password').fill(user.password);
    await own.getByRole('button', { name: 'Sign in' }).click();
    await own.locator('[data-testid="connection"][data-state="live"]').waitFor();
    await own.getByRole('button', { name: 'Skip the tour' }).click();
    // From here on (the sign-in page's 401 for /account is expected), no console error.
    const errors = consoleErrors(own);

    // Components from the page's own markup, as a plugin writes them.
    await own.evaluate(`(() => {
      const box = document.createElement('section');
      box.id = 'kit';
      box.innerHTML = '<wa-button variant="brand">Save</wa-button>'
        + '<wa-input label="Kit name" name="name" required></wa-input>'
        + '<wa-icon name="monitor" label="Device"></wa-icon>'
        + '<wa-dialog label="Kit dialog" id="kit-dialog"><p>Inside the dialog</p></wa-dialog>';
      document.body.append(box);
    })()`);
    await own.getByLabel('Kit name').fill('typed through the shadow DOM');
    expect(await own.evaluate("document.querySelector('#kit wa-input').value")).to.equal(
      'typed through the shadow DOM',
    );
    // The button draws with the theme's brand fill (its styles apply: the policy let them in).
    expect(
      await own.evaluate(
        "getComputedStyle(document.querySelector('#kit wa-button').shadowRoot.querySelector('[part~=base]')).backgroundColor",
      ),
    ).not.to.equal('rgba(0, 0, 0, 0)');
    await own.getByRole('img', { name: 'Device' }).locator('svg > *').first().waitFor({ state: 'attached' });
    await own.evaluate("document.getElementById('kit-dialog').open = true");
    const dialog = own.getByRole('dialog', { name: 'Kit dialog' });
    // Slotted content is the wa-dialog's child, not the inner <dialog>'s.
    await own.locator('#kit-dialog').getByText('Inside the dialog').waitFor();
    // The dialog's close button asks the system library for "xmark": it is Lucide's x, from this server.
    await dialog.getByRole('img', { name: 'Close' }).locator('svg > *').first().waitFor({ state: 'attached' });
    await own.evaluate(
      "Promise.all(document.getElementById('kit-dialog').shadowRoot.querySelector('dialog').getAnimations().map((a) => a.finished))",
    );
    await screenshot(own, 'kit-components');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // A component loaded on demand (the QR code rewrites its one inline style for the policy).
    await own.evaluate(`window.Outpost.loadComponents('qr-code').then(() => document.getElementById('kit')
      .insertAdjacentHTML('beforeend', '<wa-qr-code value="123456789" label="Kit QR"></wa-qr-code>'))`);
    await own.getByRole('img', { name: 'Kit QR' }).waitFor();
    const unknown = await own.evaluate(
      "window.Outpost.loadComponents('no-such-thing').then(() => 'loaded', (error) => error.message)",
    );
    expect(unknown).to.match(/no Web Awesome component "no-such-thing"/);

    expect(icons).to.include.members(['/icons/monitor.svg 200', '/icons/x.svg 200']);
    expect(
      icons.filter((line) => !line.endsWith(' 200')),
      'every icon asked for exists',
    ).to.deep.equal([]);
    expect(outside, 'requests that left the machine').to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    await context.close();
  });

  it('follows the device into dark mode, live, and the account’s choice wins and stays across reloads', async () => {
    const user = await env.server.createUser('night@example.test', 'member');
    // Before sign-in: the device's setting.
    const context = await env.chromium.newContext({ viewport: viewports.desktop, colorScheme: 'light' });
    const outside: string[] = [];
    await stayOnLoopback(context, outside);
    await watchContext(context, env.pageErrors);
    const page = await context.newPage();
    await page.goto(env.server.url);
    await page.getByRole('heading', { name: 'Sign in to Outpost' }).waitFor();
    expect(await htmlClass(page)).to.contain('wa-light');
    const light = await background(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await themeShown(page, 'dark');
    expect(await htmlClass(page)).not.to.contain('wa-light');
    const dark = await background(page);
    expect(dark, 'the background changes with the theme').not.to.equal(light);
    await screenshot(page, 'sign-in-dark');

    // Signed in, the account says "system" (the default): still the device's dark.
    await page.getByLabel('E-mail address').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
    const skip = page.getByRole('button', { name: 'Skip the tour' });
    if (await skip.count()) await skip.click();
    expect(await htmlClass(page)).to.contain('wa-dark');
    await screenshot(page, 'dashboard-dark');

    // The account menu's choice: light, although the device is dark.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitemradio', { name: 'Light' }).click();
    expect(await htmlClass(page)).to.contain('wa-light');
    expect(await background(page)).to.equal(light);
    const api = await env.server.signedIn(user);
    await expectTheme(api, 'light');
    await page.reload();
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
    expect(await htmlClass(page)).to.contain('wa-light');
    await page.getByTestId('user-menu').click();
    expect(await page.getByRole('menuitemradio', { name: 'Light' }).getAttribute('aria-checked')).to.equal('true');

    // Another browser (nothing in its storage) takes the account's choice once signed in.
    const other = await signedInPage(env.chromium, env.server.url, user, env.pageErrors);
    await other.emulateMedia({ colorScheme: 'dark' });
    await themeShown(other, 'light');
    await other.context().close();

    // Back to the device's setting: it follows the device live again.
    await page.getByRole('menuitemradio', { name: 'Same as the device' }).click();
    await expectTheme(api, 'system');
    expect(await htmlClass(page)).to.contain('wa-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await themeShown(page, 'light');
    expect(outside).to.deep.equal([]);
    await context.close();
  });

  it('switches the language from the account menu, a Web Awesome dropdown used with the keyboard', async () => {
    const user = await env.server.createUser('menu-language@example.test', 'member');
    const page = await signedInPage(env.chromium, env.server.url, user, env.pageErrors);
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
    const skip = page.getByRole('button', { name: 'Skip the tour' });
    if (await skip.count()) await skip.click();
    await page.getByTestId('user-menu').focus();
    await page.keyboard.press('Enter');
    expect(await page.getByRole('menuitemradio', { name: 'English' }).getAttribute('aria-checked')).to.equal('true');
    // Typing a choice's first letters moves to it.
    await page.keyboard.type('Deu');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Willkommen/ }).waitFor();
    const api = await env.server.signedIn(user);
    expect(((await api.request('GET', '/api/v1/account')).body as { language: string }).language).to.equal('de');
    await page.getByTestId('user-menu').click();
    expect(await page.getByRole('menuitemradio', { name: 'Deutsch' }).getAttribute('aria-checked')).to.equal('true');
    await page.getByRole('menuitem', { name: 'Abmelden' }).waitFor();
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
    await page.context().close();
  });

  it('takes the tenant’s brand color as the accent, with readable text on it, and an Admin changes it from the Tenants page', async () => {
    const admin = await env.server.createUser('brand@example.test', 'admin');
    const api = await env.server.signedIn(admin);
    const set = await api.request('PUT', `/api/v1/tenants/${env.server.rootTenantId}/accent-color`, {
      body: { accentColor: '#FACC15' },
    });
    expect(set.status).to.equal(204);
    const page = await signedInPage(env.chromium, env.server.url, admin, env.pageErrors);
    const token = (name: string) =>
      page.evaluate(`getComputedStyle(document.documentElement).getPropertyValue('${name}').trim()`);
    expect(await token('--wa-color-brand-fill-loud')).to.equal('#facc15');
    // Yellow takes dark text: white on it would be 1.5:1.
    expect(await token('--wa-color-brand-on-loud')).not.to.equal('#ffffff');
    await page.goto(`${env.server.url}/settings/tenants`);
    const save = page.getByRole('button', { name: 'Save brand color' });
    await save.waitFor();
    // The role finds the native button inside wa-button's shadow root: the part that is filled.
    const saveFill = () =>
      save.evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).backgroundColor);
    expect(await saveFill()).to.equal('rgb(250, 204, 21)');
    await screenshot(page, 'brand-color');
    // The picker's own text field takes a hex value.
    await page
      .locator('wa-color-picker')
      .evaluate((el) => void ((el as unknown as { value: string }).value = '#0f766e'));
    await save.click();
    await page.getByText('The brand color is saved.').waitFor();
    expect(await token('--wa-color-brand-fill-loud')).to.equal('#0f766e');
    expect(await token('--wa-color-brand-on-loud')).to.equal('#ffffff');
    const tenants = (await api.request('GET', '/api/v1/tenants')).body.items as Array<{
      current: boolean;
      accentColor: string;
    }>;
    expect(tenants.find((x) => x.current)?.accentColor).to.equal('#0f766e');
    await page.emulateMedia({ colorScheme: 'dark' });
    await themeShown(page, 'dark');
    // Not hovering or focusing the button (both mix its fill), and past its transition.
    await page.mouse.move(0, 0);
    await page.getByRole('heading', { name: 'Tenants', exact: true }).click();
    for (let i = 0; i < 20 && (await saveFill()) !== 'rgb(15, 118, 110)'; i += 1) await page.waitForTimeout(100);
    expect(await saveFill()).to.equal('rgb(15, 118, 110)');
    await screenshot(page, 'brand-color-dark');
    await page.getByRole('button', { name: 'Use Outpost’s blue' }).click();
    await page.getByText('The brand color is saved.').nth(1).waitFor();
    expect(await token('--wa-color-brand-fill-loud')).not.to.equal('#0f766e');
    await page.context().close();
  });
});

async function expectTheme(
  api: { request: (method: string, path: string) => Promise<{ body: { theme: string } }> },
  theme: string,
): Promise<void> {
  // The menu saves in the background: wait for the account to have it.
  for (let i = 0; i < 50; i += 1) {
    if ((await api.request('GET', '/api/v1/account')).body.theme === theme) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect((await api.request('GET', '/api/v1/account')).body.theme).to.equal(theme);
}
