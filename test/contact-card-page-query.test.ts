// The guides' card page is read with one SQL statement (web/contact-card-page-query.ts).
// What the page shows must be what its seven Prisma queries gave: the page's old reads are
// kept below, verbatim, as the reference, and both read a card with several cases, transfers,
// a first reply, closes, escalation emails and three pages of dialog around the DST switches.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseInclude, caseView } from '../api/use-cases/views.js';
import type { Database } from '../platform/database.js';
import { readContactCardPageRows, type ContactCardPageRows } from '../web/contact-card-page-query.js';
import { pageOfTimeline, TIMELINE_PAGE_SIZE, type TimelineEntry } from '../web/timeline.js';
import { startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({ name: 'card-page-query' });
});
afterAll(async () => {
  await product?.close();
});

/** The card's contact and cases as the page's loadCard read them before the one statement. */
async function prismaLoadCard(db: Database, id: string) {
  const contact = await db.contact.findUnique({ where: { id } });
  if (!contact) throw new Error('no such contact');
  const rows = await db.case.findMany({ where: { contactId: id }, include: caseInclude, orderBy: { receivedAt: 'desc' } });
  return { contact, cases: rows };
}

/** web/timeline.ts's contactTimeline before the one statement. */
async function prismaContactTimeline(db: Database, contactId: string, page: number) {
  const [activities, cases] = await Promise.all([
    db.activity.findMany({ where: { contactId }, include: { author: { select: { name: true } } } }),
    db.case.findMany({ where: { contactId }, include: { transfers: { include: { author: { select: { name: true } } } } } }),
  ]);
  const caseIds = cases.map((row) => row.id);
  const [escalations, closers] = await Promise.all([
    db.emailDelivery.findMany({ where: { caseId: { in: caseIds }, idempotencyKey: { contains: ':escalation-' } }, select: { caseId: true, idempotencyKey: true, sentAt: true, createdAt: true } }),
    db.coordinator.findMany({ where: { id: { in: cases.flatMap((row) => (row.closedById ? [row.closedById] : [])) } }, select: { id: true, name: true } }),
  ]);
  const numberOf = new Map(cases.map((row) => [row.id, row.number]));
  const closerName = new Map(closers.map((row) => [row.id, row.name]));
  const entries: TimelineEntry[] = [
    ...activities.map((row) => ({
      kind: 'activity' as const,
      at: row.occurredAt,
      type: row.type,
      direction: row.direction,
      outcome: row.outcome,
      summary: row.summary,
      author: row.author?.name ?? null,
    })),
    ...cases.flatMap((row) => [
      { kind: 'received' as const, at: row.receivedAt, caseNumber: row.number, unit: row.transfers[0]?.fromUnit ?? row.responsibleUnit },
      ...row.transfers.map((transfer) => ({
        kind: 'transfer' as const,
        at: transfer.transferredAt,
        caseNumber: row.number,
        fromUnit: transfer.fromUnit,
        toUnit: transfer.toUnit,
        note: transfer.note,
        author: transfer.author.name,
      })),
      ...(row.firstReplyAt ? [{ kind: 'first-reply' as const, at: row.firstReplyAt, caseNumber: row.number, slaOutcome: row.slaOutcome }] : []),
      ...(row.closedAt ? [{ kind: 'closed' as const, at: row.closedAt, caseNumber: row.number, author: row.closedById ? (closerName.get(row.closedById) ?? null) : null }] : []),
    ]),
    ...escalations.map((row) => ({
      kind: 'escalation' as const,
      at: row.sentAt ?? row.createdAt,
      caseNumber: numberOf.get(row.caseId ?? '') ?? 0,
      level: Number(row.idempotencyKey.split(':escalation-')[1] ?? 1),
    })),
  ];
  entries.sort((a, b) => b.at.getTime() - a.at.getTime());
  const pages = Math.max(1, Math.ceil(entries.length / TIMELINE_PAGE_SIZE));
  const current = Math.min(page, pages);
  return { entries: entries.slice((current - 1) * TIMELINE_PAGE_SIZE, current * TIMELINE_PAGE_SIZE), page: current, pages, total: entries.length };
}

/** A fixed "now", so that both cards count the same working days left. */
const NOW = new Date('2026-12-07T12:00:00Z');

