import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { contactsPlugin } from '@outpost/plugin-contacts';
import { ticketsPlugin } from '@outpost/plugin-tickets';
import { screenshot, settled, signedInPage } from '../helpers/browser.js';
import { withChromiumAndDevicesServer } from '../helpers/devices.js';
import { chooseOption } from '../helpers/wa.js';
import { root, textOwners } from '../i18n/sources.js';

type Dictionary = Record<string, string | undefined>;

/** Words no German page shows (only whole words, so "Standard" or "Endgerät" do not count). */
const englishWords = [/\bthe\b/i, /\byour\b/i, /\band\b/, /\bSign\b/, /\bDevices\b/, /\bSettings\b/, /\bwith\b/];

/**
 * The English the app can show, as phrases of two words or more whose German differs: the
 * literal parts of every text (between its placeholders and plural forms), from the same
 * sources test/i18n/dictionaries.test.ts checks.
 */
async function englishPhrases(): Promise<string[]> {
  const english = (
    (await import(pathToFileURL(join(root, 'ui', 'dist', 'i18n.js')).href)) as { englishMessages: Dictionary }
  ).englishMessages;
  const shellGerman = (
    (await import(pathToFileURL(join(root, 'ui', 'dist', 'locales', 'de.js')).href)) as { default: Dictionary }
  ).default;
  const phrases = new Set<string>();
  for (const owner of await textOwners()) {
    const german: Dictionary =
      owner.id === 'shell'
        ? shellGerman
        : (JSON.parse(readFileSync(join(root, owner.dictionary), 'utf8')) as Dictionary);
    for (const { text } of owner.texts) {
      const source = english[text] ?? text;
      if (german[text] === source) continue;
      // `{count, plural, one {# device} other {# devices}}` → "device", "devices": the words around the placeholders.
      const parts = source
        .replace(/\{\w+, *plural,|(?:=\d+|zero|one|two|few|many|other) *\{/g, '{')
        .split(/\{\w+\}|[{}#]/);
      for (const part of parts) {
        const phrase = part.trim().replace(/^[\s.,:;!?()"“”„'–-]+|[\s.,:;!?()"“”„'–-]+$/g, '');
        if (phrase.split(/\s+/).length >= 2 && /[a-z]{2}/.test(phrase)) phrases.add(phrase);
      }
    }
  }
  return [...phrases];
}

/**
 * What the page says to its user: every text node shown (into shadow roots), the options of
 * its selects, and the labels, placeholders and titles of its elements. Code and
 * preformatted text (commands, JSON an agent sent) are data, not the app's words.
 */
async function pageTexts(page: Page): Promise<string[]> {
  // A string, as test/helpers/browser.ts does: the tests compile without the DOM's types.
  return (await page.evaluate(`(() => {
    const texts = [];
    const skip = new Set(['SCRIPT', 'STYLE', 'CODE', 'PRE', 'TEMPLATE', 'TEXTAREA']);
    const shown = (element) =>
      element.tagName === 'OPTION' || element.checkVisibility({ visibilityProperty: true }) !== false;
    const visit = (node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node.textContent.trim();
        if (text && node.parentElement && shown(node.parentElement)) texts.push(text);
        return;
      }
      if (!(node instanceof Element) || skip.has(node.tagName)) return;
      for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
        const value = (node.getAttribute(name) || '').trim();
        if (value) texts.push(value);
      }
      if (node.shadowRoot) for (const child of node.shadowRoot.childNodes) visit(child);
      for (const child of node.childNodes) visit(child);
    };
    visit(document.body);
    return texts;
  })()`)) as string[];
}

describe('the web app in German (chromium)', function () {
  this.timeout(300_000);
  const env = withChromiumAndDevicesServer({ plugins: [contactsPlugin, ticketsPlugin] });

  it('switches an account to German on the account page and shows no English on the pages it visits', async () => {
    const { server, chromium, pageErrors } = env;
    const admin = server.admin;
    // Data with nothing English in it: names, subjects and addresses a German customer would use.
    const state = await server.enrollSimulated(61);
    await server.connect(state);
    const group = (await admin.request('POST', '/api/v1/devices/groups', { body: { name: 'Vertrieb' } })).body;
    await admin.request('PATCH', `/api/v1/devices/${state.deviceId}`, {
      body: { name: 'rechner-07', groupId: group.id, notes: 'Empfang, zweiter Stock' },
    });
    const contact = (
      await admin.request('POST', '/api/v1/contacts', {
        body: { name: 'Jana Schulz', email: 'jana.schulz@muster.example', company: 'Muster GmbH' },
      })
    ).body;
    await admin.request('PUT', `/api/v1/contacts/${contact.id}/devices/${state.deviceId}`);
    const ticket = (
      await admin.request('POST', '/api/v1/tickets', {
        body: {
          subject: 'Drucker klemmt',
          description: 'Seit heute früh.',
          contactId: contact.id,
          deviceId: state.deviceId,
        },
      })
    ).body;
    // A history entry: "changed status from Open to Waiting".
    await admin.request('PATCH', `/api/v1/tickets/${ticket.id}`, { body: { status: 'waiting' } });
    await server.invite();
    await admin.request('POST', '/api/v1/invites/deployments', {
      body: { name: 'Rollout Etage 3', expectedCount: 4, groupId: group.id },
    });
    await admin.request('POST', '/api/v1/invites/support', { body: { clientName: 'Jana Schulz' } });
    await admin.request('POST', '/api/v1/team/invitations', {
      body: { email: 'kollegin@muster.example', role: 'member' },
    });
    await admin.request('POST', '/api/v1/roles', {
      body: { name: 'Technik', permissions: ['device.view', 'ticket.view'] },
    });
    await admin.request('POST', '/api/v1/api-keys', { body: { name: 'Berichtsskript', scopes: ['*'] } });
    const user = await server.createUser(`inhaberin-${Date.now()}@muster.example`, 'owner');

    const page = await signedInPage(chromium, server.url, user, pageErrors);
    await page.goto(new URL('/account', server.url).href);
    await settled(page);
    await chooseOption(page, 'Language', 'Deutsch');
    await page.getByRole('button', { name: 'Save changes' }).click();
    // The app loads again in German.
    await page.getByRole('heading', { name: 'Kontoeinstellungen' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).to.equal('de');
    const account = (await page.evaluate(`fetch('/api/v1/account').then((r) => r.json())`)) as { language: string };
    expect(account.language).to.equal('de');

    const phrases = await englishPhrases();
    expect(phrases.length, 'English phrases to look for').to.be.greaterThan(300);
    const found: string[] = [];
    const visited: string[] = [];
    const check = async (name: string, { page: appPage = true } = {}) => {
      if (appPage) await settled(page);
      const where = `${new URL(page.url()).pathname}${appPage ? '' : ` (${name})`}`;
      visited.push(where);
      for (const text of new Set(await pageTexts(page))) {
        const phrase = phrases.find((p) => text.includes(p));
        const word = englishWords.find((w) => w.test(text));
        if (phrase || word) found.push(`${where}: "${text}" (${phrase ? `"${phrase}"` : word})`);
      }
      await screenshot(page, `german-${name}`);
    };
    await check('account');

    // Every entry of the menu (and those under Devices), as the user opens them.
    const nav = page.getByRole('navigation', { name: 'Hauptmenü' });
    const links = await nav
      .getByRole('link')
      .evaluateAll((all: Array<{ getAttribute(name: string): string | null; textContent: string | null }>) =>
        all.map((a) => ({ href: a.getAttribute('href')!, text: a.textContent!.trim() })),
      );
    expect(links.map((link) => link.text)).to.include.members(['Übersicht', 'Geräte', 'Kontakte', 'Einstellungen']);
    const name = (href: string) =>
      href
        .slice(1)
        .replace(/[0-9a-f-]{36}/, 'id')
        .replaceAll('/', '-') || 'home';
    for (const { href } of links) {
      await nav.locator(`a[href="${href}"]`).first().click();
      await check(name(href));
    }
    // Every tab of Settings (account, notifications, team, roles, API keys, audit log, tenants, the plugins' tabs).
    const tabs = await page
      .locator('nav.tabs a')
      .evaluateAll((all: Array<{ getAttribute(name: string): string | null }>) =>
        all.map((a) => a.getAttribute('href')!),
      );
    expect(tabs.length, 'Settings tabs').to.be.greaterThan(5);
    for (const href of tabs) {
      await page.locator(`nav.tabs a[href="${href}"]`).click();
      await check(name(href));
    }
    // Pages reached from lists, and the user menu.
    for (const [path, name] of [
      [`/devices/d/${state.deviceId}`, 'device'],
      ['/devices/invites', 'invites'],
      [`/tickets/${ticket.id}`, 'ticket'],
      ['/tickets/new', 'new-ticket'],
      [`/contacts/${contact.id}`, 'contact'],
      ['/contacts/new', 'new-contact'],
    ] as const) {
      await page.goto(new URL(path, server.url).href);
      await check(name);
    }
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Abmelden' }).waitFor();
    await check('user-menu');
    // The tour, from the user menu.
    await page.getByRole('menuitem', { name: 'Rundgang starten' }).click();
    await page.getByRole('heading', { name: 'Willkommen bei Outpost' }).waitFor();
    await check('tour', { page: false });
    await page.getByRole('button', { name: 'Rundgang überspringen' }).click();
    // Signed out, the sign-in page keeps the language this browser used last.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Abmelden' }).click();
    await page.getByRole('button', { name: 'Anmelden' }).waitFor();
    await page.getByText('Sie sind abgemeldet.').waitFor();
    await check('sign-in', { page: false });

    expect(visited).to.include.members([
      '/',
      '/devices',
      '/tickets',
      '/contacts',
      '/settings/account',
      '/settings/team',
      '/settings/roles',
      '/settings/api-keys',
      '/settings/audit',
      '/settings/tenants',
    ]);
    expect(found, `\nEnglish on German pages:\n${found.join('\n')}\n`).to.have.length(0);
  });
});
