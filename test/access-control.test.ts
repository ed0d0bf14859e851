// Who may call what: every route of the route table × every caller identity (anonymous,
// an intake source, each staff role), read from the same declarations that register the
// routes, so a new route is checked without anyone listing it here.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerIdentity } from '../api/route-table/access.js';
import { accessMatrix, CALLER_IDENTITIES } from '../api/route-table/access-matrix.js';
import { routeTable } from '../api/routes/index.js';
import { startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({ name: 'access' });
});
afterAll(async () => {
  await product?.close();
});

const sampleId = '00000000-0000-4000-8000-000000000000';
const apiPath = (path: string) => `/api/v1${path.replace(/\{\w+\}/g, sampleId)}`;

const rows = [
  ...accessMatrix(routeTable(() => ({}))).map((row) => ({ method: row.method.toUpperCase(), path: apiPath(row.path), allowed: row.allowed })),
  // Outside the API router: the load balancer's health check is open to everyone.
  { method: 'GET', path: '/healthz', allowed: [...CALLER_IDENTITIES] },
];

function credentials(caller: CallerIdentity): { token?: string; apiKey?: string } {
  switch (caller) {
    case 'anonymous':
      return {};
    case 'intake-source':
      return { apiKey: product.sources.tasteget.key };
    case 'coordinator':
      return { token: product.coordinators.are.token };
    case 'regional':
      return { token: product.coordinators.region.token };
    case 'admin':
      return { token: product.coordinators.admin.token };
  }
}

const cases = rows.flatMap(({ method, path, allowed }) => CALLER_IDENTITIES.map((caller) => [method, path, caller, allowed.includes(caller)] as const));

describe(`access control (${cases.length} route × caller pairs)`, () => {
  it('covers every route of the table', () => {
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.some((row) => row.path.startsWith('/api/v1/campaigns'))).toBe(true);
  });

  it.each(cases)('%s %s as %s → allowed: %s', async (method, path, caller, allowed) => {
    const response = await product.request(method, path, { ...credentials(caller), body: method === 'GET' ? undefined : {} });
    if (allowed) {
      expect([401, 403]).not.toContain(response.status);
      // The catch-all 404 would mean the route is not registered at all.
      expect(response.body?.title).not.toBe('No such resource');
    } else {
      expect([401, 403]).toContain(response.status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(response.status).toBeLessThan(500);
  });

  it('refuses revoked and expired coordinator tokens', async () => {
    const { addCoordinator } = await import('../scripts/accounts.js');
    const revoked = await addCoordinator(product.db, { name: 'R', email: `r.${randomUUID()}@test.local`, unit: 'are', role: 'coordinator' });
    const expired = await addCoordinator(product.db, { name: 'E', email: `e.${randomUUID()}@test.local`, unit: 'are', role: 'coordinator' });
    expect((await product.request('GET', '/api/v1/cases', { token: revoked.token })).status).toBe(200);
    await product.db.coordinator.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    await product.db.coordinator.update({ where: { id: expired.id }, data: { tokenExpiresAt: new Date(Date.now() - 1000) } });
    expect((await product.request('GET', '/api/v1/cases', { token: revoked.token })).status).toBe(401);
    expect((await product.request('GET', '/api/v1/cases', { token: expired.token })).status).toBe(401);
  });
});
