import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({ name: 'intake' });
});
afterAll(async () => {
  await product?.close();
});

async function rowCounts() {
  const [contacts, cases, activities] = await Promise.all([
    product.db.contact.count(),
    product.db.case.count(),
    product.db.activity.count(),
  ]);
  return { contacts, cases, activities };
}

describe('POST /api/v1/intake', () => {
  it('routes a contact with one chosen municipality there and emails its coordinators', async () => {
    const body = intakeBody({ municipalities: ['are'], preferredContactMethod: 'phone' });
    const response = await product.intake(body);

    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      assignedTo: { unit: 'are', name: 'Åre' },
      workflowId: expect.stringMatching(new RegExp(`^${product.workflowIdPrefix}case-are-\\d{6}$`)),
      firstReplyDueAt: expect.stringMatching(/T23:59:59\+0[12]:00$/),
      duplicateContact: false,
    });
    const row = await product.db.case.findUniqueOrThrow({ where: { id: response.body.caseId } });
    expect(row).toMatchObject({ responsibleUnit: 'are', status: 'awaiting-reply', slaOutcome: 'open', sourceKind: 'tasteget' });

    const areInbox = product.coordinators.are.email;
    const [email] = await product.mailbox.waitFor(
      (mail) => product.mailbox.addressedTo(mail, areInbox) && mail.text.includes(body.lastName),
    );
    expect(email!.subject).toContain('Åre');
    expect(email!.text).toContain(`Vill bli kontaktad per TELEFON: ${body.phone}`);
    expect(email!.text).toContain('Hitta bostad');
    expect(email!.text).toContain('Första svar senast');
    expect(email!.text).toContain(`http://test.local/contacts/${response.body.contactId}`);
    // Other municipalities are not bothered.
    const elsewhere = await product.mailbox.to(product.coordinators.ostersund.email);
    expect(elsewhere.filter((mail) => mail.text.includes(body.lastName))).toHaveLength(0);
  });

  it('routes a contact with several or no municipalities to the region and tells the chosen ones', async () => {
    const several = intakeBody({ municipalities: ['krokom', 'ostersund'] });
    const none = intakeBody({ municipalities: [] });
    const [forSeveral, forNone] = [await product.intake(several), await product.intake(none)];
    expect(forSeveral.body.assignedTo.unit).toBe('region');
    expect(forNone.body.assignedTo.unit).toBe('region');

    await product.mailbox.waitFor(
      (mail) => product.mailbox.addressedTo(mail, product.coordinators.region.email) && mail.text.includes(several.lastName),
    );
    for (const municipality of ['krokom', 'ostersund'] as const) {
      const [following] = await product.mailbox.waitFor(
        (mail) => product.mailbox.addressedTo(mail, product.coordinators[municipality].email) && mail.text.includes(several.lastName),
      );
      expect(following!.subject).toContain('kännedom');
    }
    await product.mailbox.waitFor(
      (mail) => product.mailbox.addressedTo(mail, product.coordinators.region.email) && mail.text.includes(none.lastName),
    );
  });

  it('gives the same person the same contact card and a new case, by email and else by phone', async () => {
    const first = intakeBody();
    const a = await product.intake(first);
    const sameEmail = await product.intake(intakeBody({ email: first.email.toUpperCase(), phone: undefined, municipalities: ['berg'] }));
    const samePhone = await product.intake(
      intakeBody({ email: undefined, phone: first.phone.replace('+46', '0'), preferredContactMethod: 'phone' }),
    );

    expect(sameEmail.status).toBe(202);
    expect(samePhone.status).toBe(202);
    expect(sameEmail.body.contactId).toBe(a.body.contactId);
    expect(samePhone.body.contactId).toBe(a.body.contactId);
    expect(sameEmail.body.duplicateContact).toBe(true);
    expect(new Set([a.body.caseId, sameEmail.body.caseId, samePhone.body.caseId]).size).toBe(3);
    const contact = await product.db.contact.findUniqueOrThrow({ where: { id: a.body.contactId } });
    expect(contact.chosenMunicipalities.sort()).toEqual(['are', 'berg']);
    expect(await product.db.case.count({ where: { contactId: a.body.contactId } })).toBe(3);
  });

  it('answers a retried request with the same Idempotency-Key with the same result and no second case', async () => {
    const body = intakeBody();
    const headers = { 'Idempotency-Key': `form-${body.lastName}` };
    const first = await product.intake(body, 'tasteget', headers);
    const again = await product.intake(body, 'tasteget', headers);
    const changed = await product.intake({ ...body, message: 'something else' }, 'tasteget', headers);

    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(changed.status).toBe(409);
    expect(changed.headers.get('content-type')).toContain('application/problem+json');
    expect(await product.db.case.count({ where: { contactId: first.body.contactId } })).toBe(1);
  });

  it('accepts receivedAt only from import sources', async () => {
    const receivedAt = '2026-06-15T10:00:00+02:00';
    const fromForm = await product.intake(intakeBody({ receivedAt }), 'tasteget');
    const fromImport = await product.intake(intakeBody({ receivedAt }), 'import');
    expect(Date.parse(fromForm.body.receivedAt)).toBeGreaterThan(Date.parse(receivedAt) + 86_400_000);
    expect(fromImport.body.receivedAt).toBe(receivedAt);
    // Monday 15 June 2026: 16, 17, 18, (midsommarafton 19, weekend), 22, 23 → Tuesday 23 June.
    expect(fromImport.body.firstReplyDueAt).toBe('2026-06-23T23:59:59+02:00');
  });

  it('rejects requests without a valid intake source key', async () => {
    const none = await product.request('POST', '/api/v1/intake', { body: intakeBody() });
    const wrong = await product.request('POST', '/api/v1/intake', { body: intakeBody(), apiKey: 'ivs_not-a-real-key-123' });
    const coordinatorToken = await product.request('POST', '/api/v1/intake', {
      body: intakeBody(),
      token: product.coordinators.are.token,
    });
    for (const response of [none, wrong, coordinatorToken]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  const longText = 'x'.repeat(6000);
  it.each([
    ['an unknown municipality', intakeBody({ municipalities: ['stockholm'] }), 422, 'municipalities.0'],
    ['an unknown topic', intakeBody({ interests: ['fishing'] }), 422, 'interests.0'],
    ['email preferred without an email', intakeBody({ preferredContactMethod: 'email', email: undefined }), 422, 'email'],
    ['phone preferred without a phone', intakeBody({ preferredContactMethod: 'phone', phone: undefined }), 422, 'phone'],
    ['a malformed email', intakeBody({ email: 'anna@@example' }), 422, 'email'],
    ['a malformed phone', intakeBody({ phone: 'call me maybe' }), 422, 'phone'],
    ['a missing first name', intakeBody({ firstName: undefined }), 422, 'firstName'],
    ['an empty last name', intakeBody({ lastName: '   ' }), 422, 'lastName'],
    ['an unknown preferred method', intakeBody({ preferredContactMethod: 'pigeon' }), 422, 'preferredContactMethod'],
    ['an absurdly long message', intakeBody({ message: longText }), 422, 'message'],
    ['a negative household', intakeBody({ household: { adults: -1, children: 0 } }), 422, 'household.adults'],
    ['an unknown field', intakeBody({ isAdmin: true }), 422, '(body)'],
    ['consent refused', intakeBody({ consent: false }), 422, 'consent'],
    ['a string instead of a list', intakeBody({ municipalities: 'are' }), 422, 'municipalities'],
    ['a JSON array body', [intakeBody()], 422, '(body)'],
    ['a NUL character in a name', intakeBody({ firstName: 'An\u0000na' }), 422, 'firstName'],
  ])('rejects %s with a problem+json naming the field and writes nothing', async (_case, body, status, field) => {
    const before = await rowCounts();
    const response = await product.intake(body);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, title: expect.any(String), type: expect.stringContaining('validation') });
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['malformed JSON', '{"firstName": "Anna",', 'application/json', 400],
    ['a body that is not JSON', 'firstName=Anna', 'application/x-www-form-urlencoded', 415],
    ['a body over the size limit', JSON.stringify(intakeBody({ message: 'å'.repeat(80_000) })), 'application/json', 413],
  ])('rejects %s with %#', async (_case, rawBody, contentType, status) => {
    const before = await rowCounts();
    const response = await product.request('POST', '/api/v1/intake', {
      rawBody,
      apiKey: product.sources.tasteget.key,
      headers: { 'content-type': contentType },
    });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts:\d+/);
    expect(await rowCounts()).toEqual(before);
  });
});
