// A guide's day in Chromium: Min dag, the contact card's composer and actions, search,
// the cases list and the figures, each page checked with axe and at 320 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, expectNoHorizontalScroll, launchBrowser, newPage, signIn, screenshotPage } from './support/browser.js';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

let product: TestProduct;
let browser: Browser;
let page: Page;
/** Set to a folder (e.g. docs) to keep screenshots of the pages. */

beforeAll(async () => {
  [product, browser] = await Promise.all([startTestProduct({ name: 'web-guide-day' }), launchBrowser()]);
  page = await newPage(browser, product);
  if (process.env.TEST_LOGS) page.on('console', (message) => console.log('browser:', message.text()));
  if (process.env.TEST_LOGS) page.on('response', (response) => console.log('response:', response.status(), response.url()));
  await signIn(page, product, product.coordinators.are.email);
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

const screenshot = (name: string, target: Page = page) => screenshotPage(name, target);

const caseCard = (target: Page, lastName: string) => target.locator('.case-card', { hasText: lastName });

async function reloadUntil(target: Page, check: () => Promise<boolean>, what: string) {
  await eventually(
    async () => {
      await target.reload();
      return check();
    },
    (ok) => ok,
    { what, timeoutMs: 30_000 },
  );
}

describe("a guide's day in the browser", () => {
  it('shows an intake from the API on Min dag with its due text, preferred contact and topics', async () => {
    const body = intakeBody({ municipalities: ['are'], preferredContactMethod: 'phone', interests: ['housing'] });
    const intake = await product.intake(body);
    expect(intake.status).toBe(202);
    await page.goto('/');
    const card = caseCard(page, body.lastName);
    // Received today: the due day is the fifth working day after today.
    expect(await card.textContent()).toContain('5 arbetsdagar kvar');
    expect(await card.textContent()).toContain(`Vill bli kontaktad per telefon: ${body.phone}`);
    expect(await card.textContent()).toContain('Hitta bostad');
    expect(await card.textContent()).toContain('tasteget.nu');
    await expectNoAxeViolations(page);
    await screenshot('min-dag');
  });

  it('logs a reached call with the keyboard alone and the case turns "Besvarad i tid"', async () => {
    const body = intakeBody({ municipalities: ['are'] });
    const intake = await product.intake(body);
    await page.goto(`/contacts/${intake.body.contactId}`);
    expect(await page.locator('.case-sla').first().textContent()).toContain('5 arbetsdagar kvar');
    await expectNoAxeViolations(page);
    // Tab to the summary field (bounded), type, Tab to the button and press Enter.
    for (let presses = 0; presses < 60; presses += 1) {
      if ((await page.evaluate(() => document.activeElement?.id)) === 'summary') break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('summary');
    await page.keyboard.type('Ringde och berättade om bostäder i Åre.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Spara i tidslinjen');
    await page.keyboard.press('Enter');
    // htmx swapped the card: focus is on the saved message and the live region says so.
    await page.locator('.flash').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('flash');
    await expect.poll(() => page.locator('#announcer').textContent()).toContain('Sparat');
    expect(await page.locator('.case-sla').first().textContent()).toContain('Besvarad i tid');
    expect(await page.locator('.timeline').textContent()).toContain('Samtal – nådde personen');
    expect(await page.locator('.timeline').textContent()).toContain('Ringde och berättade om bostäder i Åre.');
    const row = await product.db.activity.findFirstOrThrow({ where: { contactId: intake.body.contactId } });
    expect(row).toMatchObject({ type: 'phone', outcome: 'reached', authorId: product.coordinators.are.id });
    await expectNoAxeViolations(page);
    await screenshot('contact-card');
  });

  it('still works without JavaScript: a plain form post and redirect', async () => {
    const context = await browser.newContext({ baseURL: product.baseUrl, javaScriptEnabled: false });
    const plain = await context.newPage();
    await signIn(plain, product, product.coordinators.are.email);
    const intake = await product.intake(intakeBody({ municipalities: ['are'] }));
    await plain.goto(`/contacts/${intake.body.contactId}`);
    await plain.getByLabel('Anteckning', { exact: true }).check();
    await plain.getByLabel('Vad sades eller skrevs?').fill('Anteckning utan JavaScript');
    await plain.getByRole('button', { name: 'Spara i tidslinjen' }).click();
    await plain.waitForURL((url) => url.search.includes('saved=activity'));
    expect(await plain.locator('.timeline').textContent()).toContain('Anteckning utan JavaScript');
    await context.close();
  });

  it("transfers a case, which leaves Min dag for the other unit's", async () => {
    const body = intakeBody({ municipalities: ['are'] });
    const intake = await product.intake(body);
    await page.goto('/');
    await caseCard(page, body.lastName).waitFor();
    await page.goto(`/contacts/${intake.body.contactId}`);
    await page.getByText('Flytta ärendet / Avsluta ärendet').click();
    await page.getByLabel('Till', { exact: true }).selectOption('krokom');
    await page.getByLabel('Meddelande till mottagaren').fill('Vill hellre bo i Krokom');
    await page.getByRole('button', { name: 'Flytta ärendet' }).click();
    await page.locator('.flash').waitFor();
    expect(await page.locator('.timeline').textContent()).toContain('Flyttat Åre → Krokom');
    await page.goto('/');
    await reloadUntil(page, async () => (await caseCard(page, body.lastName).count()) === 0, 'case gone from Åre');
    await page.goto('/?unit=krokom');
    await reloadUntil(page, async () => (await caseCard(page, body.lastName).count()) === 1, 'case on Krokom');
    await expectNoAxeViolations(page);
  });

  it('closes a case', async () => {
    const body = intakeBody({ municipalities: ['are'] });
    const intake = await product.intake(body);
    await page.goto(`/contacts/${intake.body.contactId}`);
    await page.getByText('Flytta ärendet / Avsluta ärendet').click();
    await page.getByRole('button', { name: 'Avsluta ärendet' }).click();
    await page.locator('.flash').waitFor();
    await eventually(() => product.db.case.findUniqueOrThrow({ where: { id: intake.body.caseId } }), (row) => row.status === 'closed', { what: 'case closed' });
    await page.reload();
    expect(await page.locator('.case-sla').first().textContent()).toContain('Avslutad');
    expect(await page.locator('.timeline').textContent()).toContain('Ärendet avslutades');
    expect(await page.getByRole('button', { name: 'Avsluta ärendet' }).count()).toBe(0);
  });

  it('finds a contact by a phone number typed another way, by case number and by workflow id', async () => {
    const body = intakeBody({ phone: '+46701234567', lastName: `Sökbar-${product.tag}` });
    const intake = await product.intake(body);
    await page.goto('/search');
    await page.getByLabel('Namn, e-post, telefon, ärendenummer eller workflow-id').fill('070-123 45 67');
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.getByRole('link', { name: `Anna ${body.lastName}` }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/träff/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('070-123 45 67');
    await expectNoAxeViolations(page);
    const row = await product.db.case.findUniqueOrThrow({ where: { id: intake.body.caseId } });
    for (const query of [String(row.number), intake.body.workflowId.replace(product.workflowIdPrefix, '')]) {
      await page.goto(`/search?q=${encodeURIComponent(query)}`);
      expect(await page.getByRole('link', { name: `Anna ${body.lastName}` }).count()).toBe(1);
    }
  });

  it("corrects a contact's phone and shows the change on the timeline with who made it", async () => {
    const body = intakeBody({ phone: '+46705550000' });
    const intake = await product.intake(body);
    await page.goto(`/contacts/${intake.body.contactId}`);
    await page.getByLabel('Telefon', { exact: true }).fill('073-111 22 33');
    await page.getByRole('button', { name: 'Spara uppgifterna' }).click();
    await page.locator('.flash').waitFor();
    const timeline = await page.locator('.timeline').textContent();
    expect(timeline).toContain('telefon: +46705550000 → +46731112233');
    expect(timeline).toContain(`av Vägledare are`);
    expect((await product.db.contact.findUniqueOrThrow({ where: { id: intake.body.contactId } })).phone).toBe('+46731112233');
  });

  it('filters the cases list and links each case to the Temporal Web UI', async () => {
    await page.goto('/cases');
    await page.getByLabel('Enhet').selectOption('krokom');
    await page.getByRole('button', { name: 'Filtrera' }).click();
    await page.waitForURL((url) => url.searchParams.get('unit') === 'krokom');
    const cards = page.locator('#results .case-card');
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    expect(await cards.allTextContents()).toSatisfy((texts: string[]) => texts.every((text) => text.includes('Krokom')));
    const temporalLink = await cards.first().getByRole('link', { name: /Öppna i Temporal/ }).getAttribute('href');
    expect(temporalLink).toMatch(/^http:\/\/localhost:8233\/namespaces\/[^/]+\/workflows\/.+case-are-\d{6}$/);
    await expectNoAxeViolations(page);
  });

  it('shows the figures inside the app navigation', async () => {
    await page.goto('/figures');
    expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Nyckeltal' }).getAttribute('aria-current')).toBe('page');
    expect(await page.locator('.figures section').count()).toBe(3);
    await expectNoAxeViolations(page);
  });

  it('switches to English', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'In English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('My day');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'På svenska' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Min dag');
  });

  it('works at 320 px wide on every page', async () => {
    const intake = await product.intake(intakeBody());
    const phone = await newPage(browser, product, { width: 320, height: 640 });
    await signIn(phone, product, product.coordinators.are.email);
    for (const pathName of ['/', `/contacts/${intake.body.contactId}`, '/search?q=Anna', '/cases', '/figures']) {
      await phone.goto(pathName);
      await expectNoHorizontalScroll(phone);
      await expectNoAxeViolations(phone);
    }
    await phone.goto(`/contacts/${intake.body.contactId}`);
    await screenshot('contact-card-320px', phone);
    await phone.context().close();
  });
});