type CardCase = Parameters<typeof caseView>[0] & { number: number; sourceKind: string };

/** What the page renders of the cases: the row's own columns and the case's view. */
const shownCases = (cases: CardCase[]) => cases.map((row) => ({ id: row.id, number: row.number, sourceKind: row.sourceKind, view: caseView(row, {}, NOW) }));

/** The Prisma contact's columns that the statement's contact has (all of ContactCardRow, which the page reads). */
const sameColumns = (prismaContact: object, contact: object) => Object.fromEntries(Object.keys(contact).map((key) => [key, (prismaContact as Record<string, unknown>)[key]]));

/** Holds every page of the timeline, one past the end included, and the contact and cases to the old reads, byte for byte. */
async function expectSameAsPrisma(contactId: string, rows: ContactCardPageRows) {
  const before = await prismaLoadCard(product.db, contactId);
  expect(rows.contact).not.toBeNull();
  expect(Object.keys(rows.contact!)).toHaveLength(23);
  expect(JSON.stringify(rows.contact)).toBe(JSON.stringify(sameColumns(before.contact, rows.contact!)));
  expect(JSON.stringify(shownCases(rows.cases))).toBe(JSON.stringify(shownCases(before.cases)));
  const { pages } = pageOfTimeline(rows.timeline, 1);
  for (let page = 1; page <= pages + 1; page++) {
    expect(JSON.stringify(pageOfTimeline(rows.timeline, page)), `timeline page ${page}`).toBe(JSON.stringify(await prismaContactTimeline(product.db, contactId, page)));
  }
}

const at = (iso: string) => new Date(iso);

async function createContact(db: Database, firstName: string) {
  return db.contact.create({
    data: {
      id: randomUUID(),
      firstName,
      lastName: 'Öberg\\Ängel "Citat"',
      email: `${randomUUID()}@example.se`,
      phone: '+46701234567',
      preferredContactMethod: 'phone',
      chosenMunicipalities: ['are', 'ostersund'],
      interests: ['housing', 'work'],
      message: 'Rad ett\nrad två\t– med emoji 🏔️ och <html> & "citat"',
      householdAdults: 2,
      currentLocation: 'Göteborg',
      language: 'en',
      consentAt: at('2026-03-29T01:00:00.123Z'),
      consentSource: 'tasteget',
      moveStatus: 'moved',
      movedToMunicipality: 'are',
      movedOn: at('2026-10-25T00:00:00Z'),
      lastActivityAt: at('2026-10-25T01:30:00.999Z'),
      createdAt: at('2026-03-28T23:59:59.500Z'),
    },
  });
}

type CaseSeed = { receivedAt: string; unit: string; status?: string; firstReplyAt?: string; slaOutcome?: string; closedAt?: string; closedById?: string; escalationLevel?: number };

async function createCase(db: Database, contactId: string, seed: CaseSeed) {
  return db.case.create({
    data: {
      id: randomUUID(),
      workflowId: `card-page-query-${randomUUID()}`,
      contactId,
      sourceId: product.sources.tasteget.id,
      sourceKind: 'tasteget',
      responsibleUnit: seed.unit,
      chosenMunicipalities: ['are'],
      interests: ['work'],
      message: 'Ärendets meddelande',
      status: seed.status ?? 'awaiting-reply',
      receivedAt: at(seed.receivedAt),
      firstReplyDueAt: at('2099-12-07T22:59:59Z'),
      firstReplyAt: seed.firstReplyAt ? at(seed.firstReplyAt) : null,
      slaOutcome: seed.slaOutcome ?? 'open',
      escalationLevel: seed.escalationLevel ?? 0,
      overdue: (seed.escalationLevel ?? 0) > 0,
      closedAt: seed.closedAt ? at(seed.closedAt) : null,
      closedById: seed.closedById ?? null,
    },
  });
}

async function createDelivery(db: Database, caseId: string, key: string, times: { createdAt: string; sentAt?: string }) {
  await db.emailDelivery.create({
    data: {
      idempotencyKey: `case:${caseId}:${key}`,
      messageId: `<${randomUUID()}@test.local>`,
      recipients: ['are@test.local'],
      subject: 'Ärende',
      status: times.sentAt ? 'sent' : 'pending',
      caseId,
      createdAt: at(times.createdAt),
      sentAt: times.sentAt ? at(times.sentAt) : null,
    },
  });
}

