// MISSION §6: double opt-in, one-click unsubscribe, campaigns sent exactly once per
// recipient through a Temporal workflow, pause/resume/cancel, and RSVPs.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignProgressQuery } from '../workflows/newsletter-definitions.js';
import { intakeBody, PUBLIC_BASE_URL, startTestProduct, type TestProduct } from './support/product.js';
import type { ReceivedEmail } from './support/mailbox.js';
import { eventually } from './support/wait.js';

let product: TestProduct;

beforeAll(async () => {
  // Slow enough to pause, resume, cancel and restart mid-campaign.
  product = await startTestProduct({ name: 'newsletter', config: { NEWSLETTER_BATCH_SIZE: '1', NEWSLETTER_MESSAGES_PER_SECOND: '4' } });
});
afterAll(async () => {
  await product?.close();
});

type MailWithParts = ReceivedEmail & { html?: string; headers: Record<string, string> };

/** Follows a link from an email against the in-process API, as a person's click would. */
const follow = (url: string, init?: RequestInit) => fetch(url.replace(PUBLIC_BASE_URL, product.baseUrl), init);
/** What the browser sends when the page's one button is pressed. */
const pressButton: RequestInit = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' };
const linkIn = (text: string, path: string) => new RegExp(`${PUBLIC_BASE_URL}/api/v1/newsletter/${path}\\?token=[A-Za-z0-9_-]+(&answer=(yes|no))?`).exec(text)?.[0];

async function subscriber(label: string, overrides: Record<string, unknown> = {}) {
  return product.db.contact.create({
    data: {
      id: randomUUID(),
      firstName: label,
      lastName: 'Prenumerant',
      email: `${label.toLowerCase()}.${randomBytes(3).toString('hex')}@example.se`,
      preferredContactMethod: 'email',
      chosenMunicipalities: ['are'],
      consentAt: new Date(),
      consentSource: 'test',
      lastActivityAt: new Date(),
      newsletterStatus: 'subscribed',
      newsletterToken: randomBytes(24).toString('base64url'),
      ...overrides,
    },
  });
}

async function createCampaign(body: Record<string, unknown>) {
  const created = await product.request('POST', '/api/v1/campaigns', { token: product.coordinators.admin.token, body });
  expect(created.status).toBe(201);
  return created.body;
}

const mailsTo = async (address: string) => (await product.mailbox.to(address)) as MailWithParts[];

