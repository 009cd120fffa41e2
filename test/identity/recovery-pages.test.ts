import { expect } from 'chai';
import { notesPlugin } from '../fixtures/plugins/notes.js';
import {
  screenshot,
  settled,
  signedInPage,
  viewports,
  watchContext,
  withBrowserAndServer,
} from '../helpers/browser.js';
import { tokenFromMail } from '../helpers/identity.js';
import { tick } from '../helpers/wa.js';

/** The web app's side of recovering an account: the reset page's key option and where each key came from. */
describe('recovering an account in the web app (chromium)', function () {
  this.timeout(120_000);
  const env = withBrowserAndServer({ plugins: [notesPlugin] });

  /** Lists notes with the key, from a program with this user agent; answers the status. */
  const useKey = async (key: string, userAgent = 'node') => {
    const headers = { authorization: `Bearer ${key}`, 'user-agent': userAgent };
    return (await env.server.request('GET', '/api/v1/notes/notes', { headers })).status;
  };

  /** Creates a key through the API, as the user, and answers it. */
  const createKey = async (user: { email: string; password: string }, name: string) => {
    const browser = await env.server.signedIn(user);
    const created = await browser.request('POST', '/api/v1/api-keys', { body: { name, scopes: ['*'] } });
    return created.body as { key: string };
  };

  /** Sets a new password on the page of a fresh reset link, with the key option ticked or not. */
  const resetOnPage = async (email: string, password: string, revokeKeys: boolean) => {
    const earlier = new Set(env.server.mail.messages);
    await env.server.browser().request('POST', '/api/v1/auth/password/forgot', { body: { email } });
    const mail = await env.server.mail.waitFor((m) => (m.to as { text: string }).text === email && !earlier.has(m));
    const context = await env.chromium.newContext({ viewport: viewports.phone });
    await watchContext(context, env.pageErrors);
    const page = await context.newPage();
    // Signed out: the page asks nothing of the signed-in API, so nothing fails in the console.
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    await page.goto(`${env.server.url}/reset-password#token=${tokenFromMail(mail.text)}`);
    const option = page.getByRole('checkbox', { name: 'Also revoke all my API keys' });
    expect(await option.isChecked(), 'ticked by default').to.equal(true);
    if (!revokeKeys) await tick(option, false);
    await page.getByLabel('New password', { exact: true }).fill(password);
    // A slip in the repeat is caught before anything is sent.
    await page.getByLabel('Repeat the new password').fill(`${password}!`);
    await page.getByRole('button', { name: 'Save password' }).click();
    expect(await page.getByTestId('repeat-error').textContent()).to.equal('The two passwords differ.');
    expect(await page.getByTestId('done').count()).to.equal(0);
    await page.getByLabel('Repeat the new password').fill(password);
    await screenshot(page, revokeKeys ? 'reset-password-revoking-keys' : 'reset-password-keeping-keys');
    await page.getByRole('button', { name: 'Save password' }).click();
    const done = (await page.getByTestId('done').textContent())!;
    expect(consoleErrors, 'console errors').to.deep.equal([]);
    await context.close();
    return done;
  };

  it('the reset page revokes every API key unless the user unticks it', async () => {
    const user = await env.server.createUser('recover-ui@example.test', 'member');
    const keys = [await createKey(user, 'one'), await createKey(user, 'two')];
    expect(await resetOnPage(user.email, 'a fresh start now', false)).to.equal(
      'Your password is set. Every session of your account has ended; sign in again.',
    );
    for (const key of keys) expect(await useKey(key.key)).to.equal(200);
    expect(await resetOnPage(user.email, 'another fresh start', true)).to.match(/your API keys are revoked/);
    for (const key of keys) expect(await useKey(key.key)).to.equal(401);
  });

  it('the API keys page shows where and when each key was created and last used', async () => {
    const user = await env.server.createUser('keys-origin-ui@example.test', 'member');
    const { key } = await createKey(user, 'Nightly export');
    expect(await useKey(key, 'curl/8.5.0')).to.equal(200);
    for (const viewport of ['desktop', 'phone'] as const) {
      const page = await signedInPage(env.chromium, env.server.url, user, env.pageErrors, viewport);
      await page.goto(`${env.server.url}/api-keys`);
      await settled(page);
      const row = page.getByTestId('row').filter({ hasText: 'Nightly export' });
      await row.waitFor();
      const text = (await row.textContent())!.replace(/\s+/g, ' ');
      expect(text).to.include('from 127.0.0.1 (Desktop, Linux, Chrome 131.0.0.0)');
      expect(text).to.include('from 127.0.0.1 (Unknown device, curl/8.5.0)');
      await screenshot(page, 'api-keys-origins');
      await page.context().close();
    }
  });

  it('a tab whose session is ended elsewhere shows the sign-in page at once', async () => {
    const user = await env.server.createUser('ended-elsewhere@example.test', 'member');
    const page = await signedInPage(env.chromium, env.server.url, user, env.pageErrors);
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
    const elsewhere = await env.server.signedIn(user);
    const { items } = (await elsewhere.request('GET', '/api/v1/account/sessions')).body as {
      items: Array<{ id: string; current: boolean }>;
    };
    const tab = items.find((session) => !session.current)!;
    expect((await elsewhere.request('DELETE', `/api/v1/account/sessions/${tab.id}`)).status).to.equal(204);
    await page.getByLabel('E-mail address').waitFor();
    await page.getByText('Your session ended or your access changed. Sign in again.').waitFor();
    await page.context().close();
  });
});
