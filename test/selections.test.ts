import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { activeSubscribers, selectionWhere } from '../platform/contact-selection-query.js';
import type { SourceKind } from '../domain/codes.js';
import { selectionFilter, type SelectionFilter } from '../domain/selection.js';
import type { UnitCode } from '../domain/units.js';
import { startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;
let caseNumber = 800_000;

interface Person {
  chosenMunicipalities?: string[];
  interests?: string[];
  moveStatus?: string;
  newsletterStatus?: string;
  language?: string;
  householdChildren?: number | null;
  cases?: { unit: UnitCode; source: SourceKind; receivedAt: string }[];
}

async function seed(firstName: string, person: Person) {
  const id = randomUUID();
  await product.db.contact.create({
    data: {
      id,
      firstName,
      lastName: 'Urval',
      email: `${firstName.toLowerCase()}.${id.slice(0, 8)}@example.se`,
      preferredContactMethod: 'email',
      chosenMunicipalities: person.chosenMunicipalities ?? [],
      interests: person.interests ?? [],
      moveStatus: person.moveStatus ?? 'considering',
      newsletterStatus: person.newsletterStatus ?? 'none',
      language: person.language ?? 'sv',
      householdChildren: person.householdChildren ?? null,
      consentAt: new Date(),
      consentSource: 'test',
      lastActivityAt: new Date(),
    },
  });
  for (const { unit, source, receivedAt } of person.cases ?? []) {
    caseNumber += 1;
    await product.db.case.create({
      data: {
        id: randomUUID(),
        number: caseNumber,
        workflowId: `selections-case-${caseNumber}`,
        contactId: id,
        sourceId: product.sources[source].id,
        sourceKind: source,
        responsibleUnit: unit,
        receivedAt: new Date(receivedAt),
        firstReplyDueAt: new Date(Date.parse(receivedAt) + 7 * 86_400_000),
      },
    });
  }
  return id;
}

// Times are UTC; the comments give the Stockholm wall clock that receivedBetween compares.
async function seedPopulation() {
  await seed('Anna', {
    chosenMunicipalities: ['are'],
    interests: ['housing', 'work'],
    newsletterStatus: 'subscribed',
    householdChildren: 2,
    cases: [{ unit: 'are', source: 'tasteget', receivedAt: '2026-02-28T23:00:00Z' }], // 1 March 00:00
  });
  await seed('Bo', {
    chosenMunicipalities: ['ostersund', 'krokom'],
    interests: ['work'],
    moveStatus: 'moved',
    newsletterStatus: 'subscribed',
    language: 'en',
    householdChildren: 0,
    cases: [{ unit: 'region', source: 'municipality-site', receivedAt: '2026-03-31T21:59:59Z' }], // 31 March 23:59:59 (summer time)
  });
  await seed('Cecilia', {
    interests: ['education'],
    newsletterStatus: 'pending',
    cases: [{ unit: 'region', source: 'manual', receivedAt: '2026-03-31T22:00:00Z' }], // 1 April 00:00
  });
  await seed('David', {
    chosenMunicipalities: ['krokom'],
    interests: ['housing', 'work', 'education'],
    moveStatus: 'not-moving',
    newsletterStatus: 'unsubscribed',
    householdChildren: 1,
    cases: [
      { unit: 'krokom', source: 'tasteget', receivedAt: '2026-02-28T22:59:59Z' }, // 28 February 23:59:59
      { unit: 'ostersund', source: 'import', receivedAt: '2025-06-15T10:00:00Z' },
    ],
  });
  await seed('Eva', { chosenMunicipalities: ['berg'], language: 'en', householdChildren: 3 });
  await seed('Fredrik', {
    chosenMunicipalities: ['are', 'berg'],
    interests: ['leisure', 'housing'],
    moveStatus: 'moved-elsewhere',
    newsletterStatus: 'subscribed',
    cases: [{ unit: 'region', source: 'tasteget', receivedAt: '2026-03-15T12:00:00Z' }],
  });
  // A row from before the arrays were always written: NULL is "none chosen", not "unknown".
  const gustav = await seed('Gustav', {});
  await product.db.$executeRaw`UPDATE contacts SET chosen_municipalities = NULL, interests = NULL WHERE id = ${gustav}::uuid`;
}

async function call(method: string, path: string, body?: unknown, rawBody?: string) {
  const text = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  const response = await fetch(`${product.baseUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${product.coordinators.admin.token}`,
      ...(text === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: text,
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const preview = (filter: unknown, onlySubscribers?: boolean) =>
  call('POST', '/selections/preview', onlySubscribers === undefined ? { filter } : { filter, onlySubscribers });

const namesOf = (sample: { firstName: string }[]) => sample.map((contact) => contact.firstName).sort();

beforeAll(async () => {
  product = await startTestProduct({ name: 'selections' });
  await seedPopulation();
});

afterAll(async () => {
  await product?.close();
});

describe('POST /api/v1/selections/preview', () => {
  const everyone = ['Anna', 'Bo', 'Cecilia', 'David', 'Eva', 'Fredrik', 'Gustav'];
  const table: [string, SelectionFilter, string[]][] = [
    ['one municipality', { municipalities: ['are'] }, ['Anna', 'Fredrik']],
    ['any of several municipalities', { municipalities: ['krokom', 'berg'] }, ['Bo', 'David', 'Eva', 'Fredrik']],
    ['responsible unit of any case', { units: ['region'] }, ['Bo', 'Cecilia', 'Fredrik']],
    ['a unit of a second case', { units: ['ostersund'] }, ['David']],
    ['any of the interests', { interests: ['housing'] }, ['Anna', 'David', 'Fredrik']],
    ['all of the interests', { interestsAll: ['housing', 'work'] }, ['Anna', 'David']],
    ['move status', { moveStatus: ['moved', 'moved-elsewhere'] }, ['Bo', 'Fredrik']],
    ['subscription status', { newsletterStatus: ['pending', 'unsubscribed'] }, ['Cecilia', 'David']],
    ['source kind of any case', { sources: ['tasteget'] }, ['Anna', 'David', 'Fredrik']],
    ['received in March, Stockholm days inclusive', { receivedBetween: { from: '2026-03-01', to: '2026-03-31' } }, ['Anna', 'Bo', 'Fredrik']],
    ['received on one day', { receivedBetween: { from: '2026-04-01', to: '2026-04-01' } }, ['Cecilia']],
    ['language', { language: ['en'] }, ['Bo', 'Eva']],
    ['household with children', { householdWithChildren: true }, ['Anna', 'David', 'Eva']],
    ['household without children or not told', { householdWithChildren: false }, ['Bo', 'Cecilia', 'Fredrik', 'Gustav']],
    ['not with children includes the unknown', { not: { householdWithChildren: true } }, ['Bo', 'Cecilia', 'Fredrik', 'Gustav']],
    ['not a municipality includes NULL arrays', { not: { municipalities: ['are'] } }, ['Bo', 'Cecilia', 'David', 'Eva', 'Gustav']],
    ['not a unit includes contacts without cases', { not: { units: ['region'] } }, ['Anna', 'David', 'Eva', 'Gustav']],
    ['all', { all: [{ municipalities: ['are', 'berg'] }, { householdWithChildren: true }] }, ['Anna', 'Eva']],
    ['any', { any: [{ language: ['en'] }, { interests: ['education'] }] }, ['Bo', 'Cecilia', 'David', 'Eva']],
    [
      'all of any and not',
      { all: [{ any: [{ units: ['region'] }, { sources: ['import'] }] }, { not: { newsletterStatus: ['unsubscribed'] } }] },
      ['Bo', 'Cecilia', 'Fredrik'],
    ],
    ['not all', { not: { all: [{ moveStatus: ['considering'] }, { language: ['sv'] }] } }, ['Bo', 'David', 'Eva', 'Fredrik']],
    ['not any', { not: { any: [{ interests: ['work'] }, { householdWithChildren: true }] } }, ['Cecilia', 'Fredrik', 'Gustav']],
    ['double negation', { not: { not: { language: ['en'] } } }, ['Bo', 'Eva']],
    ['six levels', { all: [{ any: [{ not: { all: [{ any: [{ language: ['sv'] }] }] } }] }] }, ['Bo', 'Eva']],
    ['nothing', { all: [{ language: ['en'] }, { householdWithChildren: false }, { moveStatus: ['considering'] }] }, []],
  ];

  it.each(table)('%s', async (_label, filter, expected) => {
    const response = await preview(filter, false);
    expect(response.status).toBe(200);
    expect(response.body.count).toBe(expected.length);
    expect(namesOf(response.body.sample)).toEqual(expected);
    // The negation really is the complement, with nobody lost to NULL (compiled directly, as it may be a level too deep).
    const complement = await product.db.contact.findMany({ where: selectionWhere({ not: filter }), select: { firstName: true } });
    expect(namesOf(complement)).toEqual(everyone.filter((name) => !expected.includes(name)));
  });

  it('counts only active subscribers unless told otherwise', async () => {
    expect((await preview({ municipalities: ['are'] })).body.count).toBe(2);
    const withChildren = await preview({ householdWithChildren: true });
    expect(withChildren.body).toMatchObject({ count: 1, sample: [{ firstName: 'Anna', newsletterStatus: 'subscribed' }] });
    expect((await preview({ newsletterStatus: ['pending'] })).body).toEqual({ count: 0, sample: [] });
    expect((await preview({ newsletterStatus: ['pending'] }, false)).body.count).toBe(1);
  });

  it('samples contact card fields, never more than ten', async () => {
    const response = await preview({ not: { municipalities: ['are'] } }, false);
    const gustav = response.body.sample.find((contact: { firstName: string }) => contact.firstName === 'Gustav');
    expect(Object.keys(gustav).sort()).toEqual(['chosenMunicipalities', 'firstName', 'id', 'lastName', 'moveStatus', 'newsletterStatus']);
    expect(gustav).toMatchObject({ lastName: 'Urval', chosenMunicipalities: [], moveStatus: 'considering', newsletterStatus: 'none' });
    for (let index = 0; index < 7; index += 1) await seed(`Sample${index}`, { chosenMunicipalities: ['harjedalen'] });
    const many = await preview({ not: { municipalities: ['are'] } }, false);
    expect(many.body.count).toBe(12);
    expect(many.body.sample).toHaveLength(10);
    await product.db.contact.deleteMany({ where: { chosenMunicipalities: { has: 'harjedalen' } } });
  });

  it.each([
    ['an unknown key', { municipality: ['are'] }, ''],
    ['two keys in one node', { municipalities: ['are'], interests: ['work'] }, ''],
    ['an empty node', {}, ''],
    ['an empty list', { municipalities: [] }, 'municipalities'],
    ['an empty all', { all: [] }, 'all'],
    ['an unknown municipality', { municipalities: ['oslo'] }, 'municipalities.0'],
    ['an unknown unit inside a combination', { any: [{ language: ['sv'] }, { units: ['norge'] }] }, 'any.1.units.0'],
    ['an impossible date', { receivedBetween: { from: '2026-02-30', to: '2026-03-01' } }, 'receivedBetween.from'],
    ['a date with a time', { receivedBetween: { from: '2026-02-01T00:00', to: '2026-03-01' } }, 'receivedBetween.from'],
    ['a range ending before it starts', { receivedBetween: { from: '2026-03-02', to: '2026-03-01' } }, 'receivedBetween.to'],
    ['a string for a boolean', { householdWithChildren: 'yes' }, 'householdWithChildren'],
    ['seven levels', { not: { not: { not: { not: { not: { not: { language: ['sv'] } } } } } } }, ''],
    ['too many branches', { any: Array.from({ length: 21 }, () => ({ language: ['sv'] })) }, 'any'],
    ['too many nodes', { all: Array.from({ length: 20 }, () => ({ any: Array.from({ length: 5 }, () => ({ language: ['sv'] })) })) }, ''],
  ])('rejects %s with 422', async (_label, filter, field) => {
    const response = await preview(filter);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field ? `filter.${field}` : 'filter');
  });

  it('rejects thousands of levels before parsing them', async () => {
    const deep = `${'{"not":'.repeat(5000)}{"language":["sv"]}${'}'.repeat(5000)}`;
    const response = await call('POST', '/selections/preview', undefined, `{"filter":${deep}}`);
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ field: 'filter', message: 'the filter is nested deeper than 6 levels' }]);
  });

  it('rejects a body without a filter or with unknown keys', async () => {
    expect((await call('POST', '/selections/preview', {})).status).toBe(422);
    expect((await call('POST', '/selections/preview', { filter: { language: ['sv'] }, limit: 5 })).status).toBe(422);
    expect((await call('POST', '/selections/preview', { filter: { language: ['sv'] }, onlySubscribers: 'no' })).status).toBe(422);
  });
});

