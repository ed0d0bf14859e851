// Who may call what (issue: Trust): every endpoint × every role and the anonymous caller.
// "allowed" means the request got past authentication and authorization (any other answer).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({ name: 'access' });
});
afterAll(async () => {
  await product?.close();
});

type Caller = 'anonymous' | 'intakeSource' | 'coordinator' | 'regional' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'intakeSource', 'coordinator', 'regional', 'admin'];
const id = '00000000-0000-4000-8000-000000000000';

const COORDINATORS = ['coordinator', 'regional', 'admin'] as const;
const ENDPOINTS: Array<[method: string, path: string, allowed: readonly Caller[]]> = [
  ['POST', '/api/v1/intake', ['intakeSource']],
  ['GET', '/api/v1/contacts', COORDINATORS],
  ['GET', `/api/v1/contacts/${id}`, COORDINATORS],
  ['POST', `/api/v1/contacts/${id}/activities`, COORDINATORS],
  ['PATCH', `/api/v1/contacts/${id}/move-status`, COORDINATORS],
  ['GET', `/api/v1/contacts/${id}/export`, ['admin']],
  ['DELETE', `/api/v1/contacts/${id}`, ['admin']],
  ['GET', '/api/v1/cases', COORDINATORS],
  ['GET', `/api/v1/cases/${id}`, COORDINATORS],
  ['POST', `/api/v1/cases/${id}/transfer`, COORDINATORS],
  ['POST', `/api/v1/cases/${id}/close`, COORDINATORS],
  ['GET', '/api/v1/reviews/unknown-review', COORDINATORS],
  ['POST', `/api/v1/reviews/unknown-review/items/${id}/reviewed`, COORDINATORS],
  ['POST', '/api/v1/admin/reviews', ['admin']],
  ['POST', '/api/v1/admin/retention-runs', ['admin']],
  ['GET', '/api/v1/admin/retention-runs/unknown-run', ['admin']],
  ['POST', '/api/v1/admin/retention-runs/unknown-run/approve', ['admin']],
  ['GET', '/api/v1/admin/inbound-email', ['admin']],
  ['GET', '/api/v1/admin/access-log', ['admin']],
  ['POST', '/api/v1/inbound-email', COORDINATORS],
  ['GET', '/api/v1/reports/service-level', COORDINATORS],
  ['GET', '/api/v1/reports/in-migration', COORDINATORS],
  ['GET', '/api/v1/reports/intake', COORDINATORS],
  ['GET', '/api/v1/reports', COORDINATORS],
  ['POST', '/api/v1/selections/preview', COORDINATORS],
  ['POST', '/api/v1/selections', COORDINATORS],
  ['GET', '/api/v1/selections', COORDINATORS],
  ['POST', '/api/v1/campaigns', COORDINATORS],
  ['GET', `/api/v1/campaigns/${id}`, COORDINATORS],
  ['POST', `/api/v1/campaigns/${id}/start`, COORDINATORS],
  ['POST', `/api/v1/campaigns/${id}/pause`, COORDINATORS],
  ['GET', `/api/v1/campaigns/${id}/rsvps`, COORDINATORS],
  ['POST', '/api/v1/newsletter/subscribe', CALLERS],
  ['GET', '/api/v1/newsletter/unsubscribe?token=unknown-token-000000', CALLERS],
  ['POST', '/api/v1/newsletter/unsubscribe?token=unknown-token-000000', CALLERS],
  ['GET', '/api/v1/newsletter/confirm?token=unknown-token-000000', CALLERS],
  ['POST', '/api/v1/newsletter/confirm?token=unknown-token-000000', CALLERS],
  ['GET', '/api/v1/newsletter/rsvp?token=unknown-token-000000&answer=yes', CALLERS],
  ['POST', '/api/v1/newsletter/rsvp?token=unknown-token-000000&answer=yes', CALLERS],
  ['GET', '/api/v1/openapi.json', CALLERS],
  ['GET', '/healthz', CALLERS],
];

function credentials(caller: Caller): { token?: string; apiKey?: string } {
  switch (caller) {
    case 'anonymous':
      return {};
    case 'intakeSource':
      return { apiKey: product.sources.tasteget.key };
    case 'coordinator':
      return { token: product.coordinators.are.token };
    case 'regional':
      return { token: product.coordinators.region.token };
    case 'admin':
      return { token: product.coordinators.admin.token };
  }
}

const cases = ENDPOINTS.flatMap(([method, path, allowed]) => CALLERS.map((caller) => [method, path, caller, allowed.includes(caller)] as const));

describe(`access control (${cases.length} endpoint × caller pairs)`, () => {
  it.each(cases)('%s %s as %s → allowed: %s', async (method, path, caller, allowed) => {
    const response = await product.request(method, path, { ...credentials(caller), body: method === 'GET' ? undefined : {} });
    if (allowed) {
      expect([401, 403]).not.toContain(response.status);
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
