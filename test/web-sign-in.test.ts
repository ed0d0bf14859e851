// The guides' web app in Chromium: signing in from the email, sessions, CSRF.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../domain/secrets.js';
import { cookieOptions } from '../web/session.js';
import { expectNoAxeViolations, launchBrowser, localLink, newPage, signIn, signInLinkFor } from './support/browser.js';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;
let browser: Browser;

beforeAll(async () => {
  [product, browser] = await Promise.all([startTestProduct({ name: 'web-sign-in' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

describe('signing in to the web app', () => {
  it('sends a signed-out visitor to sign-in and back where they were going', async () => {
    const page = await newPage(browser, product);
    await page.goto('/cases?status=awaiting-reply');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectNoAxeViolations(page);
    await signIn(page, product, product.coordinators.are.email, '/cases?status=awaiting-reply');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/cases?status=awaiting-reply');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Ärenden');
    const session = (await page.context().cookies()).find((cookie) => cookie.name === 'iv_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
    expect(cookieOptions('https://inflytt.example.se').secure).toBe(true);
    await page.context().close();
  });

  it('lets a link be used once, and stores only its hash', async () => {
    const page = await newPage(browser, product);
    await signIn(page, product, product.coordinators.krokom.email);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Min dag');
    const link = await signInLinkFor(product, product.coordinators.krokom.email);
    const token = new URL(link).searchParams.get('token')!;
    const rows = await product.db.signInLink.findMany({ where: { coordinatorId: product.coordinators.krokom.id } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((row) => row.tokenHash === hashSecret(token))).toBe(true);
    expect(rows.every((row) => row.tokenHash !== token && row.usedAt !== null)).toBe(true);

    const other = await newPage(browser, product);
    await other.goto(link);
    await other.getByRole('button', { name: 'Logga in' }).click();
    await other.getByText('Länken är ogiltig, redan använd eller för gammal').waitFor();
    await other.goto('/');
    expect(new URL(other.url()).pathname).toBe('/sign-in');
    await page.context().close();
    await other.context().close();
  });

  it('answers an unknown address exactly like a known one and sends it nothing', async () => {
    const page = await newPage(browser, product);
    const before = (await product.mailbox.all()).length;
    await page.goto('/sign-in');
    await page.getByLabel('E-postadress').fill(`nobody.${product.tag}@example.se`);
    await page.getByRole('button', { name: 'Skicka inloggningslänk' }).click();
    await page.getByRole('heading', { name: 'Kolla din e-post' }).waitFor();
    await expectNoAxeViolations(page);
    expect(await page.getByRole('status').textContent()).toContain('Om adressen hör till en vägledare');
    expect((await product.mailbox.all()).filter((mail) => mail.to.some((to) => to.address.startsWith('nobody.'))).length).toBe(0);
    expect((await product.mailbox.all()).length).toBeGreaterThanOrEqual(before);
    await page.context().close();
  });

  it("opens the contact card from the notification email's link after sign-in", async () => {
    const body = intakeBody({ municipalities: ['are'], preferredContactMethod: 'phone', firstName: 'Märta' });
    const intake = await product.intake(body);
    expect(intake.status).toBe(202);
    const [notification] = await product.mailbox.waitFor(
      (mail) => product.mailbox.addressedTo(mail, product.coordinators.are.email) && mail.subject.startsWith('Ny inflyttarkontakt till Åre') && mail.text.includes(intake.body.contactId),
    );
    const cardLink = /Kontaktkort: (\S+)/.exec(notification!.text)![1]!;
    expect(cardLink).toBe(`http://test.local/contacts/${intake.body.contactId}`);

    const page = await newPage(browser, product);
    await page.goto(localLink(product, cardLink));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await signIn(page, product, product.coordinators.are.email, page.url().replace(product.baseUrl, ''));
    expect(new URL(page.url()).pathname).toBe(`/contacts/${intake.body.contactId}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Märta ${body.lastName}`);
    expect(await page.locator('.preferred-big').textContent()).toContain(`Vill bli kontaktad per telefon: ${body.phone}`);
    await page.context().close();
  });

  it('refuses a form post without a CSRF token and writes nothing', async () => {
    const intake = await product.intake(intakeBody());
    const page = await newPage(browser, product);
    await signIn(page, product, product.coordinators.are.email, `/contacts/${intake.body.contactId}`);
    const response = await page.request.post(`/contacts/${intake.body.contactId}/activities`, {
      form: { kind: 'note', summary: 'Utan säkerhetskod' },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('säkerhetskod');
    const forged = await page.request.post(`/contacts/${intake.body.contactId}/activities`, {
      form: { kind: 'note', summary: 'Fel säkerhetskod', _csrf: 'x'.repeat(43) },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(await product.db.activity.count({ where: { contactId: intake.body.contactId } })).toBe(0);
    await page.context().close();
  });

  it("ends a revoked guide's open session at once, and signing out ends it too", async () => {
    const page = await newPage(browser, product);
    await signIn(page, product, product.coordinators.ragunda.email);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Min dag');
    await product.db.coordinator.update({ where: { id: product.coordinators.ragunda.id }, data: { revokedAt: new Date() } });
    await page.goto('/search');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await product.db.webSession.count({ where: { coordinatorId: product.coordinators.ragunda.id } })).toBe(0);

    const second = await newPage(browser, product);
    await signIn(second, product, product.coordinators.berg.email);
    await second.getByRole('button', { name: 'Logga ut' }).click();
    await second.waitForURL((url) => url.pathname === '/sign-in');
    expect(await product.db.webSession.count({ where: { coordinatorId: product.coordinators.berg.id } })).toBe(0);
    await second.goto('/');
    expect(new URL(second.url()).pathname).toBe('/sign-in');
    await page.context().close();
    await second.context().close();
  });
});
