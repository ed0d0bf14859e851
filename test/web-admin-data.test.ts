// Administrators' data pages in Chromium: a retention run approved on the page deletes
// the selected cards; the inbound-email review queue attaches a message to a card or
// discards it; export and erasure (with a typed confirmation) on the contact card. A plain
// coordinator gets 403 on every page and form post and sees no erase button.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, expectNoHorizontalScroll, launchBrowser, newPage, signIn, screenshotPage } from './support/browser.js';
import { CAPTURE_ADDRESS, intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { fiveYearsAgo, seedContactActiveAt } from './support/retention-fixtures.js';
import { eventually } from './support/wait.js';

let product: TestProduct;
let browser: Browser;
let admin: Page;
let coordinator: Page;
/** Set to a folder (e.g. docs) to keep screenshots of the pages. */

beforeAll(async () => {
  [product, browser] = await Promise.all([startTestProduct({ name: 'web-admin-data', config: { RETENTION_BATCH_SIZE: '1' } }), launchBrowser()]);
  [admin, coordinator] = await Promise.all([newPage(browser, product), newPage(browser, product)]);
  await signIn(admin, product, product.coordinators.admin.email);
  await signIn(coordinator, product, product.coordinators.are.email);
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

const screenshot = (name: string, target: Page = admin) => screenshotPage(name, target);

const seedContact = (label: string, lastActivityAt: Date, newsletterStatus = 'none') =>
  seedContactActiveAt(product.db, { label, lastName: `Gallring-${product.tag}`, lastActivityAt, newsletterStatus });

/** A message from someone the product does not know: it waits in the review queue. */
async function queueMessage(subject: string, text: string) {
  const id = randomUUID();
  const raw = [
    `From: Okand Avsandare <stranger.${id.slice(0, 8)}@example.org>`,
    `To: ${CAPTURE_ADDRESS}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${id}@example.org>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    text,
    '',
  ].join('\r\n');
  const pushed = await product.request('POST', '/api/v1/inbound-email', { token: product.mailIngestKey, rawBody: raw, headers: { 'content-type': 'message/rfc822' } });
  expect(pushed.status).toBe(202);
  expect(pushed.body.status).toBe('review');
  return pushed.body.id as string;
}

/** The CSRF token of the signed-in page's session, as its forms carry it. */
const csrfOf = async (target: Page) => (await target.locator('input[name="_csrf"]').first().getAttribute('value'))!;

describe('administration of data in the browser', () => {
  let runId: string;
  let queuedId: string;

  it('shows why each contact is in a retention run, asks for confirmation with the count, and the approved cards are deleted', async () => {
    const selected = await Promise.all(['Ettan', 'Tvaan'].map((label) => seedContact(label, fiveYearsAgo().minus({ days: 30 }).toJSDate())));
    const subscriber = await seedContact('Prenumerant', fiveYearsAgo().minus({ years: 2 }).toJSDate(), 'subscribed');
    const recent = await seedContact('Aktiv', new Date());

    await admin.goto('/admin');
    await admin.getByRole('link', { name: 'Gallring', exact: true }).click();
    await admin.getByRole('heading', { level: 1, name: 'Gallring' }).waitFor();
    expect(await admin.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).getAttribute('aria-current')).toBe('page');
    await admin.getByRole('button', { name: 'Starta en gallringskörning nu' }).click();
    await admin.getByText('Körningen har startat.').waitFor();
    const run = await eventually(() => product.db.retentionRun.findFirst({ orderBy: { createdAt: 'desc' } }), (row) => row?.status === 'awaiting-approval', { what: 'selection made' });
    runId = run!.id;
    await expectNoAxeViolations(admin);

    await admin.reload();
    await admin.getByRole('link', { name: /^Gallringskörning/ }).first().click();
    await admin.getByRole('heading', { level: 1, name: /^Gallringskörning/ }).waitFor();
    expect(await admin.locator('#progress').textContent()).toContain('Väntar på godkännande');
    const rows = admin.locator('.data-table tbody tr');
    expect(await rows.count()).toBe(2);
    const firstRow = (await rows.filter({ hasText: 'Ettan' }).textContent())!;
    expect(firstRow).toContain(`Senaste aktivitet ${fiveYearsAgo().minus({ days: 30 }).toISODate()}`);
    expect(firstRow).toContain('före gränsen');
    expect(firstRow).toContain('Prenumererar inte på nyhetsbrevet (Ingen prenumeration)');
    expect(await admin.locator('.data-table').textContent()).not.toContain('Prenumerant');
    await expectNoAxeViolations(admin);
    await screenshot('web-retention');

    await admin.getByRole('link', { name: 'Godkänn gallringen …' }).click();
    await admin.getByRole('heading', { name: 'Godkänn gallringen?' }).waitFor();
    expect(await admin.locator('#confirm-count').textContent()).toContain('2 kontaktkort raderas permanent');
    await expectNoAxeViolations(admin);
    await screenshot('web-retention-confirm');
    // Nothing is deleted before the second step.
    expect(await product.db.contact.count({ where: { id: { in: selected.map((row) => row.id) } } })).toBe(2);
    await admin.getByRole('button', { name: 'Ja, radera 2 kontaktkort' }).click();
    await admin.getByText('Gallringen är godkänd.').waitFor();
    // The progress part refreshes itself until the run is done.
    await expect.poll(() => admin.locator('#progress').textContent(), { timeout: 30_000 }).toContain('Klar');
    expect(await admin.locator('#progress').textContent()).toContain('2 av 2 hanterade');
    expect(await admin.locator('.data-table').textContent()).toContain('Raderad');

    expect(await product.db.contact.count({ where: { id: { in: selected.map((row) => row.id) } } })).toBe(0);
    expect(await product.db.contact.count({ where: { id: { in: [subscriber.id, recent.id] } } })).toBe(2);
    const audit = await product.db.auditRecord.findFirstOrThrow({ where: { kind: 'retention-run', subjectId: runId } });
    expect(audit.actorId).toBe(product.coordinators.admin.id);
    await expectNoAxeViolations(admin);
  });

  it('attaches a queued message to a contact, shown as text, and it is on the card’s timeline', async () => {
    const body = intakeBody({ lastName: `Mottagare-${product.tag}` });
    const intake = await product.intake(body);
    queuedId = await queueMessage('Fraga om bostad <script>alert(1)</script>', 'Hej! Vi vill flytta till Are.\n<b>inte fet</b> <img src=x onerror=alert(2)>');

    await admin.goto('/admin');
    await admin.getByRole('link', { name: 'E-post att granska', exact: true }).click();
    expect(await admin.locator('main').textContent()).toContain('1 meddelande att granska');
    await expectNoAxeViolations(admin);
    await admin.getByRole('link', { name: 'Fraga om bostad <script>alert(1)</script>' }).click();
    await admin.getByRole('heading', { level: 1 }).waitFor();
    // The message is text: the markup in it is shown, never run or rendered.
    expect(await admin.locator('.message-text').textContent()).toContain('<b>inte fet</b> <img src=x onerror=alert(2)>');
    expect(await admin.locator('.message-text b, .message-text img, main script').count()).toBe(0);
    expect(await admin.getByRole('heading', { level: 1 }).textContent()).toBe('Fraga om bostad <script>alert(1)</script>');
    expect(await admin.locator('main').textContent()).toContain('Okänd avsändare');

    await admin.getByLabel('Sök kontakt (namn, e-post eller telefon)').fill(body.lastName);
    await admin.getByRole('button', { name: 'Sök', exact: true }).click();
    await admin.getByLabel(new RegExp(`Anna ${body.lastName}`)).check();
    await admin.getByLabel('E-post från personen').check();
    await expectNoAxeViolations(admin);
    await screenshot('web-inbox');
    await admin.getByRole('button', { name: 'Lägg på kontaktkortet' }).click();
    await admin.getByText('Meddelandet ligger nu på kontaktkortet.').waitFor();
    expect(await admin.locator('main').textContent()).toContain('0 meddelanden att granska');

    await admin.getByRole('link', { name: 'Öppna kontaktkortet' }).click();
    const timeline = (await admin.locator('.timeline').textContent())!;
    expect(timeline).toContain('E-post från personen');
    expect(timeline).toContain('Hej! Vi vill flytta till Are.');

    const email = await product.db.inboundEmail.findUniqueOrThrow({ where: { id: queuedId } });
    expect(email.status).toBe('logged');
    const activity = await product.db.activity.findUniqueOrThrow({ where: { id: email.activityIds[0]! } });
    expect(activity).toMatchObject({ contactId: intake.body.contactId, type: 'email', direction: 'inbound', authorId: null });
    const audit = await product.db.auditRecord.findFirstOrThrow({ where: { kind: 'inbound-email-review', subjectId: queuedId } });
    expect(audit).toMatchObject({ actorId: product.coordinators.admin.id, details: { action: 'attached', contactId: intake.body.contactId, direction: 'inbound' } });
    // An inbound message is not a reply: the case still waits for one.
    expect((await product.db.case.findUniqueOrThrow({ where: { id: intake.body.caseId } })).status).toBe('awaiting-reply');
  });

  it('discards a queued message: its content is removed and the decision audited', async () => {
    const id = await queueMessage('Kop billiga klockor', 'Reklam som ingen vill ha.');
    await admin.goto(`/admin/inbox/${id}`);
    await admin.getByRole('button', { name: 'Kasta meddelandet' }).click();
    await admin.getByText('Meddelandet är kastat.').waitFor();
    expect(await admin.locator('main').textContent()).not.toContain('Kop billiga klockor');
    const row = await product.db.inboundEmail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'discarded', subject: '', text: '', fromAddress: null });
    const audit = await product.db.auditRecord.findFirstOrThrow({ where: { kind: 'inbound-email-review', subjectId: id } });
    expect(audit).toMatchObject({ actorId: product.coordinators.admin.id, details: { action: 'discarded' } });
    // The page of a handled message offers no actions.
    await admin.goto(`/admin/inbox/${id}`);
    expect(await admin.getByRole('button', { name: 'Kasta meddelandet' }).count()).toBe(0);
  });

  it('attaches a guide’s queued reply through the JSON API as outbound: it answers the case, and a second attach is refused', async () => {
    const intake = await product.intake(intakeBody());
    const id = await queueMessage('Svar om bostader', 'Hej! Har kommer information om bostader.');
    const token = product.coordinators.admin.token;
    const attached = await product.request('POST', `/api/v1/admin/inbound-email/${id}/attach`, { token, body: { contactId: intake.body.contactId, direction: 'outbound' } });
    expect(attached.status).toBe(200);
    expect(attached.body.activity).toMatchObject({ type: 'email', direction: 'outbound', countsAsFirstReply: true });
    expect(attached.body.cases[0]).toMatchObject({ status: 'replied', slaOutcome: 'met' });
    const again = await product.request('POST', `/api/v1/admin/inbound-email/${id}/attach`, { token, body: { contactId: intake.body.contactId, direction: 'inbound' } });
    expect(again.status).toBe(409);
    const notAdmin = await product.request('POST', `/api/v1/admin/inbound-email/${id}/discard`, { token: product.coordinators.are.token });
    expect(notAdmin.status).toBe(403);
    expect(await product.db.activity.count({ where: { contactId: intake.body.contactId, type: 'email' } })).toBe(1);
  });

  it('exports the person’s data as a JSON download and as a readable page', async () => {
    const body = intakeBody();
    const intake = await product.intake(body);
    await admin.goto(`/contacts/${intake.body.contactId}`);
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: 'Ladda ned registerutdraget (JSON)' }).click()]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(download.suggestedFilename()).toBe(`contact-${intake.body.contactId}.json`);
    expect(exported.contact).toMatchObject({ id: intake.body.contactId, email: body.email, firstName: 'Anna', lastName: body.lastName });
    expect(exported.contact.cases).toHaveLength(1);

    await admin.getByRole('link', { name: 'Visa registerutdrag' }).click();
    await admin.getByRole('heading', { level: 1, name: `Registerutdrag: Anna ${body.lastName}` }).waitFor();
    const text = (await admin.locator('main').textContent())!;
    expect(text).toContain(body.email);
    expect(text).toContain(body.message);
    expect(text).toContain('Ärenden (1)');
    expect(await product.db.accessLogEntry.count({ where: { contactId: intake.body.contactId, action: 'export' } })).toBe(2);
    await expectNoAxeViolations(admin);
  });

  it('erases a card only after the typed confirmation: a wrong word shows the error and changes nothing', async () => {
    const intake = await product.intake(intakeBody());
    const contactId = intake.body.contactId as string;
    await admin.goto(`/contacts/${contactId}`);
    await admin.getByLabel('Skäl').selectOption('request-by-person');
    await admin.getByLabel('Skriv RADERA för att bekräfta').fill('radera inte');
    await admin.getByRole('button', { name: 'Radera permanent' }).click();
    await admin.getByRole('heading', { name: 'Det finns ett problem' }).waitFor();
    expect(await admin.locator('.error-summary').textContent()).toContain('Skriv RADERA för att bekräfta raderingen');
    expect(await admin.locator('#confirmation-error').textContent()).toContain('Skriv RADERA för att bekräfta raderingen');
    expect(await admin.getByLabel('Skäl').inputValue()).toBe('request-by-person');
    expect(await product.db.contact.count({ where: { id: contactId } })).toBe(1);
    await expectNoAxeViolations(admin);
    await screenshot('web-erase-error');

    await admin.getByLabel('Skriv RADERA för att bekräfta').fill('RADERA');
    await admin.getByRole('button', { name: 'Radera permanent' }).click();
    await admin.getByRole('heading', { name: 'Kontaktkortet är raderat.' }).waitFor();
    expect(await product.db.contact.count({ where: { id: contactId } })).toBe(0);
    expect(await product.db.case.count({ where: { contactId } })).toBe(0);
    const audit = await product.db.auditRecord.findFirstOrThrow({ where: { kind: 'erasure', subjectId: contactId } });
    expect(audit).toMatchObject({ actorId: product.coordinators.admin.id, details: { reason: 'request-by-person' } });
  });

  it('refuses a plain coordinator every page and form post (403) and shows them no erase button', async () => {
    const intake = await product.intake(intakeBody());
    const contactId = intake.body.contactId as string;
    const otherQueued = await queueMessage('Annan fraga', 'Ett meddelande till.');
    await coordinator.goto(`/contacts/${contactId}`);
    expect(await coordinator.getByRole('button', { name: 'Radera permanent' }).count()).toBe(0);
    expect(await coordinator.getByRole('link', { name: /registerutdrag/i }).count()).toBe(0);
    expect(await coordinator.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).count()).toBe(0);

    const run = encodeURIComponent(runId);
    for (const pathName of ['/admin', '/admin/retention', `/admin/retention/${run}`, `/admin/retention/${run}/approve`, '/admin/inbox', `/admin/inbox/${otherQueued}`, `/contacts/${contactId}/export`, `/contacts/${contactId}/erase`]) {
      const response = await coordinator.goto(pathName);
      expect(response?.status(), pathName).toBe(403);
      expect(await coordinator.getByRole('heading', { level: 1 }).textContent()).toBe('Du saknar behörighet');
    }
    await expectNoAxeViolations(coordinator);
    await coordinator.goto('/');
    const csrf = await csrfOf(coordinator);
    const posts: Array<[string, Record<string, string>]> = [
      ['/admin/retention/start', {}],
      [`/admin/retention/${run}/approve`, {}],
      [`/admin/inbox/${otherQueued}/attach`, { contactId, direction: 'inbound' }],
      [`/admin/inbox/${otherQueued}/discard`, {}],
      [`/contacts/${contactId}/erase`, { reason: 'other', confirmation: 'RADERA' }],
    ];
    for (const [pathName, form] of posts) {
      const response = await coordinator.request.post(pathName, { form: { _csrf: csrf, ...form }, maxRedirects: 0 });
      expect(response.status(), pathName).toBe(403);
    }
    expect(await product.db.contact.count({ where: { id: contactId } })).toBe(1);
    expect((await product.db.inboundEmail.findUniqueOrThrow({ where: { id: otherQueued } })).status).toBe('review');
  });

  it('works at 320 px wide on every new page', async () => {
    const intake = await product.intake(intakeBody());
    const contactId = intake.body.contactId as string;
    const queued = await queueMessage('En mycket lang amnesrad som inte far skjuta ut sidan at sidan pa en smal telefon', `${'ord '.repeat(80)}https://example.org/${'a'.repeat(120)}`);
    const phone = await newPage(browser, product, { width: 320, height: 640 });
    await signIn(phone, product, product.coordinators.admin.email);
    const run = encodeURIComponent(runId);
    for (const pathName of ['/admin', '/admin/retention', `/admin/retention/${run}`, `/admin/retention/${run}/approve`, '/admin/inbox', `/admin/inbox/${queued}?q=Anna`, `/admin/inbox/${queuedId}`, `/contacts/${contactId}/export`, `/contacts/${contactId}/erase`, `/contacts/${contactId}`]) {
      await phone.goto(pathName);
      await expectNoHorizontalScroll(phone);
      await expectNoAxeViolations(phone);
    }
    await phone.goto(`/admin/retention/${run}`);
    await screenshot('web-retention-320px', phone);
    await phone.goto(`/admin/inbox/${queued}?q=Anna`);
    await screenshot('web-inbox-320px', phone);
    await phone.context().close();
  });
});
