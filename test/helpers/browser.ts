import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import type { TestServerOptions } from '@outpost/core/testing';
import { expect } from 'chai';
import { type IdentityServer, startIdentityServer } from './identity.js';
import { repoRoot } from './processes.js';

export const chromiumPath = '/usr/bin/chromium';
export const screenshotDir = join(repoRoot, 'test-output', 'screenshots');

/**
 * Debian's chromium, headless, with nothing that reaches out to the internet. With
 * `pageErrors`, every context it opens (and every page in it) is watched: see `watchContext`.
 */
export async function launchChromium(pageErrors?: string[]): Promise<Browser> {
  if (!existsSync(chromiumPath))
    throw new Error(
      `browser tests need ${chromiumPath}: run scripts/ensure-chromium.sh as root (apt-get install chromium)`,
    );
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  if (pageErrors) {
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (options) => {
      const context = await newContext(options);
      await watchContext(context, pageErrors);
      return context;
    };
  }
  return browser;
}

const watched = new WeakSet<BrowserContext>();

/** What chromium writes to the console when the Content-Security-Policy refuses something. */
const cspConsoleMessage = /Content Security Policy|Content-Security-Policy|^Refused to /;

/**
 * Collects into `pageErrors`, for every page of the context: errors thrown in the page,
 * and every Content-Security-Policy violation, both as chromium logs it to the console
 * ("Refused to apply inline style ...") and as the `securitypolicyviolation` event the
 * document gets (which names the directive and the script line). Tests assert the
 * array empty, so a style or script the policy blocks fails them. It also counts the
 * page's requests in flight, for `settled`.
 */
export async function watchContext(context: BrowserContext, pageErrors: string[]): Promise<void> {
  if (watched.has(context)) return;
  watched.add(context);
  await context.exposeBinding('outpostReportViolation', (_source, text: string) => void pageErrors.push(text));
  // Runs in the page before its own scripts (a string, as the tests compile without DOM types).
  await context.addInitScript(`addEventListener('securitypolicyviolation', (e) => {
    window.outpostReportViolation('CSP violation on ' + location.pathname + ': ' + e.effectiveDirective + ' refused '
      + (e.blockedURI || 'inline') + ' at ' + (e.sourceFile || '?') + ':' + e.lineNumber + (e.sample ? ' (' + e.sample + ')' : ''));
  }, true);`);
  // A fetch counts until its body is read: the page has its answer then.
  await context.addInitScript(`(() => {
    const fetch = window.fetch;
    let pending = 0;
    Object.defineProperty(window, 'outpostPendingFetches', { get: () => pending });
    window.fetch = function (...args) {
      pending += 1;
      return fetch.apply(this, args).then(
        (response) => (response.clone().arrayBuffer().catch(() => undefined).finally(() => (pending -= 1)), response),
        (error) => { pending -= 1; throw error; },
      );
    };
  })();`);
  const watchPage = (page: Page) => {
    page.on('pageerror', (error) =>
      pageErrors.push(`${error.message} ${error.stack?.split('\n').slice(1, 3).join(' ') ?? ''}`),
    );
    page.on('console', (message) => {
      if (message.type() === 'error' && cspConsoleMessage.test(message.text()))
        pageErrors.push(`console on ${new URL(page.url()).pathname}: ${message.text()}`);
    });
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
}

/**
 * Whatever passes the right edge of the viewport (a page that scrolls sideways on a
 * phone): the document when it is wider than the window, and each visible element, in
 * the light DOM or a shadow root, that sticks out of the window past its parent, named
 * by its path. Content inside a container that scrolls or clips sideways is fine.
 */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  // Runs in the page (a string, as the tests compile without DOM types).
  return (await page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const past = (box) => box.width > 0 && box.height > 0 && box.right > width + 0.5;
    const found = [];
    const root = document.scrollingElement;
    if (root.scrollWidth > width) found.push('the document is ' + root.scrollWidth + ' px wide in a ' + width + ' px window');
    const parentOf = (el) => el.assignedSlot ?? el.parentElement ?? el.getRootNode().host ?? null;
    const boxParentOf = (el) => {
      let x = parentOf(el);
      while (x && getComputedStyle(x).display === 'contents') x = parentOf(x);
      return x;
    };
    const name = (el) => el.localName + (el.id ? '#' + el.id : '') + [...el.classList].map((c) => '.' + c).join('')
      + (el.dataset && el.dataset.testid ? '[data-testid=' + el.dataset.testid + ']' : '');
    const path = (el) => { const names = []; for (let x = el; x; x = parentOf(x)) names.unshift(name(x)); return names.join(' > '); };
    // Inside something that scrolls or clips sideways and itself fits, overflow is that box's business.
    const clipped = (el) => {
      for (let x = el; x && x !== document.documentElement && x !== document.body; x = parentOf(x)) {
        if (getComputedStyle(x).overflowX !== 'visible' && x.getBoundingClientRect().right <= width + 0.5) return true;
      }
      return false;
    };
    const visit = (el) => {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') return;
      const box = el.getBoundingClientRect();
      const parent = boxParentOf(el);
      const parentRight = parent ? parent.getBoundingClientRect().right : 0;
      // Named where it starts: past the window, and past its parent or in a parent that fits.
      if (style.display !== 'contents' && past(box) && (parentRight <= width + 0.5 || box.right > parentRight + 0.5) && !clipped(parentOf(el))) {
        found.push(path(el) + ' reaches ' + Math.round(box.right) + ' px');
      }
      for (const node of el.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const text = range.getBoundingClientRect();
        if (past(text) && !past(box) && !clipped(el)) found.push(path(el) + ' text "' + node.textContent.trim().slice(0, 40) + '" reaches ' + Math.round(text.right) + ' px');
      }
      for (const child of el.shadowRoot ? el.shadowRoot.children : []) visit(child);
      for (const child of el.children) visit(child);
    };
    visit(document.body);
    return found;
  })()`)) as string[];
}

/**
 * Waits until the app shows a page (a heading in its main area) and has read the answer
 * of every request it made, then for two frames to draw them: the page as the user sees it.
 * Needs a context that `watchContext` watches.
 */
export async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  // A function, not a string: Playwright polls a string with eval, which the app's policy refuses.
  await page.waitForFunction(
    () => (globalThis as unknown as { outpostPendingFetches: number }).outpostPendingFetches === 0,
  );
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
}

/** Fails when anything on the page passes the right edge of the window (see `horizontalOverflow`). */
export async function expectFitsWidth(page: Page, where = new URL(page.url()).pathname): Promise<void> {
  const overflow = await horizontalOverflow(page);
  if (overflow.length)
    throw new Error(
      `${where} is wider than the ${page.viewportSize()?.width ?? '?'} px window:\n  ${overflow.join('\n  ')}`,
    );
}

export const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};

/**
 * Saves a screenshot of the page as `<name>-<viewport>.png` in test-output/screenshots
 * (`name` may hold a folder: `matrix/devices-dark`), after checking that the page fits
 * the window's width (every page a test shows must).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await expectFitsWidth(page, name);
  const size = page.viewportSize();
  const label = size && size.width < 768 ? 'phone' : 'desktop';
  const file = join(screenshotDir, `${name}-${label}.png`);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
}

let axeSource: string | undefined;

/**
 * The serious and critical WCAG 2.1 A/AA violations axe-core finds on the page as it is
 * now, shadow roots included, one line each (rule, impact, the first elements). axe runs
 * in the page through the debugging protocol, so the page keeps its Content-Security-Policy
 * (a script tag would need `bypassCSP`, which would hide the violations the tests look for).
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if ((await page.evaluate('typeof window.axe')) === 'undefined') await page.evaluate(`${axeSource}\n;0`);
  const result = (await page.evaluate(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })",
  )) as { violations: AxeViolation[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}, ${v.nodes.length} element(s)): ${v.help}: ${v.nodes.slice(0, 3).map(describeNode).join('; ')}`,
    );
}

