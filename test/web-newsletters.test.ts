// Newsletters and invitations in Chromium (MISSION.md §6): an administrator builds a
// selection, sees the live count and the email as it is sent, saves the selection, starts
// an invitation, pauses and resumes it, and sees who answered yes; the organisers' CSV;
// a plain coordinator is kept out. Every page is checked with axe and at 320 px.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SELECTION_KEYS, type SelectionFilter } from '../domain/selection.js';
import { CONDITION_TYPES, filterToSelection, selectionToFilter } from '../web/selection-builder.js';
import { campaignProgressQuery } from '../workflows/newsletter-definitions.js';
import { expectNoAxeViolations, expectNoHorizontalScroll, launchBrowser, localLink, newPage, signIn } from './support/browser.js';
import { PUBLIC_BASE_URL, startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;
let browser: Browser;
let admin: Page;
const screenshotDir = process.env.WEB_SCREENSHOT_DIR;

// One message every two seconds: slow enough to pause the invitation while it is sending.
beforeAll(async () => {
  [product, browser] = await Promise.all([
    startTestProduct({ name: 'web-newsletters', config: { NEWSLETTER_BATCH_SIZE: '1', NEWSLETTER_MESSAGES_PER_SECOND: '0.5' } }),
    launchBrowser(),
  ]);
  admin = await newPage(browser, product);
  await signIn(admin, product, product.coordinators.admin.email);
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

async function screenshot(name: string, target: Page) {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  // The preview column is sticky: from the top, the full-page picture shows it beside the form.
  await target.evaluate(() => window.scrollTo(0, 0));
  // Chromium paints frames outside the viewport only once scrolled to: show the whole page at once.
  const viewport = target.viewportSize()!;
  await target.setViewportSize({ width: viewport.width, height: await target.evaluate(() => document.documentElement.scrollHeight) });
  for (const frame of target.frames()) await frame.waitForLoadState();
  await target.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  await target.setViewportSize(viewport);
}

const tag = randomBytes(3).toString('hex');

async function contact(firstName: string, data: { municipalities: string[]; interests: string[]; subscribed?: boolean; language?: string }) {
  return product.db.contact.create({
    data: {
      id: randomUUID(),
      firstName,
      lastName: `Krokomsson-${tag}`,
      email: `${firstName.replace(/\W/g, '').toLowerCase()}.${tag}@example.se`,
      preferredContactMethod: 'email',
      chosenMunicipalities: data.municipalities,
      interests: data.interests,
      language: data.language ?? 'sv',
      consentAt: new Date(),
      consentSource: 'test',
      lastActivityAt: new Date(),
      newsletterStatus: data.subscribed === false ? 'none' : 'subscribed',
      newsletterToken: randomBytes(24).toString('base64url'),
    },
  });
}

/** The selection the admin builds, counted straight from the table: subscribed, chose Krokom, no interest in leisure. */
const dbTruth = () =>
  product.db.contact.count({ where: { newsletterStatus: 'subscribed', chosenMunicipalities: { has: 'krokom' }, NOT: { interests: { has: 'leisure' } } } });

/** Adds a condition to the top-level group of the builder and waits for it to appear. */
async function addCondition(target: Page, label: string) {
  const nodes = target.locator('#selection-builder .sel-children > li');
  const before = await nodes.count();
  await target.locator('#sel-s-add').selectOption({ label });
  await target.locator('button[value="add:s"]').click();
  await expect.poll(() => nodes.count()).toBe(before + 1);
  return target.getByRole('group', { name: label });
}

/** The text of an element that may not be there yet (polled, so no single wait blocks). */
const textOf = (target: Page, selector: string) => target.locator(selector).textContent({ timeout: 1000 }).catch(() => null);

let campaignId: string;
let answering: Awaited<ReturnType<typeof contact>>;

describe('newsletters and invitations in the browser', () => {
  it('offers a control for every condition of the selection schema, and a stored filter comes back the same', () => {
    expect([...CONDITION_TYPES].sort()).toEqual(SELECTION_KEYS.filter((key) => !['all', 'any', 'not'].includes(key)).sort());
    const nested: SelectionFilter = {
      all: [
        { municipalities: ['krokom', 'are'] },
        { not: { interests: ['leisure'] } },
        { any: [{ receivedBetween: { from: '2026-01-01', to: '2026-06-30' } }, { not: { all: [{ householdWithChildren: true }, { language: ['en'] }] } }] },
      ],
    };
    expect(selectionToFilter(filterToSelection(nested), 'sv')).toEqual({ filter: nested, problems: [] });
  });

  it('builds a selection of two conditions, sees the live count equal to the database and the email as it is sent, and saves it', async () => {
    answering = await contact('=Sara', { municipalities: ['krokom'], interests: ['housing'] });
    await contact('Bo', { municipalities: ['krokom'], interests: ['work'] });
    await contact('Emma', { municipalities: ['krokom', 'are'], interests: ['education'], language: 'en' });
    await contact('Gun', { municipalities: ['krokom'], interests: ['general'] });
    await contact('Leif', { municipalities: ['krokom'], interests: ['leisure', 'housing'] });
    await contact('Berit', { municipalities: ['berg'], interests: ['housing'] });
    await contact('Otto', { municipalities: ['krokom'], interests: ['housing'], subscribed: false });
    expect(await dbTruth()).toBe(4);

    await admin.goto('/');
    await admin.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Utskick' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Utskick' }).waitFor();
    await expectNoAxeViolations(admin);
    await admin.getByRole('link', { name: 'Nytt utskick' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Nytt utskick' }).waitFor();

    await admin.getByLabel('Inbjudan', { exact: true }).check();
    await admin.getByLabel('Rubrik (e-postens ämnesrad)').fill(`Inflyttarträff i Krokom ${tag}`);
    await admin.getByLabel('Text på svenska').fill('Välkommen på fika!\n\nVi berättar om bostäder och jobb.');
    await admin.getByLabel('Text på engelska (valfri)').fill('Welcome to coffee!');
    const eventDay = new Date(Date.now() + 30 * 24 * 3600_000).toISOString().slice(0, 10);
    await admin.getByLabel('När är träffen? (inbjudan)').fill(`${eventDay}T18:00`);
    await admin.getByLabel('Var är träffen? (inbjudan)').fill('Krokoms bibliotek');

    const municipalities = await addCondition(admin, 'Valda kommuner (någon av)');
    await municipalities.getByLabel('Krokom').check();
    const interests = await addCondition(admin, 'Intressen (något av)');
    await interests.getByLabel('Föreningsliv och fritid').check();
    await interests.getByLabel('Inte: uteslut dessa').check();

    // htmx refreshes the count as the form changes.
    await expect.poll(() => textOf(admin, '#preview .recipient-count'), { timeout: 15_000 }).toBe(`${await dbTruth()} prenumeranter får utskicket`);
    const sample = await admin.locator('#preview .sample').textContent();
    for (const name of ['=Sara', 'Bo', 'Emma', 'Gun']) expect(sample).toContain(`${name} Krokomsson-${tag}`);
    for (const name of ['Leif', 'Berit', 'Otto']) expect(sample).not.toContain(name);

    // The preview is the email the activity sends: same builder, example link tokens.
    const swedish = admin.frameLocator('iframe[title="Förhandsgranskning av e-posten på svenska"]');
    await expect.poll(() => swedish.locator('body').textContent()).toContain('Vi berättar om bostäder och jobb.');
    expect(await swedish.locator('h1').textContent()).toBe(`Inflyttarträff i Krokom ${tag}`);
    expect(await swedish.getByRole('link', { name: 'Jag kommer', exact: true }).getAttribute('href')).toBe(`${PUBLIC_BASE_URL}/api/v1/newsletter/rsvp?token=exempel&answer=yes`);
    expect(await swedish.getByRole('link', { name: 'Avsluta prenumerationen' }).count()).toBe(1);
    const english = admin.frameLocator('iframe[title="Förhandsgranskning av e-posten på engelska"]');
    expect(await english.locator('body').textContent()).toContain('Welcome to coffee!');
    await expectNoAxeViolations(admin);

    await admin.getByLabel('Namn på urvalet').fill(`Krokom utan fritid ${tag}`);
    await admin.getByRole('button', { name: 'Spara urvalet' }).click();
    await admin.locator('.flash', { hasText: 'är sparat' }).waitFor();
    const saved = await product.db.savedSelection.findUniqueOrThrow({ where: { name: `Krokom utan fritid ${tag}` } });
    expect(saved.filter).toEqual({ all: [{ municipalities: ['krokom'] }, { not: { interests: ['leisure'] } }] });
    // The form came back as it was, text included.
    expect(await admin.getByLabel('Text på engelska (valfri)').inputValue()).toBe('Welcome to coffee!');
    expect(await admin.locator('#preview .recipient-count').textContent()).toBe('4 prenumeranter får utskicket');
    await screenshot('web-newsletters', admin);
  });

  it('loads a saved selection into a new composer', async () => {
    await admin.goto('/newsletters');
    await admin.getByRole('link', { name: `Nytt utskick med urvalet ”Krokom utan fritid ${tag}”` }).click();
    await admin.locator('.flash', { hasText: 'är hämtat' }).waitFor();
    expect(await admin.getByRole('group', { name: 'Valda kommuner (någon av)' }).getByLabel('Krokom').isChecked()).toBe(true);
    expect(await admin.getByRole('group', { name: 'Intressen (något av)' }).getByLabel('Inte: uteslut dessa').isChecked()).toBe(true);
    expect(await admin.locator('#preview .recipient-count').textContent()).toBe('4 prenumeranter får utskicket');
    // A second selection of the same name is refused beside the name field; the form stays.
    await admin.getByLabel('Namn på urvalet').fill(`Krokom utan fritid ${tag}`);
    await admin.getByRole('button', { name: 'Spara urvalet' }).click();
    expect(await admin.locator('.error-summary').textContent()).toContain(`Det finns redan ett urval som heter ”Krokom utan fritid ${tag}”`);
    expect(await admin.getByRole('group', { name: 'Valda kommuner (någon av)' }).getByLabel('Krokom').isChecked()).toBe(true);
    expect(await product.db.savedSelection.count()).toBe(1);
  });

  it('shows the recipients without JavaScript through the "Visa mottagare" button', async () => {
    const context = await browser.newContext({ baseURL: product.baseUrl, javaScriptEnabled: false });
    const plain = await context.newPage();
    await signIn(plain, product, product.coordinators.admin.email, '/newsletters/new');
    const municipalities = await addCondition(plain, 'Valda kommuner (någon av)');
    await municipalities.getByLabel('Berg').check();
    await plain.getByRole('button', { name: 'Visa mottagare', exact: true }).click();
    await plain.waitForURL((url) => url.pathname === '/newsletters/compose');
    expect(await plain.locator('#preview .recipient-count').textContent()).toBe('1 prenumerant får utskicket');
    // A form without text is refused with the error summary, and nothing is created.
    await plain.getByRole('button', { name: 'Skapa utskicket (som utkast)' }).click();
    expect(await plain.locator('.error-summary').textContent()).toContain('Rubrik');
    expect(await product.db.campaign.count()).toBe(0);
    await context.close();
  });

  it('creates and starts the invitation, pauses and resumes it, and shows the RSVP of a recipient who answered yes', async () => {
    await admin.goto('/newsletters');
    await admin.getByRole('link', { name: `Nytt utskick med urvalet ”Krokom utan fritid ${tag}”` }).click();
    await admin.getByLabel('Rubrik (e-postens ämnesrad)').fill(`Inflyttarträff i Krokom ${tag}`);
    await admin.getByLabel('Text på svenska').fill('Välkommen på fika!');
    const eventDay = new Date(Date.now() + 30 * 24 * 3600_000).toISOString().slice(0, 10);
    await admin.getByLabel('När är träffen? (inbjudan)').fill(`${eventDay}T18:00`);
    await admin.getByLabel('Var är träffen? (inbjudan)').fill('Krokoms bibliotek');
    await admin.getByRole('button', { name: 'Skapa utskicket (som utkast)' }).click();
    await admin.waitForURL((url) => /^\/newsletters\/[0-9a-f-]{36}$/.test(url.pathname));
    campaignId = new URL(admin.url()).pathname.split('/')[2]!;
    await admin.locator('.flash', { hasText: 'skapat som utkast' }).waitFor();
    expect(await admin.locator('#progress').textContent()).toContain('Status: Utkast');
    expect(await admin.getByText('4 mottagare', { exact: true }).count()).toBe(1);
    await expectNoAxeViolations(admin);

    await admin.getByRole('button', { name: 'Starta utskicket' }).click();
    await admin.locator('.flash', { hasText: 'har startat' }).waitFor();
    const workflowId = `${product.workflowIdPrefix}campaign-${campaignId}`;
    // Pausing needs the recipients fixed ("Skickas"); the page polls until then.
    await expect.poll(() => textOf(admin, '#progress'), { timeout: 15_000 }).toContain('Status: Skickas');
    await admin.getByRole('button', { name: 'Pausa' }).click();
    await admin.locator('.flash', { hasText: 'är pausat' }).waitFor();
    expect((await product.db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status).toBe('paused');
    expect((await product.temporal.workflow.getHandle(workflowId).query(campaignProgressQuery)).status).toBe('paused');
    expect(await admin.locator('#progress').textContent()).toContain('Status: Pausat');
    const sentWhilePaused = await product.db.campaignRecipient.count({ where: { campaignId, status: 'sent' } });
    expect(sentWhilePaused).toBeLessThan(4);
    await expectNoAxeViolations(admin);

    await admin.getByRole('button', { name: 'Återuppta' }).click();
    await admin.locator('.flash', { hasText: 'fortsätter' }).waitFor();
    expect(['sending', 'completed']).toContain((await product.db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status);
    const done = await product.temporal.workflow.getHandle(workflowId).result();
    expect(done).toMatchObject({ status: 'completed', sent: 4, failed: 0, remaining: 0 });
    // The page polls its progress while sending; a reload shows the same.
    await expect.poll(() => admin.locator('#progress').textContent(), { timeout: 15_000 }).toContain('Status: Klart');
    expect(await admin.locator('#progress').textContent()).toContain('4 av 4 skickade');

    // The person opens the invitation and follows "Jag kommer"; the page's button records it.
    const [invitation] = await product.mailbox.waitFor((mail) => product.mailbox.addressedTo(mail, answering.email!) && mail.subject === `Inflyttarträff i Krokom ${tag}`);
    const yes = new RegExp(`${PUBLIC_BASE_URL}/api/v1/newsletter/rsvp\\?token=[A-Za-z0-9_-]+&answer=yes`).exec(invitation!.text)?.[0];
    expect(yes).toMatch(/\/api\/v1\/newsletter\/rsvp\?token=[A-Za-z0-9_-]{20,}&answer=yes$/);
    const person = await browser.newPage();
    await person.goto(localLink(product, yes!));
    await person.getByRole('button', { name: 'Ja, jag kommer' }).click();
    await person.getByText('Tack för ditt svar!').waitFor();
    await person.close();

    await admin.goto(`/newsletters/${campaignId}`);
    const rsvps = admin.locator('#rsvps');
    expect(await rsvps.locator('.counts').textContent()).toMatch(/1\s*kommer\s*0\s*kommer inte/);
    const answer = rsvps.locator('.case-card', { hasText: `=Sara Krokomsson-${tag}` });
    expect(await answer.textContent()).toContain('Kommer');
    expect(await answer.textContent()).toContain(answering.email!);
    await expectNoAxeViolations(admin);
    await screenshot('web-newsletter-invitation', admin);
  });

  it('downloads the RSVP list as CSV, with the formula guard', async () => {
    const response = await admin.request.get(`/newsletters/${campaignId}/rsvps.csv`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
    expect(response.headers()['content-disposition']).toBe(`attachment; filename="rsvp-${campaignId}.csv"`);
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe('contactId,name,email,phone,answer,answeredAt');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`^${answering.id},'=Sara Krokomsson-${tag},${answering.email!.replace('.', '\\.')},,yes,\\d{4}-\\d{2}-\\d{2}T`));
    // The link on the page is the same download.
    expect(await admin.getByRole('link', { name: 'Ladda ner svaren som CSV (för arrangörerna)' }).getAttribute('href')).toBe(`/newsletters/${campaignId}/rsvps.csv`);
  });

  it('lists the mailing with its status and progress', async () => {
    await admin.goto('/newsletters');
    const card = admin.locator('.campaign-list .case-card', { hasText: `Inflyttarträff i Krokom ${tag}` });
    expect(await card.textContent()).toContain('Inbjudan · Klart · 4 av 4 skickade');
    expect(await card.textContent()).toContain('1 kommer, 0 kommer inte');
    await screenshot('web-newsletters-list', admin);
  });

  it('keeps a plain coordinator out: no nav link, the 403 page, and 403 on every form post', async () => {
    const guide = await newPage(browser, product);
    await signIn(guide, product, product.coordinators.are.email);
    expect(await guide.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Utskick' }).count()).toBe(0);
    for (const pathName of ['/newsletters', '/newsletters/new', `/newsletters/${campaignId}`, `/newsletters/${campaignId}/rsvps.csv`]) {
      const response = await guide.goto(pathName);
      expect(response?.status(), pathName).toBe(403);
      await guide.getByRole('heading', { level: 1, name: 'Du saknar behörighet' }).waitFor();
    }
    await expectNoAxeViolations(guide);
    await guide.goto('/');
    const csrf = await guide.locator('input[name="_csrf"]').first().inputValue();
    for (const action of ['/newsletters', '/newsletters/compose', '/newsletters/selections', ...['start', 'pause', 'resume', 'cancel'].map((command) => `/newsletters/${campaignId}/${command}`)]) {
      const response = await guide.request.post(action, { form: { _csrf: csrf, title: 'Inget', textSv: 'Inget', 's.kind': 'group' }, maxRedirects: 0 });
      expect(response.status(), action).toBe(403);
      expect(response.headers()['content-type']).toContain('text/html');
    }
    expect(await product.db.campaign.count()).toBe(1);
    await guide.context().close();
  });

  it('works at 320 px wide on every newsletters page', async () => {
    const phone = await newPage(browser, product, { width: 320, height: 640 });
    await signIn(phone, product, product.coordinators.admin.email);
    for (const pathName of ['/newsletters', '/newsletters/new', `/newsletters/${campaignId}`]) {
      await phone.goto(pathName);
      await expectNoHorizontalScroll(phone);
      await expectNoAxeViolations(phone);
    }
    await phone.goto('/newsletters/new');
    await addCondition(phone, 'Något ärende kom in mellan');
    await addCondition(phone, 'En grupp av villkor (och/eller)');
    await expectNoHorizontalScroll(phone);
    await expectNoAxeViolations(phone);
    await phone.context().close();
  });

  it('speaks English when the administrator chooses it', async () => {
    await admin.goto('/newsletters/new');
    await admin.getByRole('button', { name: 'In English' }).click();
    await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe('New mailing');
    expect(await admin.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Mailings' }).getAttribute('aria-current')).toBe('page');
    await (await addCondition(admin, 'Children in the household')).getByLabel('No children (or not told)').check();
    await expectNoAxeViolations(admin);
    await admin.goto(`/newsletters/${campaignId}`);
    expect(await admin.locator('#progress').textContent()).toContain('Status: Completed');
    await admin.getByRole('button', { name: 'På svenska' }).click();
    await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe(`Inflyttarträff i Krokom ${tag}`);
  });

  it('cancels a draft from its page', async () => {
    const created = await product.request('POST', '/api/v1/campaigns', {
      token: product.coordinators.admin.token,
      body: { kind: 'newsletter', title: `Nyhetsbrev ${tag}`, text: { sv: 'Hej!' }, filter: { municipalities: ['berg'] } },
    });
    expect(created.status).toBe(201);
    await admin.goto(`/newsletters/${created.body.id}`);
    expect(await admin.getByText('1 mottagare', { exact: true }).count()).toBe(1);
    await admin.getByRole('button', { name: 'Avbryt utskicket' }).click();
    await admin.locator('.flash', { hasText: 'är avbrutet' }).waitFor();
    expect(await admin.locator('#progress').textContent()).toContain('Status: Avbrutet');
    expect((await product.db.campaign.findUniqueOrThrow({ where: { id: created.body.id } })).status).toBe('cancelled');
    expect(await admin.getByRole('button', { name: 'Starta utskicket' }).count()).toBe(0);
    await expectNoAxeViolations(admin);
  });
});
