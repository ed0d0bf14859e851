// Issue 16: goals, the in-migration report against them, the viewer role with masked
// breakdowns, and the figures page printed through Chromium. Numbers are worked by hand
// from the fixture below.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { inMigrationReport } from '../api/reports/in-migration-figures.js';
import { firstReplyDueAt } from '../domain/working-days.js';
import { addCoordinator } from '../scripts/accounts.js';
import { startTestProduct, type TestProduct } from './support/product.js';

const require = createRequire(import.meta.url);
let product: TestProduct;
let viewer: { id: string; token: string };
let browser: Browser;
const PERSON_NAME = 'Figurperson';
/** Screenshots and the PDF, for a person to look at; git-ignored with the rest of .data. */
const OUTPUT_DIR = path.resolve('.data/test-output');

let fixtureIndex = 0;
async function seedMove(input: { movedTo: string; movedOn: string; adults?: number; children?: number; createdAt?: string; firstCase?: { kind: 'tasteget' | 'import'; receivedAt: string } }) {
  fixtureIndex += 1;
  const contact = await product.db.contact.create({
    data: {
      id: randomUUID(),
      firstName: PERSON_NAME,
      lastName: `Nummer${fixtureIndex}`,
      email: `figur.${fixtureIndex}.${product.tag}@example.se`,
      preferredContactMethod: 'email',
      consentAt: new Date('2020-01-01T00:00:00Z'),
      consentSource: 'figures-fixture',
      lastActivityAt: new Date('2025-01-01T00:00:00Z'),
      moveStatus: 'moved',
      movedToMunicipality: input.movedTo,
      movedOn: new Date(`${input.movedOn}T00:00:00Z`),
      householdAdults: input.adults ?? null,
      householdChildren: input.children ?? null,
      ...(input.createdAt ? { createdAt: new Date(input.createdAt) } : {}),
    },
  });
  if (input.firstCase) {
    const receivedAt = new Date(input.firstCase.receivedAt);
    await product.db.case.create({
      data: {
        id: randomUUID(),
        number: 800000 + fixtureIndex,
        workflowId: `figures-fixture-${fixtureIndex}`,
        contactId: contact.id,
        sourceId: product.sources[input.firstCase.kind].id,
        sourceKind: input.firstCase.kind,
        responsibleUnit: input.movedTo,
        chosenMunicipalities: [],
        interests: [],
        message: `Meddelande från ${PERSON_NAME}`,
        status: 'closed',
        receivedAt,
        firstReplyDueAt: firstReplyDueAt(receivedAt),
        slaOutcome: 'open',
        closedAt: receivedAt,
      },
    });
  }
  return contact.id;
}

const asAdmin = () => ({ token: product.coordinators.admin.token });
const asViewer = () => ({ token: viewer.token });

let someContactId: string;
let someCaseId: string;

