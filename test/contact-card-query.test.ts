// The contact card is read with one SQL statement (api/use-cases/contact-card-query.ts).
// Its answer must be the one the three Prisma reads gave, byte for byte: the Prisma version
// is kept below as the reference, and both read a card seeded with every kind of value.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadContactCard } from '../api/use-cases/contact-queries.js';
import { activityInclude, activityView, caseInclude, caseView, contactCardView } from '../api/use-cases/views.js';
import type { Database } from '../platform/database.js';
import { startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({ name: 'card-query' });
});
afterAll(async () => {
  await product?.close();
});

/** The card as the three parallel Prisma reads built it before the one statement. */
async function prismaContactCard(db: Database, id: string) {
  const [contact, cases, activities] = await Promise.all([
    db.contact.findUnique({ where: { id } }),
    db.case.findMany({ where: { contactId: id }, include: caseInclude, orderBy: { receivedAt: 'desc' } }),
    db.activity.findMany({ where: { contactId: id }, include: activityInclude, orderBy: [{ occurredAt: 'desc' }, { createdAt: 'desc' }] }),
  ]);
  if (!contact) throw new Error('no such contact');
  return contactCardView(contact, cases.map((row) => caseView(row)), activities.map(activityView));
}

const at = (iso: string) => new Date(iso);

/** A contact with two cases (one transferred twice and closed), a duplicate, a move, and dialog around the DST switches. */
async function seedCard(db: Database) {
  const region = product.coordinators.region;
  const are = product.coordinators.are;
  const duplicate = await db.contact.create({
    data: {
      id: randomUUID(),
      firstName: 'Dubblett',
      lastName: 'Person',
      preferredContactMethod: 'email',
      email: `dup.${randomUUID()}@example.se`,
      chosenMunicipalities: ['are'],
      interests: [],
      consentAt: at('2026-01-01T10:00:00Z'),
      consentSource: 'tasteget',
      lastActivityAt: at('2026-01-01T10:00:00Z'),
    },
  });
  const contact = await db.contact.create({
    data: {
      id: randomUUID(),
      firstName: 'Åsa "Citat"',
      lastName: 'Öberg\\Ängel',
      email: null,
      phone: '+46701234567',
      preferredContactMethod: 'phone',
      chosenMunicipalities: ['are', 'ostersund'],
      interests: ['housing', 'work', 'school'],
      message: 'Rad ett\nrad två\t– med emoji 🏔️ och <html> & "citat"',
      householdAdults: 2,
      householdChildren: null,
      currentLocation: 'Göteborg',
      moveTimeframe: 'within-a-year',
      language: 'en',
      consentAt: at('2026-03-29T01:00:00.123Z'),
      consentSource: 'municipality-site',
      newsletterStatus: 'subscribed',
      moveStatus: 'moved',
      movedToMunicipality: 'are',
      movedOn: at('2026-10-25T00:00:00Z'),
      lastActivityAt: at('2026-10-25T01:30:00.999Z'),
      possibleDuplicateOfId: duplicate.id,
      createdAt: at('2026-03-28T23:59:59.500Z'),
    },
  });
  const open = await db.case.create({
    data: {
      id: randomUUID(),
      workflowId: `card-query-${randomUUID()}`,
      contactId: contact.id,
      sourceId: product.sources.tasteget.id,
      sourceKind: 'tasteget',
      responsibleUnit: 'are',
      chosenMunicipalities: ['are'],
      interests: ['work'],
      message: null,
      receivedAt: at('2026-11-30T08:00:00Z'),
      firstReplyDueAt: at('2099-12-07T22:59:59Z'),
      overdue: true,
      escalationLevel: 2,
    },
  });
  const closed = await db.case.create({
    data: {
      id: randomUUID(),
      workflowId: `card-query-${randomUUID()}`,
      contactId: contact.id,
      sourceId: product.sources['municipality-site'].id,
      sourceKind: 'municipality-site',
      responsibleUnit: 'ostersund',
      chosenMunicipalities: ['are', 'ostersund'],
      interests: ['housing'],
      message: 'Första ärendet',
      status: 'closed',
      receivedAt: at('2026-03-27T09:15:00Z'),
      firstReplyDueAt: at('2026-04-03T21:59:59Z'),
      firstReplyAt: at('2026-03-30T07:00:00.456Z'),
      slaOutcome: 'met',
      closedAt: at('2026-10-25T00:59:59Z'),
      closedById: region.id,
    },
  });
  await db.caseTransfer.createMany({
    data: [
      { id: randomUUID(), caseId: closed.id, fromUnit: 'are', toUnit: 'region', note: 'Till regionen', authorId: are.id, transferredAt: at('2026-03-28T12:00:00Z') },
      { id: randomUUID(), caseId: closed.id, fromUnit: 'region', toUnit: 'ostersund', note: 'Vidare, "snabbt"', authorId: region.id, transferredAt: at('2026-03-29T01:00:00Z') },
    ],
  });
  type Dialog = { caseId: string | null; type: string; direction?: string; outcome?: string; authorId: string | null };
  const activity = (n: number, occurredAt: string, extra: Dialog) => ({
    id: randomUUID(),
    contactId: contact.id,
    occurredAt: at(occurredAt),
    summary: `Anteckning ${n}: ”svenska” tecken, \\ och \u2028`,
    createdAt: at(`2026-12-01T00:00:${String(n).padStart(2, '0')}Z`),
    ...extra,
  });
  await db.activity.createMany({
    data: [
      activity(1, '2026-10-25T00:30:00Z', { caseId: closed.id, type: 'email', direction: 'inbound', authorId: null }),
      activity(2, '2026-10-25T01:30:00Z', { caseId: closed.id, type: 'email', direction: 'outbound', authorId: region.id }),
      activity(3, '2026-03-29T00:59:59.999Z', { caseId: closed.id, type: 'phone', outcome: 'no-answer', authorId: are.id }),
      activity(4, '2026-03-29T01:00:00Z', { caseId: closed.id, type: 'phone', outcome: 'reached', authorId: are.id }),
      activity(5, '2026-11-30T09:00:00Z', { caseId: open.id, type: 'meeting', authorId: are.id }),
      activity(6, '2026-11-30T09:00:00Z', { caseId: null, type: 'note', authorId: region.id }), // same instant: created later comes first
      activity(7, '1969-12-31T23:59:59.500Z', { caseId: null, type: 'note', authorId: null }),
    ],
  });
  return contact.id;
}

