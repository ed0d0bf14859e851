// The yearly move-status review in Chromium (MISSION.md §7): an admin starts a round, a
// guide works Åre's list beside each contact's latest dialog (one outcome of each kind, one
// with the keyboard alone), and the in-migration figures follow.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inMigrationReport } from '../api/reports/in-migration-figures.js';
import { todayInStockholm } from '../domain/stockholm-time.js';
import { expectNoAxeViolations, expectNoHorizontalScroll, launchBrowser, localLink, newPage, signIn, screenshotPage } from './support/browser.js';
import { startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

let product: TestProduct;
let browser: Browser;
let guide: Page;
const today = todayInStockholm();
const year = Number(today.slice(0, 4));

async function seedContact(firstName: string, chosen: string[]) {
  const contact = await product.db.contact.create({
    data: {
      id: randomUUID(),
      firstName,
      lastName: `Granskad-${product.tag}`,
      email: `${firstName.toLowerCase()}.${product.tag}@example.se`,
      phone: '+46701112233',
      preferredContactMethod: 'email',
      chosenMunicipalities: chosen,
      moveStatus: 'considering',
      householdAdults: 2,
      householdChildren: 1,
      moveTimeframe: 'inom ett år',
      consentAt: new Date(),
      consentSource: 'test',
      lastActivityAt: new Date(),
    },
  });
  await product.db.activity.create({
    data: { id: randomUUID(), contactId: contact.id, type: 'phone', outcome: 'reached', occurredAt: new Date(), summary: `Samtal med ${firstName} om bostad`, authorId: product.coordinators.are.id },
  });
  return contact;
}

let contacts: Record<'Ada' | 'Bo' | 'Cia' | 'Dan' | 'Ebba' | 'Fia', { id: string; name: string }>;

const progressText = (target: Page) => target.locator('#progress-text').textContent();
const panelHeading = (target: Page) => target.locator('#panel-heading').textContent();
const moveStatusOf = async (id: string) => (await product.db.contact.findUniqueOrThrow({ where: { id } })).moveStatus;
const movesThisYear = async () => (await inMigrationReport(product.db, { year, now: new Date() })).total.moves;
async function peopleOnFiguresPage(target: Page) {
  await target.goto('/figures');
  return Number((await target.locator('.summary li').first().locator('.value').textContent())!.replace(/\D/g, ''));
}

const screenshot = (name: string, target: Page) => screenshotPage(name, target);

beforeAll(async () => {
  [product, browser] = await Promise.all([startTestProduct({ name: 'web-review' }), launchBrowser()]);
  const seeded = await Promise.all(
    (['Ada', 'Bo', 'Cia', 'Dan'] as const).map((name) => seedContact(name, ['are'])).concat(seedContact('Ebba', []), seedContact('Fia', ['krokom'])),
  );
  contacts = Object.fromEntries(seeded.map((row) => [row.firstName, { id: row.id, name: `${row.firstName} ${row.lastName}` }])) as typeof contacts;
  guide = await newPage(browser, product);
  await signIn(guide, product, product.coordinators.are.email);
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

describe('the yearly review in the browser', () => {
  it('lets an admin start a review and see every unit’s progress and the region’s list', async () => {
    const admin = await newPage(browser, product);
    await signIn(admin, product, product.coordinators.admin.email, '/review');
    expect(await admin.getByText('Ingen genomgång har startats ännu.').count()).toBe(1);
    await expectNoAxeViolations(admin);
    await admin.getByRole('button', { name: 'Starta en genomgång nu' }).click();
    await admin.getByText('Genomgången har startats.').waitFor();
    await eventually(
      async () => {
        await admin.goto('/review');
        return admin.locator('.units-table').count();
      },
      (count) => count === 1,
      { what: 'the review lists built', timeoutMs: 30_000 },
    );
    const row = (unit: string) => admin.locator('.units-table tbody tr', { hasText: unit }).locator('td').allTextContents();
    expect(await row('Åre')).toEqual(['4', '0', '4']);
    expect(await row('Krokom')).toEqual(['1', '0', '1']);
    expect(await row('Region Jämtland Härjedalen')).toEqual(['1', '0', '1']);
    expect(await admin.getByRole('button', { name: 'Starta en genomgång nu' }).count()).toBe(0);
    // The admin's unit is the region: its list holds those who chose no municipality.
    expect(await admin.locator('#list-heading').textContent()).toContain('Region');
    expect(await admin.locator('.review-items').textContent()).toContain(contacts.Ebba.name);
    expect(await admin.getByText('kontakter som inte valt någon kommun').count()).toBe(1);
    await expectNoAxeViolations(admin);
    await admin.context().close();
  });

  it("links each unit's summary email to the review page", async () => {
    const [summary] = await product.mailbox.waitFor(
      (mail) => product.mailbox.addressedTo(mail, product.coordinators.are.email) && mail.subject.startsWith('Flyttstatusgenomgång: 4 kontakter'),
    );
    const link = /Listan och framstegen: (\S+)/.exec(summary!.text)![1]!;
    expect(link).toBe('http://test.local/review');
    await guide.goto(localLink(product, link));
    expect(await guide.locator('#list-heading').textContent()).toBe('Lista för Åre');
  });

  it('gives a plain coordinator no start button and refuses the form post', async () => {
    await guide.goto('/review');
    expect(await guide.getByRole('button', { name: 'Starta en genomgång nu' }).count()).toBe(0);
    const csrf = await guide.locator('input[name="_csrf"]').first().inputValue();
    const refused = await guide.request.post('/review/start', { form: { _csrf: csrf }, maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('<h1>');
    expect(await product.db.moveStatusReview.count()).toBe(1);
  });

  it('records "moved here" with municipality and date beside the last dialog, and the in-migration figures count it', async () => {
    const movesBefore = await movesThisYear();
    const peopleBefore = await peopleOnFiguresPage(guide);
    await guide.goto('/review');
    expect(await guide.getByRole('link', { name: 'Årsgenomgång' }).getAttribute('aria-current')).toBe('page');
    expect(await progressText(guide)).toBe('0 klara, 4 kvar av 4');
    await expectNoAxeViolations(guide);

    await guide.locator('.review-items').getByRole('link', { name: contacts.Ada.name }).click();
    await expect.poll(() => panelHeading(guide)).toBe(contacts.Ada.name);
    expect(new URL(guide.url()).searchParams.get('contact')).toBe(contacts.Ada.id);
    expect(await guide.locator('#panel .timeline').textContent()).toContain('Samtal med Ada om bostad');
    await expectNoAxeViolations(guide);
    await guide.getByLabel('Flyttade till kommun').selectOption('are');
    await guide.getByLabel('Flyttdatum').fill(today);
    await guide.getByRole('button', { name: /Spara: har flyttat hit/ }).click();

    await expect.poll(() => progressText(guide)).toBe('1 klara, 3 kvar av 4');
    // The next open item is shown at once.
    expect([contacts.Bo.name, contacts.Cia.name, contacts.Dan.name]).toContain(await panelHeading(guide));
    expect(await guide.locator('.flash').textContent()).toContain('Har flyttat hit');
    const ada = await product.db.contact.findUniqueOrThrow({ where: { id: contacts.Ada.id } });
    expect(ada).toMatchObject({ moveStatus: 'moved', movedToMunicipality: 'are' });
    expect(ada.movedOn?.toISOString().slice(0, 10)).toBe(today);
    expect(await movesThisYear()).toBe(movesBefore + 1);
    expect(await peopleOnFiguresPage(guide)).toBe(peopleBefore + 3);
  });

  it('records "moved elsewhere" without leaving the list', async () => {
    await guide.goto('/review');
    await guide.locator('.review-items').getByRole('link', { name: contacts.Bo.name }).click();
    await expect.poll(() => panelHeading(guide)).toBe(contacts.Bo.name);
    await guide.getByRole('button', { name: /Flyttade någon annanstans/ }).click();
    await expect.poll(() => progressText(guide)).toBe('2 klara, 2 kvar av 4');
    expect(await moveStatusOf(contacts.Bo.id)).toBe('moved-elsewhere');
    expect(await guide.locator('.review-items').textContent()).not.toContain(contacts.Bo.name);
  });

  it('records "not moving" with the keyboard alone', async () => {
    await guide.goto('/review');
    const firstOpen = (await guide.locator('.review-items a').first().textContent())!;
    await guide.keyboard.press('j');
    await expect.poll(() => panelHeading(guide)).toBe(firstOpen);
    // Focus is on the contact's name, not in a field, so the outcome keys work.
    await expect.poll(() => guide.evaluate(() => document.activeElement?.id)).toBe('panel-heading');
    await screenshot('web-review', guide);
    await guide.keyboard.press('3');
    await expect.poll(() => progressText(guide)).toBe('3 klara, 1 kvar av 4');
    const id = firstOpen === contacts.Cia.name ? contacts.Cia.id : contacts.Dan.id;
    expect(await moveStatusOf(id)).toBe('not-moving');
    await expect.poll(() => guide.locator('#announcer').textContent()).toContain('Flyttar inte');
    // Typing a shortcut key in a field does nothing.
    await guide.getByLabel('Flyttdatum').focus();
    await guide.keyboard.press('2');
    expect(await progressText(guide)).toBe('3 klara, 1 kvar av 4');
  });

  it('records "unchanged", after which the list is done; the figures did not move for the other outcomes', async () => {
    const moves = await movesThisYear();
    const last = (await panelHeading(guide))!;
    const id = last === contacts.Cia.name ? contacts.Cia.id : contacts.Dan.id;
    await guide.getByRole('button', { name: /Oförändrad/ }).click();
    await expect.poll(() => progressText(guide)).toBe('4 klara, 0 kvar av 4');
    expect(await guide.getByText('Alla kontakter i listan är genomgångna.').count()).toBe(1);
    expect(await moveStatusOf(id)).toBe('considering');
    const item = await product.db.reviewItem.findFirstOrThrow({ where: { contactId: id, unit: 'are' } });
    expect(item.outcome).toBe('unchanged');
    expect(await movesThisYear()).toBe(moves);
    await guide.goto('/review?show=all');
    expect(await guide.locator('.review-items li').count()).toBe(4);
    expect(await guide.locator('.review-items').textContent()).toContain('Klar: Flyttade någon annanstans');
    await expectNoAxeViolations(guide);
  });

  it('works at 320 px and without JavaScript', async () => {
    await guide.setViewportSize({ width: 320, height: 640 });
    await guide.goto(`/review?show=all&contact=${contacts.Ada.id}`);
    await expectNoHorizontalScroll(guide);
    await expectNoAxeViolations(guide);
    await screenshot('web-review-320px', guide);
    await guide.setViewportSize({ width: 1280, height: 900 });

    const context = await browser.newContext({ baseURL: product.baseUrl, javaScriptEnabled: false });
    const plain = await context.newPage();
    await signIn(plain, product, product.coordinators.krokom.email, '/review');
    await plain.locator('.review-items').getByRole('link', { name: `Fia Granskad-${product.tag}` }).click();
    await plain.waitForURL((url) => url.searchParams.get('contact') === contacts.Fia.id);
    await plain.getByRole('button', { name: /Oförändrad/ }).click();
    await plain.waitForURL((url) => url.searchParams.get('saved') === 'unchanged');
    expect(await progressText(plain)).toBe('1 klara, 0 kvar av 1');
    await context.close();
  });
});
