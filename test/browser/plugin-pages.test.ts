import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { discoverPluginPackages, until } from '@outpost/core/testing';
import { signedInPage, withBrowserAndServer } from '../helpers/browser.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// Top-level await: run-mocha loads test files as modules, so the tests below follow the plugins found.
const plugins = (await discoverPluginPackages(root)).map((found) => found.definition);
const pages = plugins.flatMap((plugin) =>
  (plugin.ui?.nav ?? []).map((entry) => ({ plugin: plugin.id, path: entry.path })),
);
const settingsTabs = plugins.flatMap((plugin) =>
  (plugin.ui?.settings ?? []).map((tab) => ({ plugin: plugin.id, id: tab.id, element: tab.element })),
);

/**
 * Every discovered plugin's menu pages open for an Owner: the plugin's module loads, its
 * `<id>-page` element renders something other than the not-found page (and each of its
 * Settings tabs shows its element), and nothing throws
 * (or breaks the Content-Security-Policy) in the page. A new plugin is covered as it is added.
 */
describe('plugin pages in the browser (chromium)', function () {
  this.timeout(120_000);
  const env = withBrowserAndServer({
    plugins,
    config: { plugins: { devices: { demoLocalAgent: false } }, auth: { sessions: { maxConcurrent: 100 } } },
  });
  let page: Page;

  before(async () => {
    const owner = await env.server.createUser('pages-owner@example.test', 'owner');
    page = await signedInPage(env.chromium, env.server.url, owner, env.pageErrors);
  });

  it('finds the plugins with pages', () => expect(pages.length).to.be.greaterThan(0));

  for (const { plugin, path } of pages) {
    it(`opens ${path} (${plugin})`, async () => {
      await page.goto(`${env.server.url}${path}`);
      const element = page.locator(`${plugin}-page`);
      await element.waitFor({ state: 'attached' });
      // Rendered: the element's shadow root holds something, and it is not the not-found page.
      await until(
        () => element.evaluate((node) => (node.shadowRoot?.childElementCount ?? 0) > 0),
        15_000,
        `${plugin}-page to render`,
      );
      expect(await page.locator('outpost-not-found').count(), `${path} shows the not-found page`).to.equal(0);
    });
  }

  for (const { plugin, id, element } of settingsTabs) {
    it(`opens the Settings tab ${id} with <${element}> (${plugin})`, async () => {
      await page.goto(`${env.server.url}/settings/${id}`);
      const tab = page.locator(element);
      await tab.waitFor({ state: 'attached' });
      await until(
        () => tab.evaluate((node) => (node.shadowRoot?.childElementCount ?? 0) > 0),
        15_000,
        `${element} to render`,
      );
      expect(await page.locator('outpost-not-found').count(), `/settings/${id} shows the not-found page`).to.equal(0);
    });
  }
});
