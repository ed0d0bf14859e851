import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdFor } from '../activities/mailer.js';
import { applyMigrations } from '../prisma/apply-migrations.js';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';

const run = promisify(execFile);
let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({ name: 'foundation' });
});
afterAll(async () => {
  await product?.close();
});

describe('foundation', () => {
  it('reports every dependency on /healthz', async () => {
    const health = await product.request('GET', '/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'up',
      checks: { db: { status: 'up' }, temporal: { status: 'up' }, smtp: { status: 'up' } },
    });
  });

  it('runs a real workflow whose activities write rows and send an email over SMTP', async () => {
    const intake = await product.intake(intakeBody());
    const key = `case:${intake.body.caseId}:assigned`;
    // MailDev shows the Message-ID without its angle brackets.
    const [email] = await product.mailbox.waitFor((mail) => `<${mail.messageId}>` === messageIdFor(key));
    expect(email!.to.map((to) => to.address)).toEqual([product.coordinators.are.email]);
    const delivery = await product.db.emailDelivery.findUniqueOrThrow({ where: { idempotencyKey: key } });
    expect(delivery).toMatchObject({ status: 'sent', caseId: intake.body.caseId, recipients: [product.coordinators.are.email] });
  });

  it('applies the committed migrations once and records them in Prisma’s migration table', async () => {
    const again = await applyMigrations(product.databaseUrl);
    expect(again.applied).toEqual([]);
    const rows = await product.db.$queryRaw<Array<{ migration_name: string; checksum: string }>>`
      SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows.length).toBeGreaterThan(0);
    const first = rows[0]!;
    const sql = await readFile(new URL(`../prisma/migrations/${first.migration_name}/migration.sql`, import.meta.url), 'utf8');
    expect(first.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
  });

  it('publishes an OpenAPI 3.1 document generated from the request schemas, and a reference page', async () => {
    const document = await product.request('GET', '/api/v1/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toBe('3.1.0');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/intake', '/contacts', '/contacts/{id}', '/contacts/{id}/activities', '/cases', '/cases/{id}/transfer', '/cases/{id}/close']),
    );
    const intakeSchema = document.body.components.schemas.IntakeRequest;
    expect(intakeSchema.properties.municipalities.items.enum).toContain('are');
    expect(intakeSchema.properties.interests.items.enum).toContain('remote-work');

    const page = await fetch(`${product.baseUrl}/api/v1/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    const asset = await fetch(`${product.baseUrl}/api/v1/docs/assets/swagger-ui-bundle.js`);
    expect(asset.status).toBe(200);
  });

  it('answers unknown paths with a problem+json 404', async () => {
    const response = await product.request('GET', '/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(response.body.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('prints the first-reply deadline from the command line', async () => {
    const { stdout } = await run('npm', ['run', '-s', 'cli', '--', 'sla-deadline', '2026-12-21T09:00:00+01:00']);
    expect(JSON.parse(stdout)).toEqual({ receivedAt: '2026-12-21T09:00:00+01:00', dueAt: '2026-12-30T23:59:59+01:00' });
    const failure = await run('npm', ['run', '-s', 'cli', '--', 'sla-deadline', 'yesterday']).catch((error) => error);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('ISO-8601');
  });

  it('adds a coordinator and an intake source from the command line, each with a working secret', async () => {
    const env = { ...process.env, DATABASE_URL: product.databaseUrl };
    const coordinator = await run(
      'npm',
      ['run', '-s', 'cli', '--', 'coordinator', 'add', '--unit', 'bracke', '--email', `ny.${product.tag}@test.local`, '--name', 'Ny Vägledare', '--role', 'coordinator'],
      { env },
    );
    const { token } = JSON.parse(coordinator.stdout);
    const source = await run('npm', ['run', '-s', 'cli', '--', 'source', 'add', '--name', 'bracke.se', '--kind', 'municipality-site', '--municipality', 'bracke'], { env });
    const { key } = JSON.parse(source.stdout);

    const intake = await product.request('POST', '/api/v1/intake', { body: intakeBody({ municipalities: ['bracke'] }), apiKey: key });
    expect(intake.status).toBe(202);
    const read = await product.request('GET', `/api/v1/cases/${intake.body.caseId}`, { token });
    expect(read.status).toBe(200);
    expect(read.body.source).toMatchObject({ name: 'bracke.se', kind: 'municipality-site' });

    await run('npm', ['run', '-s', 'cli', '--', 'coordinator', 'revoke', '--email', `ny.${product.tag}@test.local`], { env });
    expect((await product.request('GET', `/api/v1/cases/${intake.body.caseId}`, { token })).status).toBe(401);

    const invalid = await run('npm', ['run', '-s', 'cli', '--', 'source', 'add', '--name', 'x', '--kind', 'municipality-site'], { env }).catch((error) => error);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('--municipality');
  });
});

describe('protection at the edge', () => {
  it('sends security headers and allows intake from the configured form origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${product.baseUrl}/api/v1/intake`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' },
      });
    const allowed = await preflight('https://tasteget.nu');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://tasteget.nu');
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    const health = await fetch(`${product.baseUrl}/healthz`);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(health.headers.get('x-powered-by')).toBeNull();
  });

  it('answers 503 problem+json, not 500, while the database is unreachable', async () => {
    const { createDatabase } = await import('../platform/database.js');
    const unreachable = createDatabase('postgresql://postgres:postgres@127.0.0.1:9/none', 1);
    const api = await product.serveWithDatabase(unreachable);
    try {
      const response = await fetch(`${api.baseUrl}/api/v1/intake`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': product.sources.tasteget.key },
        body: JSON.stringify(intakeBody()),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.headers.get('retry-after')).toBe('5');
      const health = await fetch(`${api.baseUrl}/healthz`);
      expect(health.status).toBe(503);
    } finally {
      api.close();
      await unreachable.$disconnect();
    }
  });
});
