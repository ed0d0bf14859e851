// Who may call what: every route of the route table × every caller identity (anonymous,
// an intake source, the mail system, each staff role), read from the same declarations that register the
// routes, so a new route is checked without anyone listing it here.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerIdentity } from '../api/route-table/access.js';
import { accessMatrix, CALLER_IDENTITIES } from '../api/route-table/access-matrix.js';
import { routeTable } from '../api/routes/index.js';
import { webRoutes } from '../web/pages.js';
import { startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;
let viewerToken: string;

beforeAll(async () => {
  product = await startTestProduct({ name: 'access' });
  const { addCoordinator } = await import('../scripts/accounts.js');
  viewerToken = (await addCoordinator(product.db, { name: 'V', email: `viewer.${product.tag}@test.local`, unit: 'region', role: 'viewer' })).token;
});
afterAll(async () => {
  await product?.close();
});

const sampleId = '00000000-0000-4000-8000-000000000000';

const concretePath = (path: string) => path.replace(/\{\w+\}/g, sampleId);

const rows = [
  ...accessMatrix([...routeTable(() => ({})), ...webRoutes]).map((row) => ({
    method: row.method.toUpperCase(),
    path: concretePath(row.fullPath),
    allowed: row.allowed,
    page: row.page,
  })),
  // Outside the API router: the load balancer's health check is open to everyone.
  { method: 'GET', path: '/healthz', allowed: [...CALLER_IDENTITIES], page: false },
];

/** A page as a browser would ask for it: a form post carries a matching CSRF cookie and field. */
async function requestPage(method: string, path: string, token: string | undefined) {
  const csrf = 'c'.repeat(43);
  const headers: Record<string, string> = { cookie: `iv_csrf=${csrf}` };
  if (token) headers.authorization = `Bearer ${token}`;
  if (method !== 'GET') headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(`${product.baseUrl}${path}`, {
    method,
    headers,
    redirect: 'manual',
    body: method === 'GET' ? undefined : new URLSearchParams({ _csrf: csrf }).toString(),
  });
  return { status: response.status, location: response.headers.get('location') ?? '', type: response.headers.get('content-type') ?? '' };
}

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
    case 'viewer':
      return { token: viewerToken };
    case 'mail-ingest':
      return { token: product.mailIngestKey };
  }
}

const cases = rows.filter((row) => !row.page).flatMap(({ method, path, allowed }) => CALLER_IDENTITIES.map((caller) => [method, path, caller, allowed.includes(caller)] as const));
const pageCases = rows.filter((row) => row.page).flatMap(({ method, path, allowed }) => CALLER_IDENTITIES.map((caller) => [method, path, caller, allowed.includes(caller)] as const));

describe(`access control (${cases.length} route × caller pairs)`, () => {
  it('covers every route of the table', () => {
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.some((row) => row.path.startsWith('/api/v1/campaigns'))).toBe(true);
    // Captured mail can stop a case's clock: only the mail system pushes it, no coordinator.
    expect(rows.find((row) => row.method === 'POST' && row.path === '/api/v1/inbound-email')?.allowed).toEqual(['mail-ingest']);
    expect(rows.some((row) => row.page && row.path === `/contacts/${sampleId}`)).toBe(true);
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

  // Decision makers read the figures and nothing else: no other route lets a viewer in.
  it('lets a viewer in only on the figures and goals (reading) and the public routes', () => {
    const isFigureRead = (row: (typeof rows)[number]) => row.method === 'GET' && /^(\/api\/v1\/(reports|goals)|\/figures)(\/|\?|$)/.test(row.path);
    for (const row of rows) {
      const open = row.allowed.includes('anonymous');
      expect({ ...row, viewer: row.allowed.includes('viewer') }).toEqual({ ...row, viewer: open || isFigureRead(row) });
    }
    expect(rows.filter(isFigureRead).length).toBeGreaterThanOrEqual(7);
  });

  it.each(rows.filter((row) => !row.allowed.includes('viewer')).map((row) => [row.method, row.path] as const))(
    '%s %s answers a viewer 403',
    async (method, path) => {
      const response = await product.request(method, path, { token: viewerToken, body: method === 'GET' ? undefined : {} });
      // Intake-source and mail-ingest routes ask for their own key, so a staff token is 401 there.
      const allowed = rows.find((row) => row.method === method && row.path === path)?.allowed ?? [];
      expect(response.status).toBe(allowed.includes('intake-source') || allowed.includes('mail-ingest') ? 401 : 403);
    },
  );

  // For the web app's pages "refused" means: a signed-out visitor is sent to sign in, a
  // signed-in guide without the role gets the 403 page.
  it.each(pageCases)('page %s %s as %s → allowed: %s', async (method, path, caller, allowed) => {
    const response = await requestPage(method, path, credentials(caller).token);
    const sentToSignIn = response.status === 303 && response.location.startsWith('/sign-in?returnTo=');
    if (allowed) {
      expect(sentToSignIn).toBe(false);
      expect([401, 403]).not.toContain(response.status);
    } else if (caller === 'anonymous' || caller === 'intake-source' || caller === 'mail-ingest') {
      expect(sentToSignIn).toBe(true);
    } else {
      expect(response.status).toBe(403);
      expect(response.type).toContain('text/html');
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