interface AxeNode {
  target: unknown;
  any: Array<{ data?: { fgColor?: string; bgColor?: string; contrastRatio?: number; expectedContrastRatio?: string } }>;
}
interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: AxeNode[];
}

/** An element axe names: its path through shadow roots, and for contrast, the colors and their ratio. */
function describeNode(node: AxeNode): string {
  const data = node.any[0]?.data;
  const colors = data?.contrastRatio
    ? ` (${data.fgColor} on ${data.bgColor}: ${data.contrastRatio}:1, needs ${data.expectedContrastRatio})`
    : '';
  return `${JSON.stringify(node.target)}${colors}`;
}

/**
 * Chromium and an identity server for one describe block: both start before its tests
 * and stop after them; read them from the returned object inside the tests. Every test
 * fails on errors thrown in its pages and on Content-Security-Policy violations.
 */
export function withBrowserAndServer(options: TestServerOptions = {}): {
  chromium: Browser;
  server: IdentityServer;
  pageErrors: string[];
} {
  const env = { pageErrors: [] as string[] } as { chromium: Browser; server: IdentityServer; pageErrors: string[] };
  before(async () => {
    env.chromium = await launchChromium(env.pageErrors);
    env.server = await startIdentityServer(options);
  });
  after(async () => {
    await env.chromium?.close();
    await env.server?.stop();
  });
  afterEach(() => expect(env.pageErrors.splice(0), 'errors in the page').to.deep.equal([]));
  return env;
}

/**
 * Types the address and password into the sign-in page's fields, found by their labels as
 * a user finds them (they are `wa-input`s: `getByLabel` reaches the field in their shadow
 * root), and presses the Sign in button.
 */
export async function fillSignIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.getByLabel('E-mail address', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * A new browser context signed in as the user through the sign-in form, past the
 * first-sign-in tour; errors thrown in the page and CSP violations are collected into
 * `pageErrors`.
 */
export async function signedInPage(
  chromium: Browser,
  url: string,
  user: { email: string; password: string },
  pageErrors: string[],
  viewport: keyof typeof viewports = 'desktop',
): Promise<Page> {
  const context = await chromium.newContext({ viewport: viewports[viewport], acceptDownloads: true });
  await watchContext(context, pageErrors);
  const page = await context.newPage();
  await page.goto(url);
  await fillSignIn(page, user);
  // The shell is up and its stream live (its sidebar is in the page, hidden behind the menu on a phone):
  // the account is loaded by then, so the first-sign-in tour, if any, is on the page to skip.
  await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ state: 'attached' });
  const skip = page.getByRole('button', { name: 'Skip the tour' });
  if (await skip.count()) await skip.click();
  return page;
}

/** Opens a Settings tab as a user does: Settings in the menu (a desktop-wide window's sidebar), then the tab. */
export async function openSettingsTab(page: Page, tab: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: tab, exact: true }).click();
}