// Around both DST switches of 2026 (29 March 01:00 UTC, 25 October 01:00 UTC), the epoch and
// a few instants that other entries share.
const EDGE_INSTANTS = [
  '2026-03-29T00:59:59.999Z',
  '2026-03-29T01:00:00.000Z',
  '2026-03-29T01:00:00.001Z',
  '2026-10-25T00:00:00.000Z',
  '2026-10-25T00:59:59.999Z',
  '2026-10-25T01:00:00.000Z',
  '2026-10-25T01:30:00.000Z',
  '2026-10-25T01:59:59.999Z',
  '2026-10-25T02:00:00.000Z',
  '1969-12-31T23:59:59.500Z',
  '1970-01-01T00:00:00.000Z',
  '2026-12-31T23:00:00.000Z',
];

/** A card with three cases (one transferred twice, answered and closed, one escalated twice, one closed by the product) and 61 entries of dialog. */
async function seedCard(db: Database) {
  const { are, region, ostersund } = product.coordinators;
  const contact = await createContact(db, 'Åsa');
  const answered = await createCase(db, contact.id, {
    receivedAt: '2026-03-27T09:15:00Z',
    unit: 'ostersund',
    status: 'closed',
    firstReplyAt: '2026-03-30T07:00:00.456Z',
    slaOutcome: 'met',
    closedAt: '2026-10-25T00:59:59.999Z',
    closedById: region.id,
  });
  await db.caseTransfer.createMany({
    data: [
      { id: randomUUID(), caseId: answered.id, fromUnit: 'are', toUnit: 'region', note: 'Till regionen', authorId: are.id, transferredAt: at('2026-03-28T12:00:00Z') },
      { id: randomUUID(), caseId: answered.id, fromUnit: 'region', toUnit: 'ostersund', note: 'Vidare, "snabbt"', authorId: region.id, transferredAt: at('2026-03-29T01:00:00Z') },
    ],
  });
  const escalated = await createCase(db, contact.id, { receivedAt: '2026-11-30T08:00:00Z', unit: 'are', escalationLevel: 2 });
  await createDelivery(db, escalated.id, 'notification', { createdAt: '2026-11-30T08:00:01Z', sentAt: '2026-11-30T08:00:02Z' });
  await createDelivery(db, escalated.id, 'escalation-1', { createdAt: '2026-12-07T23:00:00Z', sentAt: '2026-12-07T23:00:01.250Z' });
  await createDelivery(db, escalated.id, 'escalation-2', { createdAt: '2026-12-14T23:00:00Z' });
  const late = await createCase(db, contact.id, {
    receivedAt: '2026-10-24T22:00:00Z',
    unit: 'are',
    status: 'closed',
    firstReplyAt: '2026-11-05T13:00:00Z',
    slaOutcome: 'late',
    closedAt: '2026-12-01T00:00:00Z',
  });

  type Dialog = { caseId?: string; type: string; direction?: string; outcome?: string; authorId?: string };
  const kinds: Dialog[] = [
    { type: 'email', direction: 'inbound' },
    { type: 'email', direction: 'outbound', authorId: region.id },
    { type: 'phone', outcome: 'no-answer', authorId: are.id },
    { type: 'phone', outcome: 'reached', authorId: ostersund.id },
    { type: 'meeting', authorId: are.id },
    { type: 'note' },
  ];
  const instants = [
    ...EDGE_INSTANTS,
    // The first reply and the closes, logged at the instant they happened.
    '2026-03-30T07:00:00.456Z',
    '2026-03-30T07:00:00.456Z',
    '2026-11-05T13:00:00Z',
    '2026-12-01T00:00:00Z',
    '2026-12-07T23:00:01.250Z',
    // Every 5 days and 7 hours through the year: standard and summer time.
    ...Array.from({ length: 44 }, (_, n) => new Date(Date.parse('2026-01-02T08:30:00Z') + n * (5 * 24 + 7) * 3_600_000).toISOString()),
  ];
  const cases = [answered.id, escalated.id, late.id, undefined];
  await db.activity.createMany({
    data: instants.map((occurredAt, n) => {
      const { authorId, ...kind } = kinds[n % kinds.length]!;
      return {
        id: randomUUID(),
        contactId: contact.id,
        caseId: cases[n % cases.length] ?? null,
        occurredAt: at(occurredAt),
        summary: `Anteckning ${n}: ”svenska” tecken, \\ och \u2028`,
        authorId: authorId ?? null,
        createdAt: new Date(Date.parse('2026-12-01T00:00:00Z') + n),
        ...kind,
      };
    }),
  });

  // Someone else's card, whose rows must not show on this one.
  const other = await createContact(db, 'Annan');
  const otherCase = await createCase(db, other.id, { receivedAt: '2026-03-29T01:00:00Z', unit: 'are', escalationLevel: 1 });
  await createDelivery(db, otherCase.id, 'escalation-1', { createdAt: '2026-03-29T01:00:00Z', sentAt: '2026-03-29T01:00:00Z' });
  await db.activity.create({ data: { id: randomUUID(), contactId: other.id, type: 'note', summary: 'Inte Åsas', occurredAt: at('2026-03-29T01:00:00Z') } });
  return { contactId: contact.id, activities: instants.length };
}

