import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import type { TestServerOptions } from '@outpost/core/testing';
import { type IdentityServer, startIdentityServer } from './identity.js';
import { repoRoot } from './processes.js';

export const chromiumPath = '/usr/bin/chromium';
export const screenshotDir = join(repoRoot, 'test-output', 'screenshots');

/** Debian's chromium, headless, with nothing that reaches out to the internet. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`browser tests need ${chromiumPath}: run scripts/ensure-chromium.sh as root (apt-get install chromium)`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};

/** Saves a screenshot of the page as `<name>-<viewport>.png` in test-output/screenshots. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const size = page.viewportSize();
  const label = size && size.width < 768 ? 'phone' : 'desktop';
  await page.screenshot({ path: join(screenshotDir, `${name}-${label}.png`), fullPage: true });
}

/**
 * Chromium and an identity server for one describe block: both start before its tests
 * and stop after them; read them from the returned object inside the tests.
 */
export function withBrowserAndServer(options: TestServerOptions = {}): { chromium: Browser; server: IdentityServer } {
  const env = {} as { chromium: Browser; server: IdentityServer };
  before(async () => {
    env.chromium = await launchChromium();
    env.server = await startIdentityServer(options);
  });
  after(async () => {
    await env.chromium?.close();
    await env.server?.stop();
  });
  return env;
}

/**
 * A new browser context signed in as the user through the sign-in form, past the
 * first-sign-in tour; errors thrown in the page are collected into `pageErrors`.
 */
export async function signedInPage(
  chromium: Browser,
  url: string,
  user: { email: string; password: string },
  pageErrors: string[],
  viewport: keyof typeof viewports = 'desktop',
): Promise<Page> {
  const context = await chromium.newContext({ viewport: viewports[viewport], acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${error.message} ${error.stack?.split('\n').slice(1, 3).join(' ') ?? ''}`));
  await page.goto(url);
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('dashboard-empty').waitFor();
  const skip = page.getByRole('button', { name: 'Skip the tour' });
  if (await skip.count()) await skip.click();
  return page;
}