describe('activeSubscribers', () => {
  it('keeps only subscribed contacts, whatever the filter', async () => {
    expect(await product.db.contact.count({ where: activeSubscribers() })).toBe(3);
    expect(await product.db.contact.count({ where: activeSubscribers({ language: ['en'] }) })).toBe(1);
    expect(await product.db.contact.count({ where: activeSubscribers({ newsletterStatus: ['unsubscribed', 'pending'] }) })).toBe(0);
  });
});

describe('saved selections', () => {
  const filter = { all: [{ municipalities: ['ragunda'] }, { not: { moveStatus: ['moved'] } }] };
  let savedId: string;

  it('saves a named filter with its counts', async () => {
    const response = await call('POST', '/selections', { name: '  Ragunda, inte flyttat  ', filter });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: 'Ragunda, inte flyttat',
      filter,
      count: 0,
      subscriberCount: 0,
      createdById: product.coordinators.admin.id,
    });
    savedId = response.body.id;
    expect(response.headers.get('location')).toBe(`/api/v1/selections/${savedId}`);
  });

  it('refuses a second selection with the same name', async () => {
    const response = await call('POST', '/selections', { name: 'Ragunda, inte flyttat', filter: { language: ['sv'] } });
    expect(response.status).toBe(409);
    expect(response.body.type).toContain('conflict');
  });

  it('validates the name and the filter', async () => {
    expect((await call('POST', '/selections', { name: '', filter })).status).toBe(422);
    expect((await call('POST', '/selections', { name: 'Ett namn', filter: { all: [] } })).status).toBe(422);
    expect((await call('POST', '/selections', { name: 'Ett namn' })).status).toBe(422);
  });

  it('lists saved selections by name', async () => {
    await call('POST', '/selections', { name: 'Alla engelskspråkiga', filter: { language: ['en'] } });
    const response = await call('GET', '/selections');
    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { name: string }) => item.name)).toEqual(['Alla engelskspråkiga', 'Ragunda, inte flyttat']);
    expect(response.body.items[1]).toMatchObject({ id: savedId, filter });
  });

  it('counts a saved selection anew on every read', async () => {
    await seed('Hanna', { chosenMunicipalities: ['ragunda'], newsletterStatus: 'subscribed' });
    await seed('Ivar', { chosenMunicipalities: ['ragunda'], moveStatus: 'moved', newsletterStatus: 'subscribed' });
    const response = await call('GET', `/selections/${savedId}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: savedId, name: 'Ragunda, inte flyttat', filter, count: 1, subscriberCount: 1 });
  });

  it('answers 404 for an unknown id and 422 for a malformed one', async () => {
    expect((await call('GET', `/selections/${randomUUID()}`)).status).toBe(404);
    expect((await call('GET', '/selections/not-a-uuid')).status).toBe(422);
  });
});

describe('selectionFilter schema', () => {
  it('describes itself as a named, recursive JSON Schema', () => {
    const schema = z.toJSONSchema(selectionFilter, { io: 'input', unrepresentable: 'any' });
    expect(schema.$ref).toBe('#/$defs/SelectionFilter');
    expect(JSON.stringify(schema.$defs?.SelectionFilter)).toContain('"$ref":"#/$defs/SelectionFilter"');
  });
});