const readsOf = (contactId: string) => product.db.accessLogEntry.findMany({ where: { contactId }, orderBy: { at: 'asc' } });

/** The instants the page's timeline list shows, in its order. */
const timelineInstants = (html: string) => [...(/<ol class="timeline">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '').matchAll(/datetime="([^"]+)"/gi)].map((match) => match[1]);

it('reads what the Prisma reads gave, on every timeline page, and logs the read', async () => {
  const { contactId, activities } = await seedCard(product.db);
  const reader = product.coordinators.are;

  const rows = await readContactCardPageRows(product.db, contactId, reader.id);
  await expectSameAsPrisma(contactId, rows);
  const timeline = pageOfTimeline(rows.timeline, 1);
  // 61 activities; received 3, transfers 2, first replies 2, closes 2, escalations 2.
  expect(timeline).toMatchObject({ total: activities + 11, pages: 3 });
  expect(rows.cases.map((row) => row.transfers.length)).toEqual([0, 0, 2]);
  expect(new Set(timeline.entries.map((entry) => entry.kind))).toContain('escalation');
  expect(await readsOf(contactId)).toEqual([expect.objectContaining({ coordinatorId: reader.id, action: 'read' })]);
});

it('shows the same timeline page over HTTP as the Prisma reads gave, and logs each view', async () => {
  const { contactId } = await seedCard(product.db);
  const reader = product.coordinators.region;
  for (const page of [1, 2, 3, 4]) {
    const response = await fetch(`${product.baseUrl}/contacts/${contactId}?page=${page}`, { headers: { authorization: `Bearer ${reader.token}` } });
    expect(response.status).toBe(200);
    const expected = await prismaContactTimeline(product.db, contactId, page);
    expect(expected.entries.length).toBeGreaterThan(0);
    expect(timelineInstants(await response.text()), `page ${page}`).toEqual(expected.entries.map((entry) => entry.at.toISOString()));
  }
  expect(await readsOf(contactId)).toHaveLength(4);
});

it('reads the same for a card with no cases and no dialog', async () => {
  const contact = await createContact(product.db, 'Tom');
  const rows = await readContactCardPageRows(product.db, contact.id, product.coordinators.are.id);
  await expectSameAsPrisma(contact.id, rows);
  expect(rows.cases).toEqual([]);
  expect(pageOfTimeline(rows.timeline, 1)).toEqual({ entries: [], page: 1, pages: 1, total: 0 });
});

it('is the 404 page for a contact that does not exist, and logs nothing', async () => {
  const missing = randomUUID();
  const rows = await readContactCardPageRows(product.db, missing, product.coordinators.are.id);
  expect(rows).toEqual({ contact: null, cases: [], timeline: { activities: [], cases: [], escalations: [], closers: [] } });

  const response = await fetch(`${product.baseUrl}/contacts/${missing}`, { headers: { authorization: `Bearer ${product.coordinators.are.token}` } });
  expect(response.status).toBe(404);
  expect(response.headers.get('content-type')).toContain('text/html');
  expect(await product.db.accessLogEntry.count({ where: { contactId: missing } })).toBe(0);
});
