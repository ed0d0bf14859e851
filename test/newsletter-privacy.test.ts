// Issue 12 items 12 and 19: the public subscribe form is rate limited per client address,
// unconfirmed requests expire and their personal data goes, and following a link in a
// newsletter email (as mail scanners do) changes nothing until the page's button is pressed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeBody, PUBLIC_BASE_URL, startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({
    name: 'nlprivacy',
    // Behind one proxy (the test client on loopback): the address comes from X-Forwarded-For.
    config: { NEWSLETTER_SUBSCRIBE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '1', NEWSLETTER_CONFIRMATION_EXPIRES_AFTER: '7 days' },
  });
});
afterAll(async () => {
  await product?.close();
});

const subscribe = (email: string, clientAddress: string) =>
  product.request('POST', '/api/v1/newsletter/subscribe', { body: { email, consent: true }, headers: { 'x-forwarded-for': clientAddress } });
const confirmLinkFor = async (email: string) => {
  const [mail] = await product.mailbox.waitFor((m) => product.mailbox.addressedTo(m, email) && /Bekräfta/.test(m.subject));
  return new RegExp(`${PUBLIC_BASE_URL}/api/v1/newsletter/confirm\\?token=[A-Za-z0-9_-]+`).exec(mail!.text)![0].replace(PUBLIC_BASE_URL, product.baseUrl);
};
const pressButton: RequestInit = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' };

describe('newsletter subscribe form', () => {
  it('limits subscriptions per client address with 429 problem+json and Retry-After; other addresses go on', async () => {
    const emails = Array.from({ length: 5 }, (_, i) => `flood${i}.${product.tag}@example.se`);
    const statuses = [];
    for (const email of emails) statuses.push((await subscribe(email, '203.0.113.10')).status);
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    const limited = await subscribe(`flood9.${product.tag}@example.se`, '203.0.113.10');
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ status: 429 });
    // Nothing was kept or sent for the refused ones.
    expect(await product.db.contact.count({ where: { email: { in: emails } } })).toBe(3);
    expect((await subscribe(`other.${product.tag}@example.se`, '203.0.113.11')).status).toBe(202);
  });

  it('deletes unconfirmed requests when they expire: newsletter-only cards go, other cards only lose the request', async () => {
    const unconfirmed = `unconfirmed.${product.tag}@example.se`;
    const confirmed = `confirmed.${product.tag}@example.se`;
    const recent = `recent.${product.tag}@example.se`;
    expect((await subscribe(unconfirmed, '203.0.113.20')).status).toBe(202);
    expect((await subscribe(confirmed, '203.0.113.20')).status).toBe(202);
    const withCase = intakeBody({ newsletter: true });
    expect((await product.intake(withCase)).status).toBe(202);
    const unconfirmedLink = await confirmLinkFor(unconfirmed);
    await confirmLinkFor(withCase.email);
    expect((await fetch(await confirmLinkFor(confirmed), pressButton)).status).toBe(200);

    // Eight days pass for these three requests (the clock is the stored request time).
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3_600_000);
    await product.db.contact.updateMany({ where: { email: { in: [unconfirmed, confirmed, withCase.email] } }, data: { newsletterRequestedAt: eightDaysAgo } });
    expect((await subscribe(recent, '203.0.113.20')).status).toBe(202);

    const schedule = product.temporal.schedule.getHandle(product.scheduleIds.newsletterExpiry);
    const runsBefore = (await schedule.describe()).info.recentActions.length;
    await schedule.trigger();
    const run = await eventually(() => schedule.describe(), (d) => d.info.recentActions.length > runsBefore, { what: 'expiry run started' });
    const result = await product.temporal.workflow.getHandle(run.info.recentActions.at(-1)!.action.workflow.workflowId).result();
    expect(result).toMatchObject({ deletedCards: 1, withdrawnRequests: 1 });

    // Nothing of the unconfirmed person is left: no card, no record of the email to them.
    expect(await product.db.contact.count({ where: { email: unconfirmed } })).toBe(0);
    expect(await product.db.emailDelivery.count({ where: { recipients: { has: unconfirmed } } })).toBe(0);
    expect((await fetch(unconfirmedLink)).status).toBe(404);
    const kept = await product.db.contact.findUniqueOrThrow({ where: { email: withCase.email }, include: { cases: true } });
    expect(kept).toMatchObject({ newsletterStatus: 'none', newsletterToken: null, newsletterRequestedAt: null });
    expect(kept.cases).toHaveLength(1);
    // Only the confirmation's record goes; the case's receipt to the person stays with the case.
    expect(await product.db.emailDelivery.count({ where: { recipients: { has: withCase.email }, idempotencyKey: { startsWith: 'newsletter:' } } })).toBe(0);
    expect((await product.db.contact.findUniqueOrThrow({ where: { email: confirmed } })).newsletterStatus).toBe('subscribed');
    expect((await product.db.contact.findUniqueOrThrow({ where: { email: recent } })).newsletterStatus).toBe('pending');
  });
});

describe('links in newsletter emails', () => {
  it('a GET of the confirmation link only shows a Swedish page with one button; the POST confirms', async () => {
    const email = `scanned.${product.tag}@example.se`;
    expect((await subscribe(email, '203.0.113.30')).status).toBe(202);
    const link = await confirmLinkFor(email);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<h1>Bekräfta prenumerationen</h1>');
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).toContain('<form method="post">');
    expect((await product.db.contact.findUniqueOrThrow({ where: { email } })).newsletterStatus).toBe('pending');
    expect((await fetch(link, pressButton)).status).toBe(200);
    expect((await product.db.contact.findUniqueOrThrow({ where: { email } })).newsletterStatus).toBe('subscribed');
  });
});