beforeAll(async () => {
  product = await startTestProduct({ name: 'figures' });
  viewer = await addCoordinator(product.db, { name: 'Beslutsfattare', email: `viewer.${product.tag}@test.local`, unit: 'region', role: 'viewer' });

  // 2025, Åre: A 3 people (tasteget 5 Jan → 10 Mar: 64 days), B 1 person (import 1 Nov 2024
  // → 30 Jun: 241 days), C no household given = 1 person (no case; card 1 Jun → 2 Jul: 31 days).
  someContactId = await seedMove({ movedTo: 'are', movedOn: '2025-03-10', adults: 2, children: 1, firstCase: { kind: 'tasteget', receivedAt: '2025-01-05T10:00:00+01:00' } });
  await seedMove({ movedTo: 'are', movedOn: '2025-06-30', adults: 1, firstCase: { kind: 'import', receivedAt: '2024-11-01T10:00:00+01:00' } });
  await seedMove({ movedTo: 'are', movedOn: '2025-07-02', createdAt: '2025-06-01T10:00:00+02:00' });
  // 2025, Östersund: five people from tasteget, 1 Apr → 15 May: 44 days.
  for (let index = 0; index < 5; index += 1) {
    await seedMove({ movedTo: 'ostersund', movedOn: '2025-05-15', adults: 1, firstCase: { kind: 'tasteget', receivedAt: '2025-04-01T10:00:00+02:00' } });
  }
  // 2024, Åre: I (2 people) on 2 July, the same point as 2 July 2025; J (1) the day after.
  await seedMove({ movedTo: 'are', movedOn: '2024-07-02', adults: 2, createdAt: '2024-01-01T10:00:00+01:00' });
  await seedMove({ movedTo: 'are', movedOn: '2024-07-03', adults: 1, createdAt: '2024-01-01T10:00:00+01:00' });
  // 2021 Åre (one person) is in the five years side by side; 2020 is not.
  await seedMove({ movedTo: 'are', movedOn: '2021-08-01', createdAt: '2021-01-01T10:00:00+01:00' });
  await seedMove({ movedTo: 'are', movedOn: '2020-08-01', createdAt: '2020-01-01T10:00:00+01:00' });
  const someCase = await product.db.case.findFirstOrThrow({ where: { contactId: someContactId } });
  someCaseId = someCase.id;
  browser = await chromium.launch({
    // Debian's chromium; CHROMIUM_PATH for another install.
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(OUTPUT_DIR, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

describe('goals', () => {
  it('are set and changed by an administrator, with every change recorded', async () => {
    const first = await product.request('PUT', '/api/v1/goals/2025/are', { ...asAdmin(), body: { people: 10, households: 4 } });
    expect(first.status).toBe(200);
    expect(first.body.goal).toMatchObject({ year: 2025, scope: 'are', name: 'Åre', people: 10, households: 4, updatedBy: { name: 'Admin' } });
    expect(first.body.change).toMatchObject({ old: null, new: { people: 10, households: 4 } });

    const changed = await product.request('PUT', '/api/v1/goals/2025/are', { ...asAdmin(), body: { people: 12, households: 5 } });
    expect(changed.body.change).toMatchObject({ old: { people: 10, households: 4 }, new: { people: 12, households: 5 } });
    // The same value again (a retry) records nothing.
    const again = await product.request('PUT', '/api/v1/goals/2025/are', { ...asAdmin(), body: { people: 12, households: 5 } });
    expect(again.status).toBe(200);
    expect(again.body.change).toBeNull();
    const region = await product.request('PUT', '/api/v1/goals/2025/region', { ...asAdmin(), body: { people: 365 } });
    expect(region.body.goal).toMatchObject({ scope: 'region', name: 'Hela regionen', people: 365, households: null });

    const goals = await product.request('GET', '/api/v1/goals?year=2025', asViewer());
    expect(goals.status).toBe(200);
    expect(goals.body.goals.map((goal: { scope: string; people: number }) => [goal.scope, goal.people])).toEqual([
      ['are', 12],
      ['region', 365],
    ]);
    const history = await product.request('GET', '/api/v1/goals/changes?year=2025', asViewer());
    expect(history.body.changes).toHaveLength(3);
    expect(history.body.changes.at(-1)).toMatchObject({ scope: 'are', old: null, new: { people: 10 }, changedBy: { id: product.coordinators.admin.id, name: 'Admin' } });
    expect(await product.db.inMigrationGoalChange.count({ where: { year: 2025 } })).toBe(3);
  });

  it('refuses bad goals and anyone but an administrator', async () => {
    for (const [path, body] of [
      ['/api/v1/goals/2025/are', { people: -1 }],
      ['/api/v1/goals/2025/are', { people: 1.5 }],
      ['/api/v1/goals/2025/are', { households: 3 }],
      ['/api/v1/goals/2025/oslo', { people: 3 }],
      ['/api/v1/goals/25/are', { people: 3 }],
    ] as const) {
      const response = await product.request('PUT', path, { ...asAdmin(), body });
      expect(response.status, path).toBe(422);
    }
    expect((await product.request('PUT', '/api/v1/goals/2025/are', { ...asViewer(), body: { people: 1 } })).status).toBe(403);
    expect((await product.request('PUT', '/api/v1/goals/2025/are', { token: product.coordinators.are.token, body: { people: 1 } })).status).toBe(403);
    const goal = await product.db.inMigrationGoal.findUniqueOrThrow({ where: { year_scope: { year: 2025, scope: 'are' } } });
    expect(goal.people).toBe(12);
  });
});

describe('the in-migration report against the goals', () => {
  it('counts moves so far, the goal, its pace today and last year at the same point (2 July 2025)', async () => {
    const report = await inMigrationReport(product.db, { year: 2025, now: new Date('2025-07-02T10:00:00+02:00') });
    expect(report).toMatchObject({ year: 2025, asOf: '2025-07-02', lastYearAsOf: '2024-07-02', masked: false });
    const are = report.municipalities.find((row) => row.municipality === 'are')!;
    expect(are).toMatchObject({
      moves: 3,
      people: 5,
      goal: { people: 12, households: 5 },
      shareOfGoal: 0.4167, // 5 / 12
      householdShareOfGoal: 0.6, // 3 / 5
      goalPaceToday: 6, // 12 × 183 / 365 = 6.02
      lastYearSamePoint: { moves: 1, people: 2 },
      medianDaysFromFirstContactToMove: 64, // 31, 64, 241
      bySourceKind: { tasteget: 1, import: 1, 'no-case': 1, manual: 0, 'municipality-site': 0 },
      byTimeToMove: { '0-90': 2, '91-180': 0, '181-365': 1, '366-730': 0, 'over-730': 0 },
    });
    expect(are.byMonth).toMatchObject({ '2025-03': 1, '2025-06': 1, '2025-07': 1, '2025-05': 0 });
    const ostersund = report.municipalities.find((row) => row.municipality === 'ostersund')!;
    expect(ostersund).toMatchObject({ moves: 5, people: 5, goal: null, shareOfGoal: null, goalPaceToday: null, lastYearSamePoint: { moves: 0, people: 0 } });
    expect(report.total).toMatchObject({
      moves: 8,
      people: 10,
      goal: { people: 365, households: null },
      shareOfGoal: 0.0274, // 10 / 365
      goalPaceToday: 183, // day 183 of 365
      lastYearSamePoint: { moves: 1, people: 2 },
      medianDaysFromFirstContactToMove: 44, // 31, 44 ×5, 64, 241
    });
    expect(report.timeToMove.map((row) => row.moves)).toEqual([7, 0, 1, 0, 0]);
    expect(report.years.map((year) => [year.year, year.total.people, year.total.goal?.people ?? null])).toEqual([
      [2021, 1, null],
      [2022, 0, null],
      [2023, 0, null],
      [2024, 3, null],
      [2025, 10, 365],
    ]);
  });

  it('shows a viewer small breakdown counts as "< 5" and exact totals; an administrator sees every count', async () => {
    const exact = await product.request('GET', '/api/v1/reports/in-migration?year=2025', asAdmin());
    const masked = await product.request('GET', '/api/v1/reports/in-migration?year=2025', asViewer());
    expect(masked.status).toBe(200);
    const row = (body: { municipalities: Array<{ municipality: string }> }, code: string) => body.municipalities.find((entry) => entry.municipality === code);
    expect(exact.body.masked).toBe(false);
    expect(row(exact.body, 'are')).toMatchObject({ moves: 3, people: 5, medianDaysFromFirstContactToMove: 64, bySourceKind: { tasteget: 1, import: 1 } });
    expect(masked.body.masked).toBe(true);
    expect(row(masked.body, 'are')).toMatchObject({
      moves: 3, // totals per municipality and year stay exact
      people: 5,
      lastYearSamePoint: { moves: 2, people: 3 },
      medianDaysFromFirstContactToMove: '< 5',
      bySourceKind: { tasteget: '< 5', import: '< 5', 'no-case': '< 5', manual: 0 },
      byTimeToMove: { '0-90': '< 5', '181-365': '< 5', '91-180': 0 },
      byMonth: { '2025-03': '< 5', '2025-04': 0 },
    });
    expect(row(masked.body, 'ostersund')).toMatchObject({ medianDaysFromFirstContactToMove: 44, bySourceKind: { tasteget: 5 }, byMonth: { '2025-05': 5 } });
    expect(masked.body.sourceKinds.map((entry: { moves: unknown }) => entry.moves)).toEqual([6, 0, 0, '< 5', '< 5']);
    expect(masked.body.total).toMatchObject({ moves: 8, people: 10 });

    const csv = await product.request('GET', '/api/v1/reports/in-migration?year=2025&format=csv', asViewer());
    expect(csv.body).toContain('are,Åre,5,12,0.4167,12,3,3,5,0.6,< 5,< 5,0,0,< 5,< 5');
    const exactCsv = await product.request('GET', '/api/v1/reports/in-migration?year=2025&format=csv', asAdmin());
    expect(exactCsv.body).toContain('are,Åre,5,12,0.4167,12,3,3,5,0.6,64,1,0,0,1,1');
    const intake = await product.request('GET', '/api/v1/reports/intake?from=2025-01-01&to=2025-12-31', asViewer());
    expect(intake.body.months.find((month: { month: string }) => month.month === '2025-01').total).toBe('< 5');
    expect(intake.body.months.find((month: { month: string }) => month.month === '2025-04').total).toBe(5);
  });
});

describe('a viewer', () => {
  it('reads the figures and nothing else', async () => {
    for (const path of ['/api/v1/reports', '/api/v1/reports/goals', '/api/v1/reports/service-level', '/api/v1/reports/intake', '/api/v1/goals']) {
      expect((await product.request('GET', path, asViewer())).status, path).toBe(200);
    }
    for (const path of [`/api/v1/contacts/${someContactId}`, `/api/v1/cases/${someCaseId}`, '/api/v1/contacts', '/api/v1/cases']) {
      const response = await product.request('GET', path, asViewer());
      expect(response.status, path).toBe(403);
      expect(JSON.stringify(response.body)).not.toContain(PERSON_NAME);
    }
    // The same card is readable by a guide: the 403 is the role, not a missing card.
    expect((await product.request('GET', `/api/v1/contacts/${someContactId}`, { token: product.coordinators.are.token })).status).toBe(200);
  });
});

describe('the figures page', () => {
  async function openPage(width: number, query: string) {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      extraHTTPHeaders: { Authorization: `Bearer ${viewer.token}` },
      // axe is injected as an inline script, which the page's CSP rightly forbids.
      bypassCSP: true,
      locale: 'sv-SE',
    });
    const page = await context.newPage();
    const response = await page.goto(`${product.baseUrl}/api/v1/reports${query}`);
    expect(response?.status()).toBe(200);
    return { context, page };
  }

  it('has no axe violations (WCAG 2.1 A and AA) on the figures and goals pages', async () => {
    for (const pathAndQuery of ['?year=2025', '/goals?year=2025']) {
      const { context, page } = await openPage(1280, pathAndQuery);
      await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
      // Evaluated in the page; the test's TypeScript has no DOM types.
      const result = (await page.evaluate(
        `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`,
      )) as { violations: Array<{ id: string; nodes: unknown[] }> };
      expect(result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`), pathAndQuery).toEqual([]);
      await context.close();
    }
  });

  it('reads on a 320 px phone without sideways scrolling of the page', async () => {
    const { context, page } = await openPage(320, '?period=quarter&year=2025&quarter=3');
    expect(await page.locator('h1').count()).toBe(1);
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.textContent('.period-line')).toContain('Kvartal 3 2025');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'figures-320.png'), fullPage: true });
    await context.close();
  });

  it('prints on A4 with the charts, and the period and date on every page', async () => {
    const { context, page } = await openPage(1280, '?year=2025');
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'figures-1280.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(path.join(OUTPUT_DIR, 'figures.pdf'), pdf);
    await context.close();

    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise;
    expect(document.numPages).toBeGreaterThanOrEqual(2);
    const pageTexts: string[] = [];
    let vectorPaths = 0;
    for (let number = 1; number <= document.numPages; number += 1) {
      const pdfPage = await document.getPage(number);
      const [width, height] = [pdfPage.view[2]!, pdfPage.view[3]!];
      // A4 is 595 × 842 points.
      expect(Math.round(width)).toBe(595);
      expect(Math.round(height)).toBe(842);
      const content = await pdfPage.getTextContent();
      pageTexts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
      const operators = await pdfPage.getOperatorList();
      vectorPaths += operators.fnArray.filter((fn) => fn === pdfjs.OPS.constructPath).length;
    }
    for (const [index, text] of pageTexts.entries()) {
      expect(text, `page ${index + 1}`).toContain('Period: 2025');
      expect(text, `page ${index + 1}`).toMatch(/Sammanställt \d{1,2} \S+ \d{4}/);
      expect(text, `page ${index + 1}`).toContain(`Sida ${index + 1} av ${pageTexts.length}`);
    }
    const all = pageTexts.join('\n');
    // The charts are there as vector graphics with their text, not as pictures.
    for (const title of ['Inflyttade personer per kommun 2025', 'Andel första svar inom fem arbetsdagar', 'Inkomna ärenden per månad', 'Årets mål']) {
      expect(all).toContain(title);
    }
    expect(vectorPaths).toBeGreaterThan(50);
    expect(all).not.toContain(PERSON_NAME);
  });
});
