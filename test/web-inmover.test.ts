// Issue 15 in Chromium: the in-mover's hosted form, the thank-you page and the receipt,
// the bot defences, and "Mina uppgifter" (copy, download, newsletter, erasure).
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyPromiseText } from '../activities/receipt-email.js';
import { firstReplyDueAt } from '../domain/working-days.js';
import { formSigningKey, issueFormToken } from '../web/form-token.js';
import { expectNoAxeViolations, expectNoHorizontalScroll, launchBrowser, localLink, newPage, screenshotPage } from './support/browser.js';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

let product: TestProduct;
let browser: Browser;

const screenshot = (name: string, target: Page) => screenshotPage(name, target);

beforeAll(async () => {
  [product, browser] = await Promise.all([startTestProduct({ name: 'web-inmover' }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

const formPath = (kind: 'tasteget' | 'municipality-site' = 'tasteget') => `/form/${product.sources[kind].id}`;
const unique = () => Math.random().toString(16).slice(2, 10);

/** Tab (bounded) until the element with this id has focus, as a keyboard user does. */
async function tabTo(page: Page, id: string) {
  for (let presses = 0; presses < 80; presses += 1) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
}

/** Typed at a person's pace: the form refuses what arrives faster than a person can fill it in. */
const typeLikeAPerson = (page: Page, text: string) => page.keyboard.type(text, { delay: 30 });

/** A form post as a script sends it, with a token served `ageMs` ago. */
async function postForm(pathName: string, fields: Record<string, string | string[]>, ageMs = 5_000) {
  const sourceId = pathName.split('/')[2]!;
  const token = issueFormToken(await formSigningKey(product.db), sourceId, new Date(Date.now() - ageMs));
  const body = new URLSearchParams({ _started: token });
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item);
  return fetch(`${product.baseUrl}${pathName}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
    redirect: 'manual',
  });
}

async function rowsWritten() {
  const [contacts, cases, idempotency] = await Promise.all([product.db.contact.count(), product.db.case.count(), product.db.idempotencyRecord.count()]);
  return { contacts, cases, idempotency };
}

describe('the hosted contact form', () => {
  const person = { firstName: 'Kerstin', lastName: `Lindqvist-${unique()}`, phone: '070-112 20 47', email: `kerstin.${unique()}@example.se` };

  it('is filled in with the keyboard alone and thanks the person with who answers and by when', async () => {
    const page = await newPage(browser, product);
    const response = await page.goto(formPath());
    expect(response?.headers()['x-frame-options']).toBe('SAMEORIGIN');
    await page.getByRole('heading', { level: 1, name: 'Kontakta en flyttvägledare' }).waitFor();
    await expectNoAxeViolations(page);
    await screenshot('web-form', page);

    await tabTo(page, 'firstName');
    await typeLikeAPerson(page, person.firstName);
    await page.keyboard.press('Tab');
    await typeLikeAPerson(page, person.lastName);
    await tabTo(page, 'preferredContactMethod-email');
    await page.keyboard.press('ArrowDown'); // moves to and selects "Per telefon"
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('phone');
    await tabTo(page, 'email');
    await typeLikeAPerson(page, person.email);
    await page.keyboard.press('Tab');
    await typeLikeAPerson(page, person.phone);
    await tabTo(page, 'interest-housing');
    await page.keyboard.press('Space');
    await tabTo(page, 'municipality-are');
    await page.keyboard.press('Space');
    await tabTo(page, 'adults');
    await typeLikeAPerson(page, '2');
    await page.keyboard.press('Tab');
    await typeLikeAPerson(page, '1');
    await tabTo(page, 'message');
    await typeLikeAPerson(page, 'Vi undrar över bostäder och förskola i Järpen.');
    await tabTo(page, 'consent');
    await page.keyboard.press('Space');
    // Past the newsletter box to the button; the honeypot is never reached.
    await tabTo(page, 'newsletter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skicka');
    await page.keyboard.press('Enter');

    await page.waitForURL((url) => url.pathname.endsWith('/thanks'));
    await page.getByRole('heading', { level: 1, name: 'Tack, vi har tagit emot din fråga' }).waitFor();
    const contact = await product.db.contact.findUniqueOrThrow({ where: { email: person.email }, include: { cases: true } });
    expect(contact).toMatchObject({ firstName: 'Kerstin', phone: '+46701122047', preferredContactMethod: 'phone', householdAdults: 2, householdChildren: 1, language: 'sv' });
    expect(contact.consentSource).toBe(`tasteget:${(await product.db.intakeSource.findUniqueOrThrow({ where: { id: product.sources.tasteget.id } })).name}`);
    const [row] = contact.cases;
    expect(row).toMatchObject({ responsibleUnit: 'are', interests: ['housing'], chosenMunicipalities: ['are'], sourceKind: 'tasteget' });
    // The due date is the case workflow's: five working days after the day of receipt.
    expect(row!.firstReplyDueAt.getTime()).toBe(firstReplyDueAt(row!.receivedAt).getTime());
    const promise = replyPromiseText({ unit: 'are', channel: 'phone', firstReplyDueAt: row!.firstReplyDueAt }, 'sv');
    expect(promise).toMatch(/^Du får svar från Åres flyttvägledare senast (måndag|tisdag|onsdag|torsdag|fredag) \d{1,2} \p{L}+, per telefon\.$/u);
    expect(await page.locator('.promise').textContent()).toBe(promise);
    expect(await page.locator('main').textContent()).toContain(`Ditt ärendenummer är ${row!.number}.`);
    await expectNoAxeViolations(page);
    await screenshot('web-thanks', page);
    await page.context().close();
  });

  it('sends the unit its notification and the person one receipt with the same promise, however often the form is sent', async () => {
    const contact = await product.db.contact.findUniqueOrThrow({ where: { email: person.email }, include: { cases: true } });
    const caseId = contact.cases[0]!.id;
    await product.mailbox.waitFor(
      (mail) => product.mailbox.addressedTo(mail, product.coordinators.are.email) && mail.subject.startsWith('Ny inflyttarkontakt till Åre') && mail.text.includes(person.lastName),
    );
    const [receipt] = await product.mailbox.waitFor((mail) => product.mailbox.addressedTo(mail, person.email) && mail.subject.startsWith('Vi har tagit emot din fråga'));
    const row = await product.db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(receipt!.text).toContain(replyPromiseText({ unit: 'are', channel: 'phone', firstReplyDueAt: row.firstReplyDueAt }, 'sv'));
    expect(receipt!.text).toContain('Svara på det här mejlet');
    expect(receipt!.text).toContain('http://test.local/my-data');

    // The same form again (a double click, a retry) is the same case: no second receipt.
    const again = await postForm(formPath(), {
      language: 'sv', firstName: person.firstName, lastName: person.lastName, email: person.email, phone: person.phone,
      preferredContactMethod: 'phone', interests: 'housing', municipalities: 'are', adults: '2', children: '1',
      message: 'Vi undrar över bostäder och förskola i Järpen.', consent: 'yes', website: '',
    });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toContain(`case=${caseId}`);
    // The workflow has passed the receipt: the delivery is recorded once.
    await eventually(() => product.db.emailDelivery.findUnique({ where: { idempotencyKey: `case:${caseId}:receipt` } }), (delivery) => delivery?.status === 'sent', { what: 'receipt recorded' });
    expect(await product.db.case.count({ where: { contactId: contact.id } })).toBe(1);
    expect(await product.db.emailDelivery.count({ where: { caseId, idempotencyKey: { endsWith: ':receipt' } } })).toBe(1);
    expect((await product.mailbox.to(person.email)).filter((mail) => mail.subject.startsWith('Vi har tagit emot'))).toHaveLength(1);
    // A receipt is no reply: the case still waits for the guide's first reply.
    expect(await product.db.case.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ status: 'awaiting-reply', firstReplyAt: null, slaOutcome: 'open' });
  });

  it('writes the receipt in English for an English form', async () => {
    const email = `john.${unique()}@example.com`;
    const sent = await postForm(formPath(), { language: 'en', firstName: 'John', lastName: `Smith-${unique()}`, email, preferredContactMethod: 'email', consent: 'yes' });
    expect(sent.status).toBe(303);
    const thanks = await fetch(`${product.baseUrl}${sent.headers.get('location')}`);
    expect(await thanks.text()).toContain('You will hear from the in-mover guides of Region Jämtland Härjedalen by ');
    const [receipt] = await product.mailbox.waitFor((mail) => product.mailbox.addressedTo(mail, email));
    expect(receipt!.subject).toMatch(/^We have received your question – reply by \w+day \d{1,2} \w+$/);
    expect(receipt!.text).toMatch(/You will hear from the in-mover guides of Region Jämtland Härjedalen by \w+day \d{1,2} \w+, by email\./);
  });

  it('shows a GOV.UK error summary and messages beside the fields, keeping what was typed', async () => {
    const page = await newPage(browser, product);
    await page.goto(formPath());
    await page.getByLabel('Förnamn').fill('Åsa');
    await page.getByLabel('Per telefon').check();
    await page.getByLabel('E-postadress').fill('inte-en-adress');
    await page.getByLabel('Ditt meddelande (frivilligt)').fill('Vi vill flytta till Krokom.');
    await page.getByLabel('Bräcke').check();
    await page.getByRole('button', { name: 'Skicka' }).click();

    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await page.title()).toMatch(/^Fel: Kontakta en flyttvägledare/);
    expect(await summary.locator('a').allTextContents()).toEqual([
      'Skriv ditt efternamn',
      'Skriv en e-postadress i rätt format, som namn@exempel.se',
      'Skriv ditt telefonnummer, eftersom du vill bli kontaktad per telefon',
      'Du behöver godkänna att vi behandlar dina uppgifter för att vi ska kunna svara dig',
    ]);
    // With JavaScript the summary takes focus; each link leads to its field.
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    expect(await page.locator('#phone-error').textContent()).toContain('Skriv ditt telefonnummer');
    expect(await page.locator('#phone').getAttribute('aria-describedby')).toContain('phone-error');
    await summary.getByRole('link', { name: 'Skriv ditt efternamn' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lastName');
    expect(await page.getByLabel('Förnamn').inputValue()).toBe('Åsa');
    expect(await page.getByLabel('E-postadress').inputValue()).toBe('inte-en-adress');
    expect(await page.getByLabel('Ditt meddelande (frivilligt)').inputValue()).toBe('Vi vill flytta till Krokom.');
    expect(await page.getByLabel('Per telefon').isChecked()).toBe(true);
    expect(await page.getByLabel('Bräcke').isChecked()).toBe(true);
    await expectNoAxeViolations(page);
    await screenshot('web-form-errors', page);
    expect(await product.db.contact.count({ where: { firstName: 'Åsa' } })).toBe(0);
    await page.context().close();
  });

  it('works without JavaScript, in English', async () => {
    const context = await browser.newContext({ baseURL: product.baseUrl, javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${formPath()}?lang=en`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary a').first().textContent()).toBe('Enter your first name');
    const email = `nojs.${unique()}@example.com`;
    await page.getByLabel('First name').pressSequentially('Noor', { delay: 30 });
    await page.getByLabel('Last name').pressSequentially(`Haddad-${unique()}`, { delay: 30 });
    await page.getByLabel('By email').check();
    await page.getByLabel('Email address').pressSequentially(email, { delay: 30 });
    await page.getByLabel('Your message (optional)').pressSequentially('We would like to know about jobs in Östersund.', { delay: 30 });
    await page.getByLabel('I agree that my data is processed').check();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you, we have received your question' }).waitFor();
    expect(await page.locator('.promise').textContent()).toMatch(/^You will hear from the in-mover guides of Region Jämtland Härjedalen by \w+day \d{1,2} \w+, by email\.$/);
    expect(await product.db.contact.findUniqueOrThrow({ where: { email } })).toMatchObject({ language: 'en', firstName: 'Noor' });
    await context.close();
  });

  it('refuses a bot that fills the honeypot or posts in under two seconds, and writes nothing', async () => {
    const before = await rowsWritten();
    const page = await newPage(browser, product);
    const bot = { firstName: 'Bot', lastName: `Botsson-${unique()}`, email: `bot.${unique()}@example.se` };
    const fillEverything = async () => {
      await page.getByLabel('Förnamn').fill(bot.firstName);
      await page.getByLabel('Efternamn').fill(bot.lastName);
      await page.getByLabel('Per e-post').check();
      await page.getByLabel('E-postadress').fill(bot.email);
      await page.locator('#consent').check();
    };

    // The hidden field a bot fills in too.
    await page.goto(formPath());
    await fillEverything();
    await page.locator('#website').fill('http://spam.example', { force: true });
    const refused = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Skicka' }).click();
    expect((await refused).status()).toBe(400);
    await page.getByRole('heading', { level: 1, name: 'Formuläret kunde inte skickas' }).waitFor();
    await expectNoAxeViolations(page);
    await page.context().close();

    // Posted half a second after the form was served: faster than any person.
    const tooFast = await postForm(formPath(), { ...bot, preferredContactMethod: 'email', consent: 'yes', language: 'sv' }, 500);
    expect(tooFast.status).toBe(422);
    expect(await tooFast.text()).toContain('Formuläret skickades innan det hunnit fyllas i');

    // A script without the signed token, or with one it made up.
    for (const token of [undefined, `${Date.now() - 60_000}.forged`]) {
      const body = new URLSearchParams({ ...bot, preferredContactMethod: 'email', consent: 'yes', ...(token ? { _started: token } : {}) });
      const response = await fetch(`${product.baseUrl}${formPath()}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
      expect(response.status).toBe(400);
    }
    expect(await rowsWritten()).toEqual(before);
    expect(await product.db.contact.count({ where: { email: bot.email } })).toBe(0);
    expect(await product.mailbox.to(bot.email)).toHaveLength(0);
  });

  it("preselects a municipality site's own municipality, and lets the sites of INTAKE_FORM_ORIGINS embed it", async () => {
    const page = await newPage(browser, product);
    await page.goto(formPath('municipality-site'));
    expect(await page.getByLabel('Åre').isChecked()).toBe(true);
    expect(await page.getByLabel('Krokom').isChecked()).toBe(false);
    expect(await page.locator('main').textContent()).toContain('Du kontaktar Åres flyttvägledare');

    const embedded = await page.goto(`${formPath('municipality-site')}/embed?lang=en`);
    const headers = embedded!.headers();
    expect(headers['x-frame-options']).toBeUndefined();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'self' https://tasteget.nu");
    expect(await page.locator('header').count()).toBe(0);
    await page.getByRole('heading', { level: 1, name: 'Contact an in-mover guide' }).waitFor();
    expect(await page.getByLabel('Åre').isChecked()).toBe(true);
    await expectNoAxeViolations(page);
    expect((await fetch(`${product.baseUrl}/form/${product.sources.import.id}`)).status).toBe(404);
    // Addressed by the source's name as well as by its id (`/form/are.se`).
    const byName = await fetch(`${product.baseUrl}/form/${encodeURIComponent(`MUNICIPALITY-SITE ${product.tag}`)}`);
    expect(byName.status).toBe(200);
    expect(await byName.text()).toContain('Du kontaktar Åres flyttvägledare');
    expect((await fetch(`${product.baseUrl}/form/${encodeURIComponent(`import ${product.tag}`)}`)).status).toBe(404);
    // An unknown form is a page in the public frame, without the guides' sign-in.
    const missing = await page.goto('/form/not-a-source?lang=en');
    expect(missing!.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(await page.locator('header').textContent()).toContain('Move to Jämtland Härjedalen');
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  it('has a privacy notice, an accessibility statement and a language switch, all usable at 320 px', async () => {
    const phone = await newPage(browser, product, { width: 320, height: 800 });
    for (const [pathName, heading] of [
      [formPath(), 'Kontakta en flyttvägledare'],
      ['/privacy', 'Så behandlar vi dina uppgifter'],
      ['/accessibility', 'Tillgänglighetsredogörelse'],
      ['/my-data', 'Mina uppgifter'],
    ] as const) {
      await phone.goto(pathName);
      await phone.getByRole('heading', { level: 1, name: heading }).waitFor();
      await expectNoAxeViolations(phone);
      await expectNoHorizontalScroll(phone);
    }
    await phone.goto(formPath());
    await phone.getByRole('link', { name: 'Så behandlar vi dina uppgifter' }).first().click();
    await phone.getByRole('heading', { level: 1, name: 'Så behandlar vi dina uppgifter' }).waitFor();
    await phone.getByRole('link', { name: 'In English' }).click();
    await phone.getByRole('heading', { level: 1, name: 'How we handle your data' }).waitFor();
    expect(await phone.locator('html').getAttribute('lang')).toBe('en');
    await expectNoAxeViolations(phone);
    await phone.goto(`${formPath()}?lang=en`);
    await expectNoHorizontalScroll(phone);
    await expectNoAxeViolations(phone);
    await phone.context().close();
  });
});

describe('Mina uppgifter', () => {
  it('answers an unknown address exactly like a known one and sends it nothing', async () => {
    const page = await newPage(browser, product);
    const nobody = `nobody.${unique()}@example.se`;
    await page.goto('/my-data');
    await page.getByLabel('E-postadress').fill(nobody);
    await page.getByRole('button', { name: 'Skicka länken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kolla din e-post' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('Om vi har uppgifter om den adressen');
    await expectNoAxeViolations(page);
    expect(await product.mailbox.to(nobody)).toHaveLength(0);
    await page.context().close();
  });

  it('lets the person see and download their data by link, change the newsletter, and erase everything', async () => {
    const body = intakeBody({ municipalities: ['krokom'] });
    const intake = await product.intake(body);
    expect(intake.status).toBe(202);
    const contactId = intake.body.contactId as string;

    const page = await newPage(browser, product);
    await page.goto('/my-data');
    await page.getByLabel('E-postadress').fill(body.email.toUpperCase());
    await page.getByRole('button', { name: 'Skicka länken' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kolla din e-post' }).waitFor();
    const [mail] = await product.mailbox.waitFor((email) => product.mailbox.addressedTo(email, body.email) && email.subject === 'Din länk till Mina uppgifter');
    const link = localLink(product, /https?:\/\/\S+\/my-data\/link\?token=[A-Za-z0-9_-]+/.exec(mail!.text)![0]);
    const token = new URL(link).searchParams.get('token')!;
    const stored = await product.db.personLink.findMany({ where: { contactId } });
    expect(stored.map((row) => row.tokenHash)).not.toContain(token);

    await page.goto(link);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Visa mina uppgifter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Det här har vi sparat om dig' }).waitFor();
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain(`${body.firstName} ${body.lastName}`);
    expect(main).toContain(body.email);
    expect(main).toContain('Krokom');
    expect(main).toContain(body.message);
    await expectNoAxeViolations(page);
    await screenshot('web-my-data', page);
    const phone = await browser.newContext({ viewport: { width: 320, height: 800 }, storageState: await page.context().storageState() });
    const small = await phone.newPage();
    await small.goto(`${product.baseUrl}/my-data/overview`);
    await expectNoHorizontalScroll(small);
    await phone.close();

    // The link works once.
    const other = await newPage(browser, product);
    await other.goto(link);
    await other.getByRole('button', { name: 'Visa mina uppgifter' }).click();
    await other.getByText('Länken är ogiltig, redan använd eller för gammal').waitFor();
    await other.context().close();

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Ladda ner allt som JSON' }).click();
    const download = await downloading;
    const document = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(document.contact).toMatchObject({ id: contactId, email: body.email, firstName: body.firstName });
    expect(document.contact.cases).toHaveLength(1);
    expect(document.contact.newsletterToken).toBeUndefined();

    await page.getByRole('button', { name: 'Prenumerera på nyhetsbrevet' }).click();
    await page.getByText('Vi har skickat ett mejl med en länk').waitFor();
    await product.mailbox.waitFor((email) => product.mailbox.addressedTo(email, body.email) && /Bekräfta/.test(email.subject));
    expect((await product.db.contact.findUniqueOrThrow({ where: { id: contactId } })).newsletterStatus).toBe('pending');
    await page.getByRole('button', { name: 'Avsluta prenumerationen' }).click();
    await page.getByText('Du prenumererar inte längre på nyhetsbrevet.').waitFor();
    expect((await product.db.contact.findUniqueOrThrow({ where: { id: contactId } })).newsletterStatus).toBe('unsubscribed');

    // Every request is on the card's timeline and in the access log, as the person's own.
    const notes = (await product.db.activity.findMany({ where: { contactId, type: 'note' } })).map((row) => row.summary);
    expect(notes).toEqual(expect.arrayContaining([
      'Personen bad om en länk till Mina uppgifter (e-post skickad)',
      'Personen öppnade Mina uppgifter och såg en kopia av sina uppgifter',
      'Personen laddade ner en kopia av sina uppgifter (JSON) från Mina uppgifter',
      'Personen bad om nyhetsbrevet via Mina uppgifter (bekräftelse skickad)',
      'Avslutade prenumerationen på nyhetsbrevet',
    ]));
    const log = await product.db.accessLogEntry.findMany({ where: { contactId } });
    expect(log.every((row) => row.coordinatorId === null)).toBe(true);
    expect(new Set(log.map((row) => row.action))).toEqual(new Set(['read', 'export', 'write']));
    const adminLog = await product.request('GET', `/api/v1/admin/access-log?contactId=${contactId}`, { token: product.coordinators.admin.token });
    expect(adminLog.body.items.length).toBe(log.length);

    // Erasure asks for a confirmation first, then happens at once.
    await page.getByRole('button', { name: 'Radera mina uppgifter' }).click();
    await page.locator('#confirm-error').waitFor();
    expect(await product.db.contact.count({ where: { id: contactId } })).toBe(1);
    await expectNoAxeViolations(page);
    await page.getByLabel('Jag förstår att allt raderas och inte kan återställas').check();
    await page.getByRole('button', { name: 'Radera mina uppgifter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dina uppgifter är raderade' }).waitFor();
    await expectNoAxeViolations(page);

    expect(await product.db.contact.count({ where: { id: contactId } })).toBe(0);
    expect(await product.db.case.count({ where: { contactId } })).toBe(0);
    expect(await product.db.personLink.count({ where: { contactId } })).toBe(0);
    const audit = await product.db.auditRecord.findFirstOrThrow({ where: { kind: 'erasure', subjectId: contactId } });
    expect(audit.actorId).toBeNull();
    expect(audit.details).toMatchObject({ reason: 'request-by-person', cases: 1 });
    expect(await product.db.accessLogEntry.count({ where: { contactId, action: 'erase', coordinatorId: null } })).toBe(1);
    const card = await product.request('GET', `/api/v1/contacts/${contactId}`, { token: product.coordinators.are.token });
    expect(card.status).toBe(404);
    const description = await product.temporal.workflow.getHandle(intake.body.workflowId).describe();
    expect(description.status.name).toBe('TERMINATED');

    // The session went with the card.
    await page.goto('/my-data/overview');
    await page.waitForURL((url) => url.pathname === '/my-data');
    expect(await page.getByRole('alert').textContent()).toContain('Din visning har gått ut');
    await page.context().close();
  });
});
