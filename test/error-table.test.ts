// The one table from errors to HTTP: coded domain errors, and a database that is busy or
// unreachable answers 503 problem+json with Retry-After, never a 500.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemFor } from '../api/error-table.js';
import { conflict, DomainError, notFound, rejected } from '../domain/errors.js';
import { idempotencyLockKey } from '../platform/advisory-lock.js';
import { Prisma } from '../prisma/generated/client.js';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

const prismaError = (code: string) => new Prisma.PrismaClientKnownRequestError('Transaction already closed', { code, clientVersion: '6.19.3' });

describe('error table', () => {
  it.each([
    ['not found', notFound('Case'), 404, 'not-found', 'Case not found'],
    ['conflict', conflict('The case is closed.'), 409, 'conflict', 'Conflict'],
    ['rejected', rejected('', [{ field: 'caseId', message: 'no such case' }]), 422, 'validation', 'The request is not valid'],
    ['too large', new DomainError('too-large', 'The message is too large'), 413, 'too-large', 'The message is too large'],
    ['unavailable', new DomainError('unavailable', 'Temporal is down'), 503, 'unavailable', 'Service temporarily unavailable'],
    ['transaction timeout (P2028)', prismaError('P2028'), 503, 'unavailable', 'Service temporarily unavailable'],
    ['pool timeout (P2024)', prismaError('P2024'), 503, 'unavailable', 'Service temporarily unavailable'],
    ['too many connections (P2037)', prismaError('P2037'), 503, 'unavailable', 'Service temporarily unavailable'],
    ['server unreachable (P1001)', prismaError('P1001'), 503, 'unavailable', 'Service temporarily unavailable'],
  ])('%s → %i', (_name, error, status, slug, title) => {
    expect(problemFor(error)).toMatchObject({ status, slug, title });
  });

  it('leaves a bug a bug (500, logged)', () => {
    expect(problemFor(new TypeError('x is undefined'))).toBeUndefined();
    expect(problemFor(prismaError('P2002'))).toBeUndefined();
  });
});

describe('a database transaction that times out', () => {
  let product: TestProduct;
  beforeAll(async () => {
    product = await startTestProduct({ name: 'txtimeout' });
  });
  afterAll(async () => {
    await product?.close();
  });

  it('answers 503 with Retry-After, writes nothing, and the retry with the same key succeeds', async () => {
    const contactId = (await product.intake(intakeBody())).body.contactId as string;
    const coordinator = product.coordinators.are;
    const key = `busy-${Date.now()}`;
    // Another instance holds the idempotency lock longer than the transaction may last.
    const holder = new pg.Client({ connectionString: product.databaseUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [idempotencyLockKey(`activity:${coordinator.id}`, key)]);
    const startedAt = Date.now();
    const answer = product.request('POST', `/api/v1/contacts/${contactId}/activities`, {
      token: coordinator.token,
      headers: { 'idempotency-key': key },
      body: { type: 'note', summary: 'Väntar på låset' },
    });
    await eventually(
      async () => (await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).rows[0].n as number,
      (waiting) => waiting > 0,
      { what: 'the request waiting for the lock' },
    );
    // Prisma's default interactive-transaction timeout is 5 s; hold the lock past it.
    await eventually(async () => Date.now() - startedAt, (elapsed) => elapsed > 6_000, { what: 'the transaction timeout to pass', timeoutMs: 20_000 });
    await holder.query('ROLLBACK');
    await holder.end();

    const response = await answer;
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ type: 'https://inflyttarvagledning.se/problems/unavailable', status: 503 });
    expect(await product.db.activity.count({ where: { contactId, summary: 'Väntar på låset' } })).toBe(0);

    const retry = await product.request('POST', `/api/v1/contacts/${contactId}/activities`, {
      token: coordinator.token,
      headers: { 'idempotency-key': key },
      body: { type: 'note', summary: 'Väntar på låset' },
    });
    expect(retry.status).toBe(201);
    expect(await product.db.activity.count({ where: { contactId, summary: 'Väntar på låset' } })).toBe(1);
  });
});