it('answers exactly what the Prisma reads answered, over HTTP too, and logs each read', async () => {
  const contactId = await seedCard(product.db);
  const reader = product.coordinators.are;
  const before = JSON.stringify(await prismaContactCard(product.db, contactId));

  const card = await loadContactCard({ db: product.db }, contactId, reader.id);
  expect(JSON.stringify(card)).toBe(before);
  expect(card.activities).toHaveLength(7);
  expect(card.cases.map((row) => row.transfers.length)).toEqual([0, 2]);

  const response = await fetch(`${product.baseUrl}/api/v1/contacts/${contactId}`, { headers: { authorization: `Bearer ${reader.token}` } });
  expect(response.status).toBe(200);
  expect(JSON.stringify(await response.json())).toBe(before);

  const reads = await product.db.accessLogEntry.findMany({ where: { contactId } });
  expect(reads).toEqual([
    expect.objectContaining({ coordinatorId: reader.id, action: 'read' }),
    expect.objectContaining({ coordinatorId: reader.id, action: 'read' }),
  ]);
});

it('answers the same for a card with no cases and no dialog', async () => {
  const contact = await product.db.contact.create({
    data: {
      id: randomUUID(),
      firstName: 'Tom',
      lastName: 'Kort',
      email: `tom.${randomUUID()}@example.se`,
      preferredContactMethod: 'email',
      chosenMunicipalities: [],
      interests: [],
      consentAt: at('2026-06-01T12:00:00Z'),
      consentSource: 'tasteget',
      lastActivityAt: at('2026-06-01T12:00:00Z'),
    },
  });
  const card = await loadContactCard({ db: product.db }, contact.id, product.coordinators.are.id);
  expect(JSON.stringify(card)).toBe(JSON.stringify(await prismaContactCard(product.db, contact.id)));
  expect(card).toMatchObject({ cases: [], activities: [], movedTo: { municipality: null, on: null }, possibleDuplicateOf: null });
});

it('is 404 for a contact that does not exist, and logs nothing', async () => {
  const missing = randomUUID();
  await expect(loadContactCard({ db: product.db }, missing, product.coordinators.are.id)).rejects.toMatchObject({ code: 'not-found' });
  expect(await product.db.accessLogEntry.count({ where: { contactId: missing } })).toBe(0);
});
