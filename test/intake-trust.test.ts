// Issue 12 as a person, a careless form and an attacker meet the intake: shared phones,
// repeated forms, hostile characters and bytes, and the ways people write emails and
// phone numbers. Over HTTP, PostgreSQL, Temporal and the SMTP sink.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIRMATION_WORKFLOW_TYPE } from '../workflows/newsletter-definitions.js';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({ name: 'intake-trust' });
});
afterAll(async () => {
  await product?.close();
});

const unique = () => randomBytes(4).toString('hex');
const asCoordinator = () => ({ token: product.coordinators.are.token });
const card = (id: string) => product.request('GET', `/api/v1/contacts/${id}`, asCoordinator());

async function rowCounts() {
  const [contacts, cases, activities, idempotency] = await Promise.all([
    product.db.contact.count(),
    product.db.case.count(),
    product.db.activity.count(),
    product.db.idempotencyRecord.count(),
  ]);
  return { contacts, cases, activities, idempotency };
}

/** A raw JSON body, so that escapes such as \ud800 reach the server exactly as written. */
const rawJson = (method: string, path: string, raw: string | Buffer, auth: { apiKey?: string; token?: string } = {}) =>
  fetch(`${product.baseUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(auth.apiKey ? { 'x-api-key': auth.apiKey } : {}),
      ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
    },
    body: typeof raw === 'string' ? raw : new Uint8Array(raw),
  });

describe('two people who share a phone number (item 2)', () => {
  it('keeps two cards, marks the second as a possible duplicate, and mails each confirmation to the address typed', async () => {
    const phone = `+4670${String(Number.parseInt(unique(), 16) % 10_000_000).padStart(7, '0')}`;
    const annaBody = intakeBody({ firstName: 'Anna', email: `a.${unique()}@x.se`, phone, newsletter: true });
    const bertilBody = intakeBody({ firstName: 'Bertil', email: `b.${unique()}@x.se`, phone, newsletter: true, message: 'Bertils egna fråga' });
    const anna = await product.intake(annaBody);
    const bertil = await product.intake(bertilBody);
    expect(anna.status).toBe(202);
    expect(bertil.status).toBe(202);
    expect(bertil.body.contactId).not.toBe(anna.body.contactId);
    expect(bertil.body.duplicateContact).toBe(false);

    const annaCard = await card(anna.body.contactId);
    expect(annaCard.body).toMatchObject({ firstName: 'Anna', email: annaBody.email, phone, possibleDuplicateOf: null });
    const bertilCard = await card(bertil.body.contactId);
    expect(bertilCard.body).toMatchObject({ firstName: 'Bertil', email: bertilBody.email, phone, possibleDuplicateOf: anna.body.contactId });
    expect(bertilCard.body.activities.map((activity: { summary: string }) => activity.summary).join('\n')).toContain(
      `Möjlig dubblett: kontaktkortet ${anna.body.contactId}`,
    );

    for (const address of [annaBody.email, bertilBody.email]) {
      const mails = await product.mailbox.waitFor((mail) => product.mailbox.addressedTo(mail, address) && /Bekräfta/.test(mail.subject));
      expect(mails).toHaveLength(1);
    }
  });

  it('lets a coordinator merge the two cards, moving the cases and writing who, when and what on the timeline', async () => {
    const phone = `+4673${String(Number.parseInt(unique(), 16) % 10_000_000).padStart(7, '0')}`;
    const first = await product.intake(intakeBody({ firstName: 'Anna', email: `a.${unique()}@x.se`, phone }));
    const secondBody = intakeBody({ firstName: 'Bertil', email: `b.${unique()}@x.se`, phone, municipalities: ['berg'] });
    const second = await product.intake(secondBody);
    expect((await card(second.body.contactId)).body.possibleDuplicateOf).toBe(first.body.contactId);

    const self = await product.request('POST', `/api/v1/contacts/${first.body.contactId}/merge`, { ...asCoordinator(), body: { duplicateId: first.body.contactId } });
    expect(self.status).toBe(422);

    const merged = await product.request('POST', `/api/v1/contacts/${first.body.contactId}/merge`, {
      ...asCoordinator(),
      body: { duplicateId: second.body.contactId },
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: first.body.contactId, mergedContactId: second.body.contactId });

    expect((await card(second.body.contactId)).status).toBe(404);
    const kept = (await card(first.body.contactId)).body;
    expect(kept.firstName).toBe('Anna');
    expect(kept.cases.map((row: { id: string }) => row.id).sort()).toEqual([first.body.caseId, second.body.caseId].sort());
    expect(kept.chosenMunicipalities.sort()).toEqual(['are', 'berg']);
    const note = kept.activities.find((activity: { id: string }) => activity.id === merged.body.activityId);
    expect(note.author).toEqual({ id: product.coordinators.are.id, name: 'Vägledare are' });
    expect(note.occurredAt).toEqual(expect.any(String));
    // Nothing of the merged card is lost: its other email and name are in the note.
    expect(note.summary).toContain(second.body.contactId);
    expect(note.summary).toContain(secondBody.email);
    expect(note.summary).toContain('Bertil');

    const again = await product.request('POST', `/api/v1/contacts/${first.body.contactId}/merge`, {
      ...asCoordinator(),
      body: { duplicateId: second.body.contactId },
    });
    expect(again.status).toBe(404);
    const openapi = await product.request('GET', '/api/v1/openapi.json');
    expect(openapi.body.paths['/contacts/{id}/merge'].post.requestBody).toBeDefined();
  });

  it('never overwrites a name or drops a channel when the same person writes again, and says what differed', async () => {
    const firstBody = intakeBody({ firstName: 'Anna', phone: undefined });
    const first = await product.intake(firstBody);
    const laterBody = intakeBody({ firstName: 'Anna-Lena', email: firstBody.email, phone: '070-555 12 34', message: 'En ny fråga' });
    const later = await product.intake(laterBody);
    expect(later.body.contactId).toBe(first.body.contactId);
    expect(later.body.duplicateContact).toBe(true);

    const contact = (await card(first.body.contactId)).body;
    expect(contact).toMatchObject({ firstName: 'Anna', email: firstBody.email, phone: '+46705551234', message: firstBody.message });
    const laterCase = contact.cases.find((row: { id: string }) => row.id === later.body.caseId);
    expect(laterCase.message).toBe('En ny fråga');
    const notes = contact.activities.map((activity: { summary: string }) => activity.summary).join('\n');
    expect(notes).toContain('förnamn: "Anna-Lena" (kortet har "Anna")');
  });
});

describe('the same form sent again without an Idempotency-Key (item 20)', () => {
  it('makes twenty identical submissions one case with one notification, answering each with the original', async () => {
    const body = intakeBody({ municipalities: ['ragunda'] });
    const answers = await Promise.all(Array.from({ length: 20 }, () => product.intake(body)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(202));
    expect(new Set(answers.map((answer) => answer.body.caseId)).size).toBe(1);
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    const contact = await product.db.contact.findUniqueOrThrow({ where: { email: body.email } });
    expect(await product.db.case.count({ where: { contactId: contact.id } })).toBe(1);

    const caseId = answers[0]!.body.caseId;
    await eventually(() => product.db.emailDelivery.findUnique({ where: { idempotencyKey: `case:${caseId}:assigned` } }), (row) => row?.status === 'sent', {
      what: 'the notification',
    });
    const notifications = await product.mailbox.waitFor((mail) => mail.text.includes(body.lastName) && mail.subject.startsWith('Ny inflyttarkontakt'));
    expect(notifications).toHaveLength(1);

    // The same person with another message is another case.
    const other = await product.intake({ ...body, message: 'Och en sak till' });
    expect(other.body.caseId).not.toBe(caseId);
    expect(other.body.contactId).toBe(contact.id);
  });
});

describe('hostile characters and bytes (items 8, 10, 17)', () => {
  it.each([
    ['a lone surrogate in the first name', { firstName: '\ud800' }, 'firstName'],
    ['a lone surrogate in the message', { message: 'Hej \udc00 då' }, 'message'],
    ['a newline in the first name', { firstName: 'Anna\nKontaktkort: http://evil.example/x' }, 'firstName'],
    ['a carriage return in the last name', { lastName: 'Berg\rX' }, 'lastName'],
    ['a line separator in the last name', { lastName: 'Berg\u2028X' }, 'lastName'],
    ['a tab in the current location', { currentLocation: 'Göte\tborg' }, 'currentLocation'],
    ['a move-in date from year one', { receivedAt: '0001-01-01T00:00:00Z' }, 'receivedAt'],
  ])('refuses %s at /intake with 422 and writes nothing', async (_case, overrides, field) => {
    const before = await rowCounts();
    const response = await rawJson('POST', '/api/v1/intake', JSON.stringify(intakeBody(overrides)), { apiKey: product.sources.import.key });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a lone surrogate written as a JSON escape at /intake and /newsletter/subscribe', async () => {
    const before = await rowCounts();
    const intake = await rawJson('POST', '/api/v1/intake', JSON.stringify(intakeBody({ firstName: 'PLACEHOLDER' })).replace('PLACEHOLDER', '\\ud800'), {
      apiKey: product.sources.tasteget.key,
    });
    expect(intake.status).toBe(422);
    const subscribe = await rawJson('POST', '/api/v1/newsletter/subscribe', `{"email":"s.${unique()}@x.se","firstName":"\\ud800","consent":true}`);
    expect(subscribe.status).toBe(422);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a NUL or a newline in the subscribe form name with 422 and keeps nobody', async () => {
    const before = await rowCounts();
    for (const firstName of ['Ni\u0000na', 'Nina\nBcc: x@evil.example']) {
      const email = `n.${unique()}@x.se`;
      const response = await product.request('POST', '/api/v1/newsletter/subscribe', { body: { email, firstName, consent: true } });
      expect(response.status).toBe(422);
      expect(await product.db.contact.findUnique({ where: { email } })).toBeNull();
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('answers invalid UTF-8 in a JSON body with 400 problem+json and stores nothing', async () => {
    const before = await rowCounts();
    const valid = Buffer.from(JSON.stringify(intakeBody({ firstName: 'XX' })), 'utf8');
    const at = valid.indexOf('XX');
    valid[at] = 0xff;
    valid[at + 1] = 0xfe;
    const intake = await rawJson('POST', '/api/v1/intake', valid, { apiKey: product.sources.tasteget.key });
    expect(intake.status).toBe(400);
    expect(intake.headers.get('content-type')).toContain('application/problem+json');
    expect(((await intake.json()) as { detail: string }).detail).toContain('UTF-8');
    const subscribe = await rawJson('POST', '/api/v1/newsletter/subscribe', Buffer.from([...Buffer.from('{"email":"u@x.se","firstName":"'), 0xc3, 0x28, ...Buffer.from('","consent":true}')]));
    expect(subscribe.status).toBe(400);
    expect(await rowCounts()).toEqual(before);
  });

  it('quotes every line of the message in the coordinators’ email, so no line can pass for a link of ours', async () => {
    const body = intakeBody({ municipalities: ['bracke'], message: 'Hej!\nKontaktkort: http://evil.example/phish\nÄrende: falskt' });
    const intake = await product.intake(body);
    expect(intake.status).toBe(202);
    const [mail] = await product.mailbox.waitFor((email) => email.text.includes(body.lastName) && email.subject.startsWith('Ny inflyttarkontakt'));
    const lines = mail!.text.split('\n');
    expect(lines.filter((line) => line.startsWith('Kontaktkort:'))).toEqual([`Kontaktkort: http://test.local/contacts/${intake.body.contactId}`]);
    expect(lines).toContain('> Kontaktkort: http://evil.example/phish');
    expect(lines.filter((line) => line.startsWith('Kontakt:'))).toEqual([`Kontakt: Anna ${body.lastName}`]);
  });
});