describe('newsletters', () => {
  it('activates a subscription only after the confirmation link is followed, keeping consent time and source', async () => {
    const email = `ny.${product.tag}@example.se`;
    const subscribe = await product.request('POST', '/api/v1/newsletter/subscribe', { body: { email, firstName: 'Nina', consent: true } });
    expect(subscribe.status).toBe(202);
    expect((await product.db.contact.findUniqueOrThrow({ where: { email } })).newsletterStatus).toBe('pending');

    const [confirmation] = await product.mailbox.waitFor((mail) => product.mailbox.addressedTo(mail, email));
    const confirmUrl = linkIn(confirmation!.text, 'confirm');
    expect(confirmUrl).toMatch(/\/api\/v1\/newsletter\/confirm\?token=[A-Za-z0-9_-]{20,}$/);
    // A mail scanner following the link changes nothing: the page only offers a button.
    for (const scan of [1, 2]) {
      const page = await follow(confirmUrl!);
      expect(page.status, `scan ${scan}`).toBe(200);
      const html = await page.text();
      expect(html).toContain('<html lang="sv">');
      expect(html).toMatch(/<form method="post"><button type="submit"[^>]*>Ja, jag vill prenumerera<\/button><\/form>/);
    }
    expect((await product.db.contact.findUniqueOrThrow({ where: { email } })).newsletterStatus).toBe('pending');
    const pressed = await follow(confirmUrl!, pressButton);
    expect(pressed.status).toBe(200);
    expect(await pressed.text()).toContain('Tack!');
    const contact = await product.db.contact.findUniqueOrThrow({ where: { email } });
    expect(contact).toMatchObject({ newsletterStatus: 'subscribed', newsletterConsentSource: 'newsletter-form' });
    expect(contact.newsletterConsentAt).not.toBeNull();

    const noConsent = await product.request('POST', '/api/v1/newsletter/subscribe', { body: { email: 'x@example.se' } });
    expect(noConsent.status).toBe(422);
  });

  it('sends the confirmation for the newsletter checkbox on the intake form', async () => {
    const body = intakeBody({ newsletter: true });
    await product.intake(body);
    const [confirmation] = await product.mailbox.waitFor((mail) => product.mailbox.addressedTo(mail, body.email) && /Bekräfta/.test(mail.subject));
    expect(linkIn(confirmation!.text, 'confirm')).toMatch(/\/api\/v1\/newsletter\/confirm\?token=[A-Za-z0-9_-]{20,}$/);
    const contact = await product.db.contact.findUniqueOrThrow({ where: { email: body.email } });
    expect(contact.newsletterConsentSource).toMatch(/^intake:tasteget:/);
  });

  it('delivers a campaign once to each active subscriber in the selection, as MIME with one-click unsubscribe', async () => {
    const swedish = await subscriber('Sara', { chosenMunicipalities: ['krokom'] });
    const english = await subscriber('Emma', { chosenMunicipalities: ['krokom'], language: 'en' });
    const notSubscribed = await subscriber('Otto', { chosenMunicipalities: ['krokom'], newsletterStatus: 'none' });
    await subscriber('Elsewhere', { chosenMunicipalities: ['berg'] });

    const campaign = await createCampaign({
      kind: 'newsletter',
      title: 'Nytt från Krokom',
      text: { sv: 'Hej! <b>Välkommen</b> till Krokom.', en: 'Hello! Welcome to Krokom.' },
      filter: { municipalities: ['krokom'] },
    });
    expect(campaign.recipientCount).toBe(2);
    const started = await product.request('POST', `/api/v1/campaigns/${campaign.id}/start`, { token: product.coordinators.admin.token });
    expect(started.status).toBe(202);
    const done = await product.temporal.workflow.getHandle(campaign.workflowId).result();
    expect(done).toMatchObject({ status: 'completed', sent: 2, failed: 0, remaining: 0 });

    const [sv] = await mailsTo(swedish.email!);
    const [en] = await mailsTo(english.email!);
    expect(await mailsTo(notSubscribed.email!)).toEqual([]);
    expect(sv!.text).toContain('Hej! <b>Välkommen</b> till Krokom.');
    expect(sv!.html).toContain('Hej! &lt;b&gt;Välkommen&lt;/b&gt; till Krokom.');
    expect(en!.text).toContain('Hello! Welcome to Krokom.');
    expect(sv!.headers['list-unsubscribe']).toContain('/api/v1/newsletter/unsubscribe?token=');
    expect(sv!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    const card = await product.request('GET', `/api/v1/contacts/${swedish.id}`, { token: product.coordinators.are.token });
    expect(card.body.activities.map((a: { summary: string }) => a.summary)).toContain('Nyhetsbrev skickat: Nytt från Krokom');

    // Following the link only shows the button; pressing it unsubscribes, idempotently;
    // the RFC 8058 one-click POST unsubscribes at once.
    const unsubscribeUrl = linkIn(sv!.text, 'unsubscribe')!;
    const page = await follow(unsubscribeUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('>Avsluta prenumerationen</button>');
    expect((await product.db.contact.findUniqueOrThrow({ where: { id: swedish.id } })).newsletterStatus).toBe('subscribed');
    for (const attempt of [1, 2]) {
      const pressed = await follow(unsubscribeUrl, pressButton);
      expect(pressed.status, `attempt ${attempt}`).toBe(200);
      expect(await pressed.text()).toContain('Prenumerationen är avslutad');
    }
    const oneClick = await follow(linkIn(en!.text, 'unsubscribe')!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    const after = await product.db.contact.findMany({ where: { id: { in: [swedish.id, english.id] } } });
    expect(after.map((contact) => contact.newsletterStatus)).toEqual(['unsubscribed', 'unsubscribed']);
  });

  it('records RSVPs to an invitation on the contact card and lists them for coordinators', async () => {
    const guest = await subscriber('Gustav', { chosenMunicipalities: ['harjedalen'] });
    const campaign = await createCampaign({
      kind: 'invitation',
      title: 'Inflyttarträff i Sveg',
      text: { sv: 'Välkommen på fika och mingel!' },
      event: { at: '2027-03-12T18:00:00+01:00', place: 'Sveg, Folkets hus' },
      filter: { municipalities: ['harjedalen'] },
    });
    await product.request('POST', `/api/v1/campaigns/${campaign.id}/start`, { token: product.coordinators.admin.token });
    await product.temporal.workflow.getHandle(campaign.workflowId).result();
    const [invitation] = await mailsTo(guest.email!);
    expect(invitation!.text).toContain('Sveg, Folkets hus');
    const yes = linkIn(invitation!.text.split('Jag kommer:')[1]!, 'rsvp')!;
    const page = await follow(yes);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('>Ja, jag kommer</button>');
    const unanswered = await product.db.campaignRecipient.findUniqueOrThrow({ where: { campaignId_contactId: { campaignId: campaign.id, contactId: guest.id } } });
    expect(unanswered.rsvp).toBeNull();
    expect((await follow(yes, pressButton)).status).toBe(200);

    const rsvps = await product.request('GET', `/api/v1/campaigns/${campaign.id}/rsvps`, { token: product.coordinators.berg.token });
    expect(rsvps.body.items).toEqual([expect.objectContaining({ contactId: guest.id, answer: 'yes' })]);
    const card = await product.request('GET', `/api/v1/contacts/${guest.id}`, { token: product.coordinators.are.token });
    expect(card.body.activities[0].summary).toBe('Svar på inbjudan "Inflyttarträff i Sveg": kommer');
  });

  it('pauses, resumes and cancels a campaign, and never mails anyone twice across a worker restart', async () => {
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => subscriber(`Paus${i}`, { chosenMunicipalities: ['ragunda'] })));
    const campaign = await createCampaign({ kind: 'newsletter', title: 'Ragunda-nytt', text: { sv: 'Nyheter' }, filter: { municipalities: ['ragunda'] } });
    await product.request('POST', `/api/v1/campaigns/${campaign.id}/start`, { token: product.coordinators.admin.token });
    const handle = product.temporal.workflow.getHandle(campaign.workflowId);
    await eventually(() => handle.query(campaignProgressQuery), (p) => p.sent >= 1, { what: 'first messages sent' });

    const paused = await product.request('POST', `/api/v1/campaigns/${campaign.id}/pause`, { token: product.coordinators.admin.token });
    expect(paused.status).toBe(200);
    expect(paused.body.status).toBe('paused');
    const sentWhilePaused = (await handle.query(campaignProgressQuery)).sent;

    // Kill the worker while paused, then bring it back: nothing is lost or repeated.
    await product.stopWorker();
    await product.startWorker();
    expect((await handle.query(campaignProgressQuery)).sent).toBe(sentWhilePaused);

    const resumed = await product.request('POST', `/api/v1/campaigns/${campaign.id}/resume`, { token: product.coordinators.admin.token });
    expect(resumed.body.status).toBe('sending');
    // And kill it again while it is sending.
    await eventually(() => handle.query(campaignProgressQuery), (p) => p.sent > sentWhilePaused, { what: 'sending again' });
    await product.stopWorker();
    await product.startWorker();
    const done = await handle.result();
    expect(done).toMatchObject({ status: 'completed', sent: people.length });
    for (const person of people) expect(await mailsTo(person.email!)).toHaveLength(1);

    const others = await Promise.all(Array.from({ length: 6 }, (_, i) => subscriber(`Stopp${i}`, { chosenMunicipalities: ['bracke'] })));
    const second = await createCampaign({ kind: 'newsletter', title: 'Bräcke-nytt', text: { sv: 'Nyheter' }, filter: { municipalities: ['bracke'] } });
    await product.request('POST', `/api/v1/campaigns/${second.id}/start`, { token: product.coordinators.admin.token });
    const secondHandle = product.temporal.workflow.getHandle(second.workflowId);
    await eventually(() => secondHandle.query(campaignProgressQuery), (p) => p.sent >= 1, { what: 'second campaign sending' });
    const cancelled = await product.request('POST', `/api/v1/campaigns/${second.id}/cancel`, { token: product.coordinators.admin.token });
    expect(cancelled.body.status).toBe('cancelled');
    const final = await secondHandle.result();
    expect(final.status).toBe('cancelled');
    expect(final.sent).toBeLessThan(others.length);
    const delivered = (await Promise.all(others.map((person) => mailsTo(person.email!)))).flat();
    expect(delivered.length).toBe(final.sent);
    // Two worker restarts; on a loaded machine each waits for the worker's orderly stop.
  }, 240_000);

  it('lets only administrators create, start, pause and cancel campaigns and save selections (MISSION.md §1)', async () => {
    const guide = product.coordinators.are.token;
    const body = { kind: 'newsletter', title: 'Från en vägledare', text: { sv: 'Hej' }, filter: { municipalities: ['are'] } };
    const refused = await product.request('POST', '/api/v1/campaigns', { token: guide, body });
    expect(refused.status).toBe(403);
    expect(await product.db.campaign.count({ where: { title: 'Från en vägledare' } })).toBe(0);
    const draft = await createCampaign({ ...body, title: 'Från administratören' });
    for (const action of ['start', 'pause', 'resume', 'cancel']) {
      expect((await product.request('POST', `/api/v1/campaigns/${draft.id}/${action}`, { token: guide })).status).toBe(403);
    }
    expect((await product.db.campaign.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('draft');
    expect((await product.request('GET', `/api/v1/campaigns/${draft.id}`, { token: guide })).status).toBe(200);
    const selection = await product.request('POST', '/api/v1/selections', { token: guide, body: { name: 'Vägledarens urval', filter: {} } });
    expect(selection.status).toBe(403);
    expect(await product.db.savedSelection.count({ where: { name: 'Vägledarens urval' } })).toBe(0);
  });
});
