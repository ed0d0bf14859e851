// MISSION §8: figures for decision makers, checked against a hand-computed fixture.
// March 2025 has no Swedish holidays; Stockholm is UTC+1 until 30 March, UTC+2 after.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBarChartSvg } from '../api/reports/bar-chart-svg.js';
import { csvField, toCsv } from '../api/csv.js';
import { median, niceAxisScale, share } from '../domain/report-rules.js';
import { firstReplyDueAt } from '../domain/working-days.js';
import { STOCKHOLM_ZONE } from '../domain/stockholm-time.js';
import { startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;
const PERSON_NAME = 'Fixturperson';
const CURRENT_YEAR = DateTime.now().setZone(STOCKHOLM_ZONE).year;

let fixtureIndex = 0;

async function seedContact(fields: { moveStatus?: string; movedTo?: string | null; movedOn?: string; createdAt?: string } = {}) {
  fixtureIndex += 1;
  const contact = await product.db.contact.create({
    data: {
      id: randomUUID(),
      firstName: PERSON_NAME,
      lastName: `Nummer${fixtureIndex}`,
      email: `fixtur.${fixtureIndex}.${product.tag}@example.se`,
      preferredContactMethod: 'email',
      consentAt: new Date('2025-01-01T00:00:00Z'),
      consentSource: 'report-fixture',
      lastActivityAt: new Date('2025-01-01T00:00:00Z'),
      moveStatus: fields.moveStatus ?? 'considering',
      movedToMunicipality: fields.movedTo ?? null,
      movedOn: fields.movedOn ? new Date(`${fields.movedOn}T00:00:00Z`) : null,
      ...(fields.createdAt ? { createdAt: new Date(fields.createdAt) } : {}),
    },
  });
  return contact.id;
}

type Kind = 'tasteget' | 'municipality-site' | 'manual' | 'import';

async function seedCase(input: {
  contactId: string;
  unit: string;
  kind: Kind;
  receivedAt: string;
  firstReplyAt?: string;
  slaOutcome?: 'met' | 'late';
  overdue?: boolean;
  closedAt?: string;
}) {
  fixtureIndex += 1;
  const receivedAt = new Date(input.receivedAt);
  await product.db.case.create({
    data: {
      id: randomUUID(),
      number: 900000 + fixtureIndex,
      workflowId: `report-fixture-${fixtureIndex}`,
      contactId: input.contactId,
      sourceId: product.sources[input.kind].id,
      sourceKind: input.kind,
      responsibleUnit: input.unit,
      chosenMunicipalities: [],
      interests: [],
      message: `Hemligt meddelande från ${PERSON_NAME}`,
      status: input.closedAt ? 'closed' : input.firstReplyAt ? 'replied' : 'awaiting-reply',
      receivedAt,
      firstReplyDueAt: firstReplyDueAt(receivedAt),
      firstReplyAt: input.firstReplyAt ? new Date(input.firstReplyAt) : null,
      slaOutcome: input.slaOutcome ?? 'open',
      overdue: input.overdue ?? false,
      closedAt: input.closedAt ? new Date(input.closedAt) : null,
    },
  });
}

beforeAll(async () => {
  product = await startTestProduct({ name: 'reports' });

  const someone = await seedContact();
  // Moved in 2025. M1's first case is #6 (import, 3 March): 3 March → 15 June = 104 days.
  const m1 = await seedContact({ moveStatus: 'moved', movedTo: 'are', movedOn: '2025-06-15' });
  // M2: first case #2 (tasteget, 3 March) → 13 March = 10 days.
  const m2 = await seedContact({ moveStatus: 'moved', movedTo: 'are', movedOn: '2025-03-13' });
  // M3: first case #9, received 1 March 00:30 Stockholm (28 Feb in UTC) → 31 Dec = 305 days.
  const m3 = await seedContact({ moveStatus: 'moved', movedTo: 'ostersund', movedOn: '2025-12-31' });
  // M4 moved in 2024: not in 2025. M5 moved elsewhere: not an in-mover even with a date.
  const m4 = await seedContact({ moveStatus: 'moved', movedTo: 'ostersund', movedOn: '2024-12-31' });
  await seedContact({ moveStatus: 'moved-elsewhere', movedTo: 'are', movedOn: '2025-05-01' });
  // M6 has no case: counted from the card's creation, 2 July → 1 August = 30 days.
  await seedContact({ moveStatus: 'moved', movedTo: 'krokom', movedOn: '2025-08-01', createdAt: '2025-07-02T10:00:00+02:00' });
  // M7: no case, no known municipality; created 1 Sep 01:30 Stockholm (31 Aug UTC) → 1 Sep = 0 days.
  await seedContact({ moveStatus: 'moved', movedTo: null, movedOn: '2025-09-01', createdAt: '2025-08-31T23:30:00Z' });
  // This year: one move to Bräcke, for the overview page's default year.
  await seedContact({ moveStatus: 'moved', movedTo: 'bracke', movedOn: `${CURRENT_YEAR}-01-15`, createdAt: `${CURRENT_YEAR}-01-05T12:00:00Z` });

  // Åre, all received Monday 3 March 2025; deadline end of Monday 10 March.
  await seedCase({ contactId: someone, unit: 'are', kind: 'tasteget', receivedAt: '2025-03-03T10:00:00+01:00', firstReplyAt: '2025-03-04T09:00:00+01:00', slaOutcome: 'met' }); // #1: 1 wd
  await seedCase({ contactId: m2, unit: 'are', kind: 'tasteget', receivedAt: '2025-03-03T10:00:00+01:00', firstReplyAt: '2025-03-07T15:00:00+01:00', slaOutcome: 'met' }); // #2: 4 wd
  await seedCase({ contactId: someone, unit: 'are', kind: 'municipality-site', receivedAt: '2025-03-03T11:00:00+01:00', firstReplyAt: '2025-03-10T23:00:00+01:00', slaOutcome: 'met' }); // #3: 5 wd, at the deadline
  await seedCase({ contactId: someone, unit: 'are', kind: 'manual', receivedAt: '2025-03-03T12:00:00+01:00', firstReplyAt: '2025-03-12T08:00:00+01:00', slaOutcome: 'late' }); // #4: 7 wd
  await seedCase({ contactId: someone, unit: 'are', kind: 'tasteget', receivedAt: '2025-03-03T13:00:00+01:00', overdue: true }); // #5: unanswered, overdue
  await seedCase({ contactId: m1, unit: 'are', kind: 'import', receivedAt: '2025-03-03T08:00:00+01:00', closedAt: '2025-03-04T10:00:00+01:00' }); // #6: closed before its deadline
  await seedCase({ contactId: someone, unit: 'are', kind: 'tasteget', receivedAt: '2025-02-27T10:00:00+01:00', overdue: true }); // #F: February, still overdue
  // Östersund.
  await seedCase({ contactId: someone, unit: 'ostersund', kind: 'tasteget', receivedAt: '2025-03-14T16:00:00+01:00', firstReplyAt: '2025-03-17T09:00:00+01:00', slaOutcome: 'met' }); // #7: Fri → Mon, 1 wd
  await seedCase({ contactId: m4, unit: 'ostersund', kind: 'municipality-site', receivedAt: '2025-03-15T12:00:00+01:00', firstReplyAt: '2025-03-17T10:00:00+01:00', slaOutcome: 'met' }); // #8: Sat → Mon, 1 wd
  await seedCase({ contactId: m3, unit: 'ostersund', kind: 'import', receivedAt: '2025-03-01T00:30:00+01:00', firstReplyAt: '2025-03-10T10:00:00+01:00', slaOutcome: 'late' }); // #9: Sat 1 March → Mon 10 March, 6 wd
  await seedCase({ contactId: someone, unit: 'ostersund', kind: 'tasteget', receivedAt: '2025-04-01T00:30:00+02:00', firstReplyAt: '2025-04-01T10:00:00+02:00', slaOutcome: 'met' }); // #10: April in Stockholm, 31 March in UTC
  // Region, both received Thursday 20 March; deadline end of Thursday 27 March.
  await seedCase({ contactId: someone, unit: 'region', kind: 'manual', receivedAt: '2025-03-20T10:00:00+01:00', overdue: true }); // #11: unanswered, overdue
  await seedCase({ contactId: m1, unit: 'region', kind: 'tasteget', receivedAt: '2025-03-20T10:00:00+01:00', overdue: true, closedAt: '2025-04-02T10:00:00+02:00' }); // #12: closed unanswered after the deadline
  // Berg, received just now: its deadline is ahead.
  await seedCase({ contactId: someone, unit: 'berg', kind: 'tasteget', receivedAt: new Date().toISOString() });
});

afterAll(async () => {
  await product?.close();
});

const MARCH_2025 = 'from=2025-03-01&to=2025-03-31';
const get = (path: string, headers: Record<string, string> = {}, token = product.coordinators.are.token) =>
  product.request('GET', `/api/v1${path}`, { token, headers });

function zeroUnit(unit: string, name: string, openOverdueNow = 0) {
  return {
    unit,
    name,
    cases: 0,
    replied: 0,
    repliedWithinFiveWorkingDays: 0,
    repliedLate: 0,
    openWithoutReply: 0,
    unansweredPastDeadline: 0,
    shareWithinFiveWorkingDays: null,
    medianWorkingDaysToFirstReply: null,
    openOverdueNow,
  };
}

// Åre: #1–#6. Replied #1–#4 (3 met: 1, 4, 5 wd; 1 late: 7 wd). #5 open and past its deadline.
// #6 was closed before its deadline: no reply was owed. Share 3 / (3 + 1 + 1) = 0.6; median of
// 1, 4, 5, 7 = 4.5. Overdue now: #5 and February's #F = 2.
const ARE_MARCH = {
  unit: 'are',
  name: 'Åre',
  cases: 6,
  replied: 4,
  repliedWithinFiveWorkingDays: 3,
  repliedLate: 1,
  openWithoutReply: 1,
  unansweredPastDeadline: 1,
  shareWithinFiveWorkingDays: 0.6,
  medianWorkingDaysToFirstReply: 4.5,
  openOverdueNow: 2,
};
// Östersund: #7, #8 (met, 1 wd each), #9 (late, 6 wd; received 1 March Stockholm time).
// #10 is April in Stockholm. Share 2/3 = 0.6667; median of 1, 1, 6 = 1.
const OSTERSUND_MARCH = {
  unit: 'ostersund',
  name: 'Östersund',
  cases: 3,
  replied: 3,
  repliedWithinFiveWorkingDays: 2,
  repliedLate: 1,
  openWithoutReply: 0,
  unansweredPastDeadline: 0,
  shareWithinFiveWorkingDays: 0.6667,
  medianWorkingDaysToFirstReply: 1,
  openOverdueNow: 0,
};
// Region: #11 open past deadline, #12 closed after its deadline without reply: both missed,
// share 0/2 = 0. Only #11 is still open and overdue.
const REGION_MARCH = {
  unit: 'region',
  name: 'Region Jämtland Härjedalen',
  cases: 2,
  replied: 0,
  repliedWithinFiveWorkingDays: 0,
  repliedLate: 0,
  openWithoutReply: 1,
  unansweredPastDeadline: 2,
  shareWithinFiveWorkingDays: 0,
  medianWorkingDaysToFirstReply: null,
  openOverdueNow: 1,
};

describe('service level', () => {
  it('counts per unit and in total, in Stockholm calendar days', async () => {
    const response = await get(`/reports/service-level?${MARCH_2025}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({ report: 'service-level', period: { from: '2025-03-01', to: '2025-03-31' }, unit: null });
    const units = response.body.units;
    expect(units.map((row: { unit: string }) => row.unit)).toEqual([
      'berg', 'bracke', 'harjedalen', 'krokom', 'ragunda', 'stromsund', 'are', 'ostersund', 'region',
    ]);
    expect(units.find((row: { unit: string }) => row.unit === 'are')).toEqual(ARE_MARCH);
    expect(units.find((row: { unit: string }) => row.unit === 'ostersund')).toEqual(OSTERSUND_MARCH);
    expect(units.find((row: { unit: string }) => row.unit === 'region')).toEqual(REGION_MARCH);
    // Berg's only case arrived today, outside the period.
    expect(units.find((row: { unit: string }) => row.unit === 'berg')).toEqual(zeroUnit('berg', 'Berg'));
    // Total: 11 cases, 7 replied, 5 met, 2 late, 3 missed → 5 / 10 = 0.5; median of
    // 1, 4, 5, 7, 1, 1, 6 → 1, 1, 1, 4, 5, 6, 7 → 4 (not a median of medians); overdue now 2 + 1.
    expect(response.body.total).toEqual({
      cases: 11,
      replied: 7,
      repliedWithinFiveWorkingDays: 5,
      repliedLate: 2,
      openWithoutReply: 2,
      unansweredPastDeadline: 3,
      shareWithinFiveWorkingDays: 0.5,
      medianWorkingDaysToFirstReply: 4,
      openOverdueNow: 3,
    });
  });

  it('narrows to one unit', async () => {
    const response = await get(`/reports/service-level?${MARCH_2025}&unit=are`);
    expect(response.status).toBe(200);
    expect(response.body.unit).toBe('are');
    expect(response.body.units).toEqual([ARE_MARCH]);
    const { unit: _unit, name: _name, ...figures } = ARE_MARCH;
    expect(response.body.total).toEqual(figures);
  });

  it('defaults to the current year so far; open cases whose deadline is ahead are not measured yet', async () => {
    const response = await get('/reports/service-level');
    expect(response.status).toBe(200);
    expect(response.body.period.from).toBe(`${CURRENT_YEAR}-01-01`);
    const units = response.body.units;
    expect(units.find((row: { unit: string }) => row.unit === 'berg')).toMatchObject({
      cases: 1,
      openWithoutReply: 1,
      unansweredPastDeadline: 0,
      shareWithinFiveWorkingDays: null,
    });
    // The backlog is today's, whatever period is asked for.
    expect(units.find((row: { unit: string }) => row.unit === 'are')).toEqual(zeroUnit('are', 'Åre', 2));
  });

  it('answers CSV with a header row and the total last', async () => {
    const response = await get(`/reports/service-level?${MARCH_2025}`, { accept: 'text/csv' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="service-level_2025-03-01_2025-03-31.csv"');
    const lines = (response.body as string).split('\r\n');
    expect(lines[0]).toBe(
      'unit,name,cases,replied,repliedWithinFiveWorkingDays,repliedLate,openWithoutReply,unansweredPastDeadline,shareWithinFiveWorkingDays,medianWorkingDaysToFirstReply,openOverdueNow',
    );
    expect(lines).toContain('berg,Berg,0,0,0,0,0,0,,,0');
    expect(lines).toContain('are,Åre,6,4,3,1,1,1,0.6,4.5,2');
    expect(lines).toContain('ostersund,Östersund,3,3,2,1,0,0,0.6667,1,0');
    expect(lines).toContain('region,Region Jämtland Härjedalen,2,0,0,0,1,2,0,,1');
    expect(lines.at(-2)).toBe('total,Totalt,11,7,5,2,2,3,0.5,4,3');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 9 + 1 + 1);
  });

  it('draws an SVG chart of the share per unit', async () => {
    const response = await get(`/reports/service-level?${MARCH_2025}`, { accept: 'image/svg+xml' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = response.body as string;
    expectWellFormedSvg(svg);
    for (const name of ['Åre', 'Östersund', 'Bräcke', 'Härjedalen', 'Region Jämtland Härjedalen', 'Totalt']) expect(svg).toContain(`>${name}<`);
    expect(svg).toContain('Andel första svar inom fem arbetsdagar');
    expect(svg).toMatch(/>60\s%</); // Åre
    expect(svg).toMatch(/>67\s%</); // Östersund
    expect(svg).toMatch(/>0\s%</); // Region
    expect(svg).toMatch(/>50\s%</); // total
    expect(svg).toContain('>inget att mäta<'); // units without measurable cases
    // ?format= does the same for clients that cannot set Accept.
    const viaParameter = await get(`/reports/service-level?${MARCH_2025}&format=svg`);
    expect(viaParameter.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(viaParameter.body).toBe(svg);
  });
});

describe('in-migration', () => {
  it('counts moves per municipality and first intake source, with the median days to move', async () => {
    const response = await get('/reports/in-migration?year=2025');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ report: 'in-migration', year: 2025 });
    const byCode = Object.fromEntries(response.body.municipalities.map((row: { municipality: string }) => [row.municipality, row]));
    const none = { tasteget: 0, 'municipality-site': 0, manual: 0, import: 0, 'no-case': 0 };
    // Åre: M1 (import, 104 days) and M2 (tasteget, 10 days) → median 57.
    expect(byCode.are).toEqual({
      municipality: 'are',
      name: 'Åre',
      moves: 2,
      medianDaysFromFirstContactToMove: 57,
      bySourceKind: { ...none, tasteget: 1, import: 1 },
    });
    expect(byCode.ostersund).toMatchObject({ moves: 1, medianDaysFromFirstContactToMove: 305, bySourceKind: { ...none, import: 1 } });
    expect(byCode.krokom).toMatchObject({ moves: 1, medianDaysFromFirstContactToMove: 30, bySourceKind: { ...none, 'no-case': 1 } });
    expect(byCode.unknown).toMatchObject({ name: 'Okänd kommun', moves: 1, medianDaysFromFirstContactToMove: 0 });
    expect(byCode.bracke).toEqual({ municipality: 'bracke', name: 'Bräcke', moves: 0, medianDaysFromFirstContactToMove: null, bySourceKind: none });
    expect(response.body.municipalities).toHaveLength(8 + 1);
    // Import: M1 104, M3 305 → 204.5. No case: M6 30, M7 0 → 15.
    expect(response.body.sourceKinds).toEqual([
      { sourceKind: 'tasteget', name: 'Tasteget.nu', moves: 1, medianDaysFromFirstContactToMove: 10 },
      { sourceKind: 'municipality-site', name: 'Kommunens webbplats', moves: 0, medianDaysFromFirstContactToMove: null },
      { sourceKind: 'manual', name: 'Manuellt registrerad', moves: 0, medianDaysFromFirstContactToMove: null },
      { sourceKind: 'import', name: 'Import', moves: 2, medianDaysFromFirstContactToMove: 204.5 },
      { sourceKind: 'no-case', name: 'Utan ärende', moves: 2, medianDaysFromFirstContactToMove: 15 },
    ]);
    // 0, 10, 30, 104, 305 → 30.
    expect(response.body.total).toEqual({ moves: 5, medianDaysFromFirstContactToMove: 30 });
  });

  it('defaults to the current year and omits the catch-all rows it does not need', async () => {
    const response = await get('/reports/in-migration');
    expect(response.body.year).toBe(CURRENT_YEAR);
    expect(response.body.total).toEqual({ moves: 1, medianDaysFromFirstContactToMove: 10 });
    expect(response.body.municipalities).toHaveLength(8);
    expect(response.body.sourceKinds.map((row: { sourceKind: string }) => row.sourceKind)).toEqual([
      'tasteget', 'municipality-site', 'manual', 'import', 'no-case',
    ]);
  });

  it('answers CSV and SVG', async () => {
    const csv = await get('/reports/in-migration?year=2025&format=csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (csv.body as string).split('\r\n');
    expect(lines[0]).toBe('municipality,name,moves,medianDaysFromFirstContactToMove,tasteget,municipality-site,manual,import,no-case');
    expect(lines).toContain('are,Åre,2,57,1,0,0,1,0');
    expect(lines).toContain('bracke,Bräcke,0,,0,0,0,0,0');
    expect(lines).toContain('unknown,Okänd kommun,1,0,0,0,0,0,1');
    expect(lines.at(-2)).toBe('total,Totalt,5,30,1,0,0,2,2');

    const svg = await get('/reports/in-migration?year=2025', { accept: 'image/svg+xml' });
    expectWellFormedSvg(svg.body);
    expect(svg.body).toContain('Inflyttningar per kommun 2025');
    for (const label of ['Åre', 'Östersund', 'Strömsund', 'Okänd kommun', 'Utan ärende', 'Import']) expect(svg.body).toContain(`>${label}<`);
    expect(svg.body).toMatch(/font-weight="bold">2<\/text>/); // Åre's bar total
  });
});

describe('intake', () => {
  // February: #F. March (Stockholm): tasteget #1 #2 #5 #7 #12, site #3 #8, manual #4 #11,
  // import #6 #9 (#9 is 28 Feb in UTC). April: #10 (31 March in UTC).
  it('counts cases per source kind and Stockholm month', async () => {
    const response = await get('/reports/intake?from=2025-02-01&to=2025-04-30');
    expect(response.status).toBe(200);
    expect(response.body.months).toEqual([
      { month: '2025-02', bySourceKind: { tasteget: 1, 'municipality-site': 0, manual: 0, import: 0 }, total: 1 },
      { month: '2025-03', bySourceKind: { tasteget: 5, 'municipality-site': 2, manual: 2, import: 2 }, total: 11 },
      { month: '2025-04', bySourceKind: { tasteget: 1, 'municipality-site': 0, manual: 0, import: 0 }, total: 1 },
    ]);
    expect(response.body.total).toEqual({ bySourceKind: { tasteget: 7, 'municipality-site': 2, manual: 2, import: 2 }, total: 13 });
  });

  it('lists every month of the period, also empty ones, and answers CSV and SVG', async () => {
    const csv = await get('/reports/intake?from=2025-01-15&to=2025-03-31', { accept: 'text/csv' });
    expect(csv.body).toBe(
      [
        'month,tasteget,municipality-site,manual,import,total',
        '2025-01,0,0,0,0,0',
        '2025-02,1,0,0,0,1',
        '2025-03,5,2,2,2,11',
        'total,6,2,2,2,12',
        '',
      ].join('\r\n'),
    );
    const svg = await get('/reports/intake?from=2025-01-15&to=2025-03-31', { accept: 'image/svg+xml' });
    expectWellFormedSvg(svg.body);
    for (const label of ['2025-01', '2025-02', '2025-03', 'Tasteget.nu', 'Kommunens webbplats', 'Manuellt registrerad']) {
      expect(svg.body).toContain(`>${label}<`);
    }
    expect(svg.body).toMatch(/font-weight="bold">11<\/text>/);
  });
});

describe('overview page', () => {
  it('shows the three charts with their tables for the default periods', async () => {
    const response = await get('/reports', { accept: 'text/html' }, product.coordinators.region.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = response.body as string;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html.match(/<table>/g)).toHaveLength(4);
    for (const heading of ['Servicenivå', `Inflyttning ${CURRENT_YEAR}`, 'Inkomna ärenden']) expect(html).toContain(heading);
    expect(html).toContain('<th scope="row">Bräcke</th><td class="number">1</td>');
    expect(html).toContain('Region Jämtland Härjedalen');
  });
});

describe('access, validation and privacy', () => {
  it('is for coordinators of any role only', async () => {
    expect((await product.request('GET', '/api/v1/reports/intake')).status).toBe(401);
    expect((await get('/reports/intake', {}, product.coordinators.admin.token)).status).toBe(200);
    expect((await get('/reports/intake', {}, product.coordinators.region.token)).status).toBe(200);
  });

  it.each([
    ['/reports/service-level?from=2025-02-30', 'from'],
    ['/reports/service-level?from=2025-3-1', 'from'],
    ['/reports/service-level?from=2025-04-01&to=2025-03-01', 'to'],
    ['/reports/service-level?unit=stockholm', 'unit'],
    ['/reports/service-level?from=1999-12-31', 'from'],
    ['/reports/service-level?unit=are&unit=berg', 'unit'],
    ['/reports/in-migration?year=1999', 'year'],
    ['/reports/in-migration?year=2101', 'year'],
    ['/reports/in-migration?year=twenty', 'year'],
    ['/reports/intake?format=xlsx', 'format'],
    ['/reports/intake?month=2025-03', '(query)'],
    ['/reports?year=1800', 'year'],
  ])('rejects %s', async (path, field) => {
    const response = await get(path);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('refuses formats it cannot produce', async () => {
    const response = await get('/reports/intake', { accept: 'application/xml' });
    expect(response.status).toBe(406);
  });

  it('never shows anything about a person', async () => {
    const outputs = await Promise.all([
      get(`/reports/service-level?${MARCH_2025}`),
      get(`/reports/service-level?${MARCH_2025}&format=csv`),
      get('/reports/in-migration?year=2025&format=svg'),
      get('/reports/intake?from=2025-02-01&to=2025-04-30&format=csv'),
      get('/reports'),
    ]);
    for (const output of outputs) {
      const text = typeof output.body === 'string' ? output.body : JSON.stringify(output.body);
      expect(text).not.toContain(PERSON_NAME);
      expect(text).not.toContain('@example.se');
    }
  });
});

describe('report building blocks', () => {
  it('takes medians, shares and axis scales', () => {
    expect(median([])).toBeNull();
    expect(median([7, 1, 4])).toBe(4);
    expect(median([7, 1, 4, 5])).toBe(4.5);
    expect(share(2, 3)).toBe(0.6667);
    expect(share(0, 0)).toBeNull();
    expect(niceAxisScale(0)).toEqual({ max: 1, step: 1 });
    expect(niceAxisScale(3)).toEqual({ max: 3, step: 1 });
    expect(niceAxisScale(11)).toEqual({ max: 15, step: 5 });
    expect(niceAxisScale(137)).toEqual({ max: 150, step: 50 });
  });

  it('escapes CSV fields and defuses spreadsheet formulas', () => {
    expect(csvField('Region Jämtland Härjedalen')).toBe('Region Jämtland Härjedalen');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hej"')).toBe('"say ""hej"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
    expect(toCsv(['a'], [['x']])).toBe('a\r\nx\r\n');
  });

  it('escapes every text in the SVG', () => {
    const svg = renderBarChartSvg({
      id: 'x',
      title: 'Tom & <Jerry>',
      categories: ['"quoted" & <b>bold</b>'],
      series: [{ name: "it's", values: [3] }],
      valueAxisLabel: 'a < b',
      formatValue: String,
    });
    expectWellFormedSvg(svg);
    expect(svg).toContain('Tom &amp; &lt;Jerry&gt;');
    expect(svg).toContain('&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
  });
});

/** A small XML check: tags nest and close, attributes are quoted, text has no bare < or &. */
function expectWellFormedSvg(svg: string) {
  expect(svg.startsWith('<svg ')).toBe(true);
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  const bareAmpersand = /&(?!(?:amp|lt|gt|quot|#39);)/;
  const open: string[] = [];
  let index = 0;
  let roots = 0;
  while (index < svg.length) {
    const next = svg.indexOf('<', index);
    const text = svg.slice(index, next === -1 ? svg.length : next);
    expect(bareAmpersand.test(text), `bare & in ${JSON.stringify(text)}`).toBe(false);
    if (open.length === 0) expect(text.trim()).toBe('');
    if (next === -1) break;
    tag.lastIndex = next;
    const match = tag.exec(svg);
    expect(match, `malformed tag at ${svg.slice(next, next + 40)}`).not.toBeNull();
    const [whole, closing, name, attributes, selfClosing] = match!;
    expect(bareAmpersand.test(attributes!)).toBe(false);
    if (open.length === 0) roots += 1;
    if (closing) expect(open.pop()).toBe(name);
    else if (!selfClosing) open.push(name!);
    index = next + whole.length;
  }
  expect(open).toEqual([]);
  expect(roots).toBe(1);
}
