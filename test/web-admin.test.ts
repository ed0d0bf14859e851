// Administration in Chromium: accounts (welcome email, change, revoke), intake sources and
// their keys, the access log, the in-migration goals form; for administrators only; each
// page checked with axe and at 320 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMailer } from '../activities/mailer.js';
import { sendWelcomeEmail } from '../api/use-cases/coordinators.js';
import { logAccess } from '../api/use-cases/personal-data.js';
import { currentStockholmYear } from '../api/reports/report-query.js';
import { hashSecret } from '../domain/secrets.js';
import { expectNoAxeViolations, expectNoHorizontalScroll, launchBrowser, localLink, newPage, signIn, screenshotPage } from './support/browser.js';
import { PUBLIC_BASE_URL, intakeBody, startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;
let browser: Browser;
let admin: Page;
const year = currentStockholmYear(new Date());

beforeAll(async () => {
  [product, browser] = await Promise.all([startTestProduct({ name: 'web-admin' }), launchBrowser()]);
  admin = await newPage(browser, product);
  await signIn(admin, product, product.coordinators.admin.email);
});
afterAll(async () => {
  await browser?.close();
  await product?.close();
});

const screenshot = (name: string, target: Page) => screenshotPage(name, target);

const heading = (target: Page) => target.getByRole('heading', { level: 1 }).textContent();
const addForm = (target: Page) => target.locator('form[action="/admin/coordinators"]');
const accountCard = (target: Page, email: string) => target.locator('li.account', { hasText: email });
const welcomeTo = (address: string) => (mail: { subject: string; to: Array<{ address: string }> }) =>
  mail.subject === 'Välkommen till Inflyttarvägledning' && mail.to.some((to) => to.address === address);

/** The answer to a form post the page sends (the post itself, before any redirect is followed). */
const answerTo = (target: Page, path: string | RegExp) =>
  target.waitForResponse((response) => response.request().method() === 'POST' && (typeof path === 'string' ? new URL(response.url()).pathname === path : path.test(new URL(response.url()).pathname)));
const focusedId = (target: Page) => target.evaluate(() => document.activeElement?.id || document.activeElement?.className || null);

async function addAccount(input: { name: string; email: string; unit: string; role: string }, target = admin, button = 'Lägg till konto') {
  await target.goto('/admin/coordinators');
  const form = addForm(target);
  await form.locator('#name').fill(input.name);
  await form.locator('#email').fill(input.email);
  await form.locator('#unit').selectOption(input.unit);
  await form.locator('#role').selectOption(input.role);
  const answer = answerTo(target, '/admin/coordinators');
  await form.getByRole('button', { name: button }).click();
  return answer;
}

/** Follows the welcome email's link in a fresh browser and presses "Logga in". */
async function signInFromWelcome(address: string) {
  const [welcome] = await product.mailbox.waitFor(welcomeTo(address));
  const match = /https?:\/\/\S+\/sign-in\/link\?token=[A-Za-z0-9_-]+/.exec(welcome!.text);
  expect(match).not.toBeNull();
  const page = await newPage(browser, product);
  await page.goto(localLink(product, match![0]));
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in/link');
  return page;
}

describe('administration in the browser', () => {
  it('adds a viewer and a coordinator; each gets one welcome email whose link signs them in', async () => {
    await admin.goto('/');
    await admin.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).click();
    await admin.waitForURL((url) => url.pathname === '/admin');
    expect(await heading(admin)).toBe('Administration');
    await expectNoAxeViolations(admin);

    const viewerEmail = `beslut.${product.tag}@test.local`;
    await addAccount({ name: 'Beslutsfattare Berit', email: viewerEmail, unit: 'region', role: 'viewer' });
    await admin.getByText('Kontot är skapat. Ett välkomstmejl med inloggningslänk har skickats.').waitFor();
    expect(await accountCard(admin, viewerEmail).textContent()).toContain('Läsbehörighet (nyckeltal)');
    await expectNoAxeViolations(admin);

    const guideEmail = `ny.guide.${product.tag}@test.local`;
    await addAccount({ name: 'Nya Guiden', email: guideEmail, unit: 'krokom', role: 'coordinator' });
    await admin.getByText('Kontot är skapat').waitFor();
    expect(await accountCard(admin, guideEmail).textContent()).toContain('Krokom · Vägledare');

    // The same address again is refused and sends nothing: the accounts page again, with
    // the summary at the top linking to the field, the message beside it and what was typed.
    const refused = await addAccount({ name: 'Beslutsfattare Igen', email: viewerEmail, unit: 'region', role: 'viewer' });
    expect(refused.status()).toBe(422);
    expect(refused.headers()['cache-control']).toContain('no-store');
    expect(await heading(admin)).toBe('Konton');
    expect(await admin.title()).toMatch(/^Fel: Konton/);
    const summary = admin.locator('.error-summary');
    expect(await summary.getByRole('heading').textContent()).toBe('Det finns ett problem');
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Det finns redan ett konto med den här e-postadressen']);
    expect(await focusedId(admin)).toContain('error-summary');
    expect(await admin.locator('#field-email .error-message').textContent()).toBe('Fel: Det finns redan ett konto med den här e-postadressen');
    expect(await admin.locator('#email').getAttribute('aria-invalid')).toBe('true');
    expect(await admin.locator('#name').inputValue()).toBe('Beslutsfattare Igen');
    expect(await admin.locator('#email').inputValue()).toBe(viewerEmail);
    expect(await admin.locator('#role').inputValue()).toBe('viewer');
    expect(await admin.locator('#field-name .error-message').count()).toBe(0);
    await expectNoAxeViolations(admin);
    await screenshot('web-admin-error', admin);
    await summary.getByRole('link').click();
    expect(await focusedId(admin)).toBe('email');
    expect(await product.db.coordinator.count({ where: { email: viewerEmail } })).toBe(1);

    // Every mistake at once, each beside its field, in English when the session is in English.
    const english = await newPage(browser, product);
    await signIn(english, product, product.coordinators.admin.email, '/admin/coordinators');
    await english.getByRole('button', { name: 'In English' }).click();
    await english.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    const wrong = await addAccount({ name: ' ', email: 'inte-en-adress', unit: 'are', role: 'coordinator' }, english, 'Add account');
    expect(wrong.status()).toBe(422);
    expect(await english.locator('.error-summary h2').textContent()).toBe('There is a problem');
    expect(await english.locator('.error-summary a').allTextContents()).toEqual(["Enter the person's name", 'Enter an email address like name@municipality.se']);
    expect(await english.locator('#field-email .error-message').textContent()).toBe('Error: Enter an email address like name@municipality.se');
    expect(await english.locator('#email').inputValue()).toBe('inte-en-adress');
    expect(await english.locator('#unit').inputValue()).toBe('are');
    await expectNoAxeViolations(english);
    await english.context().close();

    const viewer = await product.db.coordinator.findUniqueOrThrow({ where: { email: viewerEmail } });
    expect(viewer).toMatchObject({ role: 'viewer', unit: 'region', revokedAt: null });
    const delivery = await product.db.emailDelivery.findUniqueOrThrow({ where: { idempotencyKey: `coordinator:${viewer.id}:welcome` } });
    expect(delivery.status).toBe('sent');
    // Sending it again (a retried request) sends nothing.
    const mailer = createMailer({ db: product.db, smtpUrl: `smtp://127.0.0.1:${inject('harness').smtpPort}`, from: 'noreply@test.local' });
    expect(await sendWelcomeEmail({ db: product.db, mailer, publicBaseUrl: PUBLIC_BASE_URL }, viewer.id)).toEqual({ alreadySent: true });
    mailer.close();

    // The viewer signs in from the email and lands on the figures, and sees no contact card.
    const viewerPage = await signInFromWelcome(viewerEmail);
    expect(new URL(viewerPage.url()).pathname).toBe('/figures');
    expect(await heading(viewerPage)).toBe('Nyckeltal');
    const intake = await product.intake(intakeBody());
    const card = await viewerPage.goto(`/contacts/${intake.body.contactId}`);
    expect(card?.status()).toBe(403);
    expect(await heading(viewerPage)).toBe('Du saknar behörighet');
    expect(await viewerPage.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await viewerPage.context().close();

    // One welcome email each, however long we wait.
    await product.mailbox.waitFor(welcomeTo(guideEmail));
    expect((await product.mailbox.all()).filter(welcomeTo(viewerEmail))).toHaveLength(1);
    expect((await product.mailbox.all()).filter(welcomeTo(guideEmail))).toHaveLength(1);
    // The link works once.
    expect(await product.db.signInLink.count({ where: { coordinatorId: viewer.id, usedAt: null } })).toBe(0);
  });

  it("changes an account's unit and role and revokes it; the revoked one's session ends", async () => {
    const email = `byter.${product.tag}@test.local`;
    await addAccount({ name: 'Byter Enhet', email, unit: 'are', role: 'coordinator' });
    await admin.getByText('Kontot är skapat').waitFor();
    const guide = await signInFromWelcome(email);
    expect(await heading(guide)).toBe('Min dag');

    await admin.goto('/admin/coordinators');
    const card = accountCard(admin, email);
    await card.locator('summary', { hasText: 'Ändra enhet eller roll' }).click();
    await card.getByLabel('Enhet').selectOption('berg');
    await card.getByLabel('Roll').selectOption('regional');
    await card.getByRole('button', { name: 'Spara ändringen' }).click();
    await admin.getByText('Ändringen är sparad.').waitFor();
    expect(await accountCard(admin, email).textContent()).toContain('Berg · Regional samordnare');
    expect(await product.db.coordinator.findUniqueOrThrow({ where: { email } })).toMatchObject({ unit: 'berg', role: 'regional' });
    // The open session has the new unit at once.
    await guide.goto('/');
    expect(await guide.getByLabel('Enhet').inputValue()).toBe('berg');

    await accountCard(admin, email).locator('summary', { hasText: 'Återkalla behörighet' }).click();
    await accountCard(admin, email).getByRole('button', { name: 'Återkalla behörigheten' }).click();
    await admin.getByText('Behörigheten är återkallad').waitFor();
    expect(await accountCard(admin, email).textContent()).toContain('Återkallat');
    const revoked = await product.db.coordinator.findUniqueOrThrow({ where: { email } });
    expect(revoked.revokedAt).not.toBeNull();
    expect(await product.db.webSession.count({ where: { coordinatorId: revoked.id } })).toBe(0);
    await guide.goto('/search');
    expect(new URL(guide.url()).pathname).toBe('/sign-in');
    await guide.context().close();

    // An administrator cannot revoke themselves (nobody might be left to administer).
    expect(await accountCard(admin, product.coordinators.admin.email).locator('summary').count()).toBe(0);

    // Forms sent anyway: a revoked account cannot be changed (409), one's own account not revoked (422).
    const csrf = await admin.locator('input[name="_csrf"]').first().inputValue();
    const change = await admin.request.post(`/admin/coordinators/${revoked.id}`, { form: { _csrf: csrf, unit: 'are', role: 'coordinator' }, maxRedirects: 0 });
    expect(change.status()).toBe(409);
    expect(await change.text()).toContain(`<a href="#account-${revoked.id}">Kontot är återkallat och kan inte ändras</a>`);
    const own = await admin.request.post(`/admin/coordinators/${product.coordinators.admin.id}/revoke`, { form: { _csrf: csrf }, maxRedirects: 0 });
    expect(own.status()).toBe(422);
    expect(await own.text()).toContain('Du kan inte återkalla ditt eget konto');
    expect(await product.db.coordinator.findUniqueOrThrow({ where: { id: revoked.id } })).toMatchObject({ unit: 'berg', role: 'regional' });
    expect(await product.db.coordinator.findUniqueOrThrow({ where: { id: product.coordinators.admin.id } })).toMatchObject({ revokedAt: null });
  });

  it('adds an intake source and rotates its key: the shown key works, the old one gets 401', async () => {
    await admin.goto('/admin/sources');
    await expectNoAxeViolations(admin);
    await admin.getByLabel('Namn').fill('krokom.se');
    await admin.getByLabel('Slag').selectOption('municipality-site');
    await admin.getByLabel('Kommun').selectOption('krokom');
    const added = answerTo(admin, '/admin/sources');
    await admin.getByRole('button', { name: 'Lägg till källa' }).click();
    expect((await added).headers()['cache-control']).toContain('no-store');
    await admin.getByText('Källan krokom.se är tillagd.').waitFor();
    const firstKey = await admin.getByLabel('Nyckel (X-Api-Key)').inputValue();
    expect(firstKey).toMatch(/^ivs_[A-Za-z0-9_-]{43}$/);
    await expectNoAxeViolations(admin);
    const source = await product.db.intakeSource.findFirstOrThrow({ where: { name: 'krokom.se' } });
    expect(source).toMatchObject({ kind: 'municipality-site', municipality: 'krokom', keyHash: hashSecret(firstKey) });

    const first = await product.request('POST', '/api/v1/intake', { body: intakeBody({ municipalities: ['krokom'] }), apiKey: firstKey });
    expect(first.status).toBe(202);

    // Reloading the page that showed the key posts the form again: no second source, no key.
    const addedAgain = answerTo(admin, '/admin/sources');
    await admin.reload();
    expect((await addedAgain).status()).toBe(409);
    expect(await admin.locator('.error-summary a').allTextContents()).toEqual(['Källan är redan tillagd och dess nyckel har redan visats; byt nyckel om du inte sparade den']);
    expect(await admin.locator('#new-key').count()).toBe(0);
    expect(await product.db.intakeSource.count({ where: { name: 'krokom.se' } })).toBe(1);

    // A municipality site without its municipality: the message beside the field, the name kept.
    await admin.goto('/admin/sources');
    await admin.getByLabel('Namn').fill('bracke.se');
    await admin.getByLabel('Slag').selectOption('municipality-site');
    const missing = answerTo(admin, '/admin/sources');
    await admin.getByRole('button', { name: 'Lägg till källa' }).click();
    expect((await missing).status()).toBe(422);
    expect(await admin.locator('#field-municipality .error-message').textContent()).toBe('Fel: Välj kommunen vars webbplats det är');
    expect(await admin.locator('#source-name').inputValue()).toBe('bracke.se');
    expect(await admin.locator('#kind').inputValue()).toBe('municipality-site');
    await expectNoAxeViolations(admin);
    expect(await product.db.intakeSource.count({ where: { name: 'bracke.se' } })).toBe(0);

    await admin.goto('/admin/sources');
    const item = admin.locator('li', { hasText: 'krokom.se' });
    await item.locator('summary', { hasText: 'Byt nyckel' }).click();
    const rotatePath = `/admin/sources/${source.id}/rotate-key`;
    const rotatedAnswer = answerTo(admin, rotatePath);
    await item.getByRole('button', { name: 'Byt nyckel: krokom.se' }).click();
    expect((await rotatedAnswer).headers()['cache-control']).toContain('no-store');
    await admin.getByText('Nyckeln för krokom.se är bytt.').waitFor();
    const secondKey = await admin.getByLabel('Nyckel (X-Api-Key)').inputValue();
    expect(secondKey).not.toBe(firstKey);
    // Only the hash is stored, never the key itself.
    const rotated = await product.db.intakeSource.findUniqueOrThrow({ where: { id: source.id } });
    expect(rotated.keyHash).toBe(hashSecret(secondKey));
    expect(JSON.stringify(rotated)).not.toContain(secondKey);

    expect((await product.request('POST', '/api/v1/intake', { body: intakeBody({ municipalities: ['krokom'] }), apiKey: secondKey })).status).toBe(202);
    expect((await product.request('POST', '/api/v1/intake', { body: intakeBody({ municipalities: ['krokom'] }), apiKey: firstKey })).status).toBe(401);

    // Reloading the page that showed the new key posts the rotate form again, with its used
    // one-time key: nothing is rotated and no key is shown.
    const repeated = answerTo(admin, rotatePath);
    await admin.reload();
    const repeatedAnswer = await repeated;
    expect(repeatedAnswer.status()).toBe(409);
    expect(repeatedAnswer.headers()['cache-control']).toContain('no-store');
    expect(await admin.locator('.error-summary a').allTextContents()).toEqual(['Nyckeln har redan visats; rotera igen om du inte sparade den']);
    expect(await admin.locator(`li:has(#source-${source.id}) .error-message`).textContent()).toContain('Nyckeln har redan visats');
    expect(await admin.locator('#new-key').count()).toBe(0);
    await expectNoAxeViolations(admin);
    await screenshot('web-sources-error', admin);
    expect((await product.db.intakeSource.findUniqueOrThrow({ where: { id: source.id } })).keyHash).toBe(hashSecret(secondKey));
    expect((await product.request('POST', '/api/v1/intake', { body: intakeBody({ municipalities: ['krokom'] }), apiKey: secondKey })).status).toBe(202);
    expect(await product.db.auditRecord.count({ where: { kind: 'intake-key-rotated', subjectId: source.id } })).toBe(1);

    // The key is not on the page once it is reloaded.
    await admin.goto('/admin/sources');
    expect(await admin.content()).not.toContain(secondKey);
  });

  it('filters the access log by contact and by coordinator, in pages', async () => {
    const first = intakeBody({ firstName: 'Loggad' });
    const second = intakeBody({ firstName: 'Annan' });
    const [a, b] = [await product.intake(first), await product.intake(second)];
    await admin.goto(`/contacts/${a.body.contactId}`);
    expect((await product.request('GET', `/api/v1/contacts/${b.body.contactId}`, { token: product.coordinators.ostersund.token })).status).toBe(200);
    // Many reads of one card make several pages.
    for (let n = 0; n < 55; n += 1) await logAccess(product.db, product.coordinators.ostersund.id, b.body.contactId, 'read');

    await admin.goto('/admin/access-log');
    await expectNoAxeViolations(admin);
    await admin.getByLabel('Kontakt').fill(first.email);
    await admin.getByRole('button', { name: 'Visa' }).click();
    await admin.locator('#results').getByText('1 händelse').waitFor();
    const results = admin.locator('#results');
    expect(await results.textContent()).toContain(`Läste Loggad ${first.lastName}`);
    expect(await results.textContent()).toContain('av Admin');
    expect(await results.textContent()).not.toContain(second.lastName);

    await admin.getByLabel('Kontakt').fill('');
    await admin.getByLabel('Vägledare').selectOption({ label: `Vägledare ostersund (${product.coordinators.ostersund.email})` });
    await admin.getByRole('button', { name: 'Visa' }).click();
    await admin.locator('#results').getByText('56 händelser').waitFor();
    expect(await results.textContent()).toContain(`Annan ${second.lastName}`);
    expect(await results.textContent()).not.toContain('Loggad');
    expect(await results.locator('li.entry').count()).toBe(50);
    expect(await results.textContent()).toContain('Sida 1 av 2');
    await results.getByRole('link', { name: 'Äldre' }).click();
    await admin.getByText('Sida 2 av 2').waitFor();
    expect(await admin.locator('#results li.entry').count()).toBe(6);
    expect(new URL(admin.url()).searchParams.get('coordinator')).toBe(product.coordinators.ostersund.id);
    await expectNoAxeViolations(admin);

    await admin.goto(`/admin/access-log?contact=${encodeURIComponent('ingen@example.se')}`);
    expect(await admin.locator('#results').textContent()).toContain('Ingen kontakt har den e-postadressen.');
  });

  it('sets and changes goals on the form; they appear in the figures, the goals API and the history', async () => {
    await admin.goto('/figures');
    await admin.getByRole('link', { name: 'Ändra inflyttningsmålen' }).click();
    await admin.waitForURL((url) => url.pathname === '/admin/goals');
    expect(await heading(admin)).toBe(`Inflyttningsmål ${year}`);
    expect(await admin.getByText('Inga ändringar det här året.').count()).toBe(1);
    await expectNoAxeViolations(admin);

    await admin.locator('#people_are').fill('120');
    await admin.locator('#households_are').fill('50');
    await admin.locator('#people_region').fill('900');
    await admin.getByRole('button', { name: 'Spara målen' }).click();
    await admin.getByText('2 mål är ändrade.').waitFor();
    expect(await admin.locator('#people_are').inputValue()).toBe('120');

    await admin.locator('#people_are').fill('130');
    await admin.getByRole('button', { name: 'Spara målen' }).click();
    await admin.getByText('Ett mål är ändrat.').waitFor();
    const history = admin.locator('.goal-history');
    expect(await history.locator('li').count()).toBe(3);
    expect(await history.locator('li').first().textContent()).toContain('Åre: 120 personer, 50 hushåll → 130 personer, 50 hushåll');
    expect(await history.textContent()).toContain('Åre: inget → 120 personer, 50 hushåll');
    expect(await history.textContent()).toContain('Hela regionen: inget → 900 personer');
    expect(await history.textContent()).toContain('av Admin');
    await expectNoAxeViolations(admin);
    await screenshot('web-goals', admin);

    // A goal that is not a whole number is refused beside that municipality's field; nothing changes.
    const changesBefore = await product.db.inMigrationGoalChange.count();
    const goalsBefore = await product.db.inMigrationGoal.findMany({ orderBy: { scope: 'asc' } });
    await admin.locator('#people_krokom').fill('-5');
    await admin.locator('#people_are').fill('140');
    const invalidGoal = answerTo(admin, '/admin/goals');
    await admin.getByRole('button', { name: 'Spara målen' }).click();
    expect((await invalidGoal).status()).toBe(422);
    expect(await heading(admin)).toBe(`Inflyttningsmål ${year}`);
    expect(await admin.locator('.error-summary h2').textContent()).toBe('Det finns ett problem');
    expect(await admin.locator('.error-summary a').allTextContents()).toEqual(['Skriv målet för personer för Krokom som ett heltal från 0 till 1 000 000']);
    expect(await admin.locator('.error-summary a').getAttribute('href')).toBe('#people_krokom');
    expect(await admin.locator('#field-people_krokom .error-message').textContent()).toContain('Krokom som ett heltal');
    expect(await admin.locator('.goal .error-message').count()).toBe(1);
    expect(await admin.locator('#people_krokom').getAttribute('aria-describedby')).toBe('people_krokom-error');
    expect(await admin.locator('#people_krokom').inputValue()).toBe('-5');
    expect(await admin.locator('#people_are').inputValue()).toBe('140');
    await expectNoAxeViolations(admin);
    await screenshot('web-goals-error', admin);

    // A household goal without a people goal is refused beside the people field, and nothing changes.
    await admin.locator('#people_krokom').fill('');
    await admin.locator('#people_berg').fill('');
    await admin.locator('#households_berg').fill('10');
    const householdsOnly = answerTo(admin, '/admin/goals');
    await admin.getByRole('button', { name: 'Spara målen' }).click();
    expect((await householdsOnly).status()).toBe(422);
    expect(await admin.locator('.error-summary a').allTextContents()).toEqual(['Skriv målet för personer för Berg innan målet för hushåll']);
    expect(await admin.locator('#field-people_berg .error-message').textContent()).toBe('Fel: Skriv målet för personer för Berg innan målet för hushåll');
    expect(await admin.locator('#households_berg').inputValue()).toBe('10');
    await expectNoAxeViolations(admin);
    expect(await product.db.inMigrationGoalChange.count()).toBe(changesBefore);
    expect(await product.db.inMigrationGoal.findMany({ orderBy: { scope: 'asc' } })).toEqual(goalsBefore);

    const goals = await product.request('GET', `/api/v1/goals?year=${year}`, { token: product.coordinators.are.token });
    expect(goals.body.goals.map((goal: { scope: string; people: number; households: number | null }) => [goal.scope, goal.people, goal.households])).toEqual([
      ['are', 130, 50],
      ['region', 900, null],
    ]);
    const changes = await product.request('GET', `/api/v1/goals/changes?year=${year}`, { token: product.coordinators.are.token });
    expect(changes.body.changes).toHaveLength(3);
    expect(changes.body.changes[0]).toMatchObject({ scope: 'are', old: { people: 120, households: 50 }, new: { people: 130, households: 50 }, changedBy: { id: product.coordinators.admin.id } });

    await admin.goto(`/figures?period=year&year=${year}`);
    const regionGoal = admin.locator('.figures .summary li', { hasText: `mål för hela regionen ${year}` });
    expect(await regionGoal.locator('.value').textContent()).toBe('900');
    const report = await product.request('GET', `/api/v1/reports/goals?year=${year}`, { token: product.coordinators.are.token });
    expect(report.body).toContain('130');
    expect(report.body).toContain('900');
  });

  it('answers a plain coordinator 403 on every administration page and form post, and changes nothing', async () => {
    const guide = await newPage(browser, product);
    await signIn(guide, product, product.coordinators.are.email);
    expect(await guide.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    for (const target of ['/admin', '/admin/coordinators', '/admin/sources', '/admin/access-log', '/admin/goals']) {
      const response = await guide.goto(target);
      expect(response?.status(), target).toBe(403);
      expect(await heading(guide)).toBe('Du saknar behörighet');
    }
    const csrf = await guide.locator('input[name="_csrf"]').first().inputValue();
    const before = { coordinators: await product.db.coordinator.count(), sources: await product.db.intakeSource.findMany(), goals: await product.db.inMigrationGoalChange.count() };
    const posts: Array<[string, Record<string, string>]> = [
      ['/admin/coordinators', { name: 'Inkräktare', email: `x.${product.tag}@test.local`, unit: 'are', role: 'admin' }],
      [`/admin/coordinators/${product.coordinators.are.id}`, { unit: 'are', role: 'admin' }],
      [`/admin/coordinators/${product.coordinators.admin.id}/revoke`, {}],
      ['/admin/sources', { name: 'fel', kind: 'tasteget', municipality: '' }],
      [`/admin/sources/${product.sources.tasteget.id}/rotate-key`, {}],
      ['/admin/goals', { year: String(year), people_are: '1' }],
    ];
    for (const [target, form] of posts) {
      const response = await guide.request.post(target, { form: { ...form, _csrf: csrf }, maxRedirects: 0 });
      expect(response.status(), target).toBe(403);
      expect(await response.text()).toContain('Du saknar behörighet');
    }
    expect(await product.db.coordinator.count()).toBe(before.coordinators);
    expect(await product.db.coordinator.findUniqueOrThrow({ where: { id: product.coordinators.are.id } })).toMatchObject({ role: 'coordinator' });
    expect(await product.db.coordinator.findUniqueOrThrow({ where: { id: product.coordinators.admin.id } })).toMatchObject({ revokedAt: null });
    expect(await product.db.intakeSource.findMany()).toEqual(before.sources);
    expect(await product.db.inMigrationGoalChange.count()).toBe(before.goals);
    await guide.context().close();
  });

  it('offers the same account and source operations in the JSON API (admins)', async () => {
    const token = product.coordinators.admin.token;
    const email = `api.${product.tag}@test.local`;
    const created = await product.request('POST', '/api/v1/admin/coordinators', { token, body: { name: 'Via API', email, unit: 'ragunda', role: 'coordinator' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, unit: 'ragunda', role: 'coordinator', welcomeEmailSent: true });
    expect((await product.request('GET', '/api/v1/cases', { token: created.body.token })).status).toBe(200);
    await product.mailbox.waitFor(welcomeTo(email));
    const again = await product.request('POST', '/api/v1/admin/coordinators', { token, body: { name: 'Via API', email, unit: 'ragunda', role: 'coordinator' } });
    expect(again.status).toBe(422);

    const changed = await product.request('PATCH', `/api/v1/admin/coordinators/${created.body.id}`, { token, body: { unit: 'are', role: 'viewer' } });
    expect(changed.body).toMatchObject({ unit: 'are', role: 'viewer', revokedAt: null });
    const listed = await product.request('GET', '/api/v1/admin/coordinators', { token });
    expect(listed.body.coordinators.find((account: { email: string }) => account.email === email)).toMatchObject({ role: 'viewer' });
    expect((await product.request('POST', `/api/v1/admin/coordinators/${created.body.id}/revoke`, { token })).status).toBe(200);
    expect((await product.request('GET', '/api/v1/reports', { token: created.body.token })).status).toBe(401);
    expect((await product.request('POST', `/api/v1/admin/coordinators/${product.coordinators.admin.id}/revoke`, { token })).status).toBe(422);

    const source = await product.request('POST', '/api/v1/admin/intake-sources', { token, body: { name: 'import-api', kind: 'import' } });
    expect(source.status).toBe(201);
    const rotated = await product.request('POST', `/api/v1/admin/intake-sources/${source.body.id}/rotate-key`, { token });
    expect(rotated.body.key).not.toBe(source.body.key);
    expect((await product.request('POST', '/api/v1/intake', { body: intakeBody(), apiKey: source.body.key })).status).toBe(401);
    expect((await product.request('POST', '/api/v1/intake', { body: intakeBody(), apiKey: rotated.body.key })).status).toBe(202);
    const sources = await product.request('GET', '/api/v1/admin/intake-sources', { token });
    expect(JSON.stringify(sources.body)).not.toContain(rotated.body.key);
    expect(sources.body.sources.some((row: { name: string }) => row.name === 'import-api')).toBe(true);
  });

  it('has no sideways scroll at 320 px on any administration page', async () => {
    const phone = await newPage(browser, product, { width: 320, height: 640 });
    await signIn(phone, product, product.coordinators.admin.email);
    for (const target of ['/admin', '/admin/coordinators', '/admin/sources', '/admin/access-log', '/admin/goals']) {
      await phone.goto(target);
      await expectNoHorizontalScroll(phone);
      await expectNoAxeViolations(phone);
    }
    await phone.context().close();
    await admin.setViewportSize({ width: 1280, height: 900 });
    await admin.goto('/admin/coordinators');
    await screenshot('web-admin', admin);
  });
});
