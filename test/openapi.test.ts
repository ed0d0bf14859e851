// The published document lists every operation Express routes: walked from the running
// app's router, not from a list kept by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../api/routes/index.js';
import { webRoutes } from '../web/pages.js';
import { startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({ name: 'openapi' });
});
afterAll(async () => {
  await product?.close();
});

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  matchers?: unknown;
}

/** Every method + path Express routes under /api/v1, as OpenAPI paths. */
function routedOperations(stack: Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = layer.route.path.replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).map((method) => `${method} ${path}`);
    }
    return layer.handle?.stack ? routedOperations(layer.handle.stack) : [];
  });
}

describe('GET /api/v1/openapi.json', () => {
  it('lists every routed operation except the pages meant for people', async () => {
    const response = await product.request('GET', '/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const documented = Object.entries(response.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    const routed = routedOperations((product.app as unknown as { router: { stack: Layer[] } }).router.stack).filter(
      // The web app's static files are no operations.
      (operation) => !operation.endsWith('/healthz') && !operation.endsWith(' /') && !operation.startsWith('get /assets/'),
    );
    // The web app's pages sit at `/`, so a page may share its relative path with a JSON route
    // (GET /contacts/{id}): compared as lists, each routed operation is published or hidden once.
    const hidden = [...routeTable(() => ({})), ...webRoutes]
      .filter((route) => route.inOpenApi === false)
      .map((route) => `${route.method} ${route.path}`)
      .filter((operation) => !operation.endsWith(' /'));
    expect(webRoutes.every((route) => route.inOpenApi === false)).toBe(true);
    expect(routed.length).toBeGreaterThan(40);
    expect([...routed].sort()).toEqual([...documented, ...hidden].sort());
  });

  it('resolves every schema reference', async () => {
    const { body } = await product.request('GET', '/api/v1/openapi.json');
    const refs = [...JSON.stringify(body).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]!);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) expect(body.components.schemas, ref).toHaveProperty([ref]);
  });

  it('publishes the campaign, selection and newsletter operations with their schemas', async () => {
    const { body } = await product.request('GET', '/api/v1/openapi.json');
    expect(body.paths['/campaigns'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CampaignRequest' });
    expect(body.paths['/selections/{id}'].get.responses['200']).toBeDefined();
    expect(body.paths['/newsletter/subscribe'].post.security).toEqual([]);
    // Staff call with a bearer token, or (reading, in a browser) the web app's session cookie.
    expect(body.paths['/admin/retention-runs/{id}'].get.security).toEqual([{ bearer: [] }, { session: [] }]);
  });

  it('publishes the mail push as taking the mail-ingest key only', async () => {
    const { body } = await product.request('GET', '/api/v1/openapi.json');
    expect(body.paths['/inbound-email'].post.security).toEqual([{ mailIngest: [] }]);
    expect(body.components.securitySchemes.mailIngest).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(body.components.securitySchemes).sort()).toEqual(['bearer', 'intakeKey', 'mailIngest', 'session']);
  });
});
