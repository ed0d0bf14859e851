// A real browser for the web app's tests: Debian's chromium driven by playwright-core,
// with axe-core for the accessibility checks.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { PUBLIC_BASE_URL, type TestProduct } from './product.js';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newPage(browser: Browser, product: TestProduct, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: product.baseUrl, viewport, locale: 'sv-SE' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

/** Links in emails name the public address; the test follows them to the in-process app. */
export const localLink = (product: TestProduct, link: string) => link.replace(PUBLIC_BASE_URL, product.baseUrl);

/** The newest sign-in link the mail sink holds for the address (waits for it). */
export async function signInLinkFor(product: TestProduct, address: string, after: Set<string> = new Set()): Promise<string> {
  const [email] = await product.mailbox.waitFor(
    (mail) => product.mailbox.addressedTo(mail, address) && mail.subject.includes('inloggningslänk') && !after.has(mail.id),
  );
  const match = /https?:\/\/\S+\/sign-in\/link\?token=[A-Za-z0-9_-]+/.exec(email!.text);
  if (!match) throw new Error('the sign-in email has no link');
  return localLink(product, match[0]);
}

async function seenMailIds(product: TestProduct) {
  return new Set((await product.mailbox.all()).map((mail) => mail.id));
}

/** Signs in as a guide would: type the address, open the link from the email, press the button. */
export async function signIn(page: Page, product: TestProduct, address: string, startAt = '/') {
  const seen = await seenMailIds(product);
  await page.goto(startAt);
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await page.getByLabel('E-postadress').fill(address);
  await page.getByRole('button', { name: 'Skicka inloggningslänk' }).click();
  await page.getByRole('heading', { name: 'Kolla din e-post' }).waitFor();
  const link = await signInLinkFor(product, address, seen);
  await page.goto(link);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in/link');
}

/** Zero axe violations for WCAG 2.1 A and AA on the page as it is now. */
export async function expectNoAxeViolations(page: Page) {
  // evaluate() runs outside the page's Content-Security-Policy, which forbids inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({ id: violation.id, help: violation.help, targets: violation.nodes.map((node) => JSON.stringify(node.target)) }));
  });
  expect(violations, `axe violations on ${page.url()}`).toEqual([]);
}

/** Nothing sticks out sideways at this width (the 320 px phone layout). */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** A full-page picture into WEB_SCREENSHOT_DIR, when set (the README's and the closing notes' screenshots). */
export async function screenshotPage(name: string, target: Page) {
  const dir = process.env.WEB_SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await target.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
