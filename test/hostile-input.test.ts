// Hostile input (issue: Trust): thousands of generated payloads at every body-taking
// endpoint. Every answer is a 4xx problem+json, never a 5xx, and the database is unchanged.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;
let contactId: string;
let caseId: string;

beforeAll(async () => {
  product = await startTestProduct({ name: 'hostile' });
  const intake = await product.intake(intakeBody());
  contactId = intake.body.contactId;
  caseId = intake.body.caseId;
});
afterAll(async () => {
  await product?.close();
});

const RUNS_PER_ENDPOINT = 300;

const nasty = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(
    "'; DROP TABLE contacts; --",
    '<script>alert(1)</script>',
    '\u0000\u0001\u001b',
    '\ud800',
    'a'.repeat(70_000),
    '__proto__',
    'constructor',
    '{"$gt": ""}',
    '../../etc/passwd',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof({ maxDepth: 4 }, nasty, fc.array(tie('value'), { maxLength: 5 }), fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('value'), { maxKeys: 5 })),
})).value;

/** A valid body with fields dropped, replaced by hostile values, or extra keys added. */
function mutated(valid: Record<string, unknown>) {
  return fc
    .record({
      drop: fc.subarray(Object.keys(valid)),
      replace: fc.dictionary(fc.constantFrom(...Object.keys(valid)), hostileValue, { maxKeys: 3 }),
      extra: fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'isAdmin', 'role', 'id'), hostileValue, { maxKeys: 2 }),
    })
    .map(({ drop, replace, extra }) => {
      const body: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(valid)) if (!drop.includes(key)) body[key] = value;
      Object.assign(body, replace);
      for (const [key, value] of Object.entries(extra)) Object.defineProperty(body, key, { value, enumerable: true });
      return body;
    });
}

const anyBody = fc.oneof(hostileValue, fc.string({ maxLength: 200 }).map((raw) => ({ raw })));

async function rowCounts() {
  const [contacts, cases, activities, campaigns, selections, transfers] = await Promise.all([
    product.db.contact.count(),
    product.db.case.count(),
    product.db.activity.count(),
    product.db.campaign.count(),
    product.db.savedSelection.count(),
    product.db.caseTransfer.count(),
  ]);
  return { contacts, cases, activities, campaigns, selections, transfers };
}

describe(`hostile input (${RUNS_PER_ENDPOINT * 2} generated bodies per endpoint)`, () => {
  const endpoints = () => [
    { method: 'POST', path: '/api/v1/intake', auth: { apiKey: product.sources.tasteget.key }, valid: intakeBody({ consent: true }) },
    { method: 'POST', path: `/api/v1/contacts/${contactId}/activities`, auth: { token: product.coordinators.are.token }, valid: { type: 'phone', outcome: 'reached', summary: 'x' } },
    { method: 'PATCH', path: `/api/v1/contacts/${contactId}/move-status`, auth: { token: product.coordinators.are.token }, valid: { moveStatus: 'moved', municipality: 'are', movedOn: '2026-01-01' } },
    { method: 'POST', path: `/api/v1/cases/${caseId}/transfer`, auth: { token: product.coordinators.are.token }, valid: { to: 'berg', note: 'x' } },
    { method: 'POST', path: '/api/v1/selections/preview', auth: { token: product.coordinators.are.token }, valid: { filter: { all: [{ municipalities: ['are'] }, { interests: ['work'] }] } } },
    { method: 'POST', path: '/api/v1/selections', auth: { token: product.coordinators.admin.token }, valid: { name: 'n', filter: { municipalities: ['are'] } } },
    { method: 'POST', path: '/api/v1/campaigns', auth: { token: product.coordinators.admin.token }, valid: { kind: 'newsletter', title: 't', text: { sv: 's' }, filter: { municipalities: ['are'] } } },
    { method: 'POST', path: '/api/v1/newsletter/subscribe', auth: {}, valid: { email: 'a@example.se', consent: true } },
    { method: 'DELETE', path: `/api/v1/contacts/${contactId}`, auth: { token: product.coordinators.admin.token }, valid: { reason: 'duplicate' } },
  ];

  it('answers every generated body with a 4xx problem+json and changes nothing', async () => {
    let requests = 0;
    const statuses = new Map<number, number>();
    let rejectedChecked = 0;
    for (const endpoint of endpoints()) {
      const bodies = fc.sample(fc.oneof(mutated(endpoint.valid), anyBody), { numRuns: RUNS_PER_ENDPOINT * 2, seed: 20261201 });
      let before = await rowCounts();
      for (const body of bodies) {
        // A mutation that happens to stay valid is a legitimate write; only invalid ones are the point.
        const raw = typeof body === 'object' && body !== null && 'raw' in body && Object.keys(body).length === 1 ? String((body as { raw: unknown }).raw) : JSON.stringify(body);
        const response = await product.request(endpoint.method, endpoint.path, { ...endpoint.auth, rawBody: raw });
        requests += 1;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, `${endpoint.method} ${endpoint.path} ${raw.slice(0, 200)}`).toBeLessThan(500);
        const after = await rowCounts();
        if (response.status >= 400) {
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          expect(JSON.stringify(response.body)).not.toMatch(/at \S+\.ts:\d+|SELECT |prisma/i);
          // Every rejected request is checked on its own: it wrote nothing.
          expect(after, `${endpoint.method} ${endpoint.path} wrote although rejected: ${raw.slice(0, 200)}`).toEqual(before);
          rejectedChecked += 1;
        }
        before = after;
      }
    }
    expect(rejectedChecked).toBeGreaterThan(endpoints().length * RUNS_PER_ENDPOINT);
    console.log(`hostile input: ${requests} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(requests).toBe(endpoints().length * RUNS_PER_ENDPOINT * 2);
  }, 600_000);
});