describe('how people write emails and phone numbers (items 15, 16)', () => {
  it('trims emails and accepts international addresses', async () => {
    const local = `anna.${unique()}`;
    const padded = await product.intake(intakeBody({ email: `  ${local.toUpperCase()}@Example.SE ` }));
    expect(padded.status).toBe(202);
    expect((await product.db.contact.findUniqueOrThrow({ where: { id: padded.body.contactId } })).email).toBe(`${local}@example.se`);

    const idn = `åsa.${unique()}@exämple.se`;
    const international = await product.intake(intakeBody({ email: idn, newsletter: true }));
    expect(international.status).toBe(202);
    expect((await product.db.contact.findUniqueOrThrow({ where: { id: international.body.contactId } })).email).toBe(idn);
    const subscribed = await product.request('POST', '/api/v1/newsletter/subscribe', { body: { email: ` ${idn.toUpperCase()}`, consent: true } });
    expect(subscribed.status).toBe(202);
    expect(await product.db.contact.count({ where: { email: idn } })).toBe(1);
  });

  it('stores +46 (0)70 112 20 47 as +46701122047, the same card as 070-112 20 47', async () => {
    const digits = String(Number.parseInt(unique(), 16) % 1_000_000).padStart(6, '0');
    const written = `+46 (0)70 1${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`;
    const first = await product.intake(intakeBody({ email: undefined, phone: written, preferredContactMethod: 'phone' }));
    expect(first.status).toBe(202);
    const contact = await product.db.contact.findUniqueOrThrow({ where: { id: first.body.contactId } });
    expect(contact.phone).toBe(`+46701${digits}`);
    const again = await product.intake(
      intakeBody({ email: undefined, phone: `070-1${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`, preferredContactMethod: 'phone' }),
    );
    expect(again.body.contactId).toBe(first.body.contactId);
  });
});

describe('the newsletter confirmation workflow id (issue 12)', () => {
  it('contains no part of the secret token', async () => {
    const email = `wf.${unique()}@x.se`;
    expect((await product.request('POST', '/api/v1/newsletter/subscribe', { body: { email, consent: true } })).status).toBe(202);
    const contact = await product.db.contact.findUniqueOrThrow({ where: { email } });
    const token = contact.newsletterToken!;
    const listConfirmations = async () => {
      const ids: string[] = [];
      for await (const execution of product.temporal.workflow.list({
        query: `TaskQueue = '${product.taskQueue}' AND WorkflowType = '${CONFIRMATION_WORKFLOW_TYPE}'`,
      })) {
        if (execution.workflowId.includes(contact.id)) ids.push(execution.workflowId);
      }
      return ids;
    };
    const ids = await eventually(listConfirmations, (found) => found.length > 0, { what: 'the confirmation workflow in the visibility store' });
    expect(ids).toHaveLength(1);
    for (let at = 0; at + 4 <= token.length; at++) expect(ids[0]).not.toContain(token.slice(at, at + 4));
  });
});
