import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../platform/database.js';
import { startCuttableProxy } from './support/fault-tools.js';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({ name: 'limits', config: { INTAKE_RATE_LIMIT_PER_MINUTE: '3', FAILED_AUTH_LIMIT_PER_MINUTE: '4' } });
});
afterAll(async () => {
  await product?.close();
});

/** A valid intake whose client goes away mid-body, after the server has taken the request. */
function abortedIntake(baseUrl: string, apiKey: string): Promise<void> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(
        `POST /api/v1/intake HTTP/1.1\r\nHost: ${hostname}\r\nX-Api-Key: ${apiKey}\r\nContent-Type: application/json\r\n` +
          'Content-Length: 400\r\nExpect: 100-continue\r\n\r\n',
      );
    });
    socket.once('data', (chunk) => {
      // "100 Continue": the request is in the app; half a body, then the client is gone.
      expect(String(chunk)).toContain('100 Continue');
      socket.write('{"firstName":"An');
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

describe('rate limits', () => {
  it('limits intake per source key with a 429 problem+json, leaving other sources alone', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await product.intake(intakeBody(), 'tasteget')).status);
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    const limited = await product.intake(intakeBody(), 'tasteget');
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(limited.headers.get('ratelimit-policy')).toContain('q=3');
    expect((await product.intake(intakeBody(), 'manual')).status).toBe(202);
  });

  it('never counts valid requests against the failed-authentication limit, however many run at once', async () => {
    const token = product.coordinators.are.token;
    const statuses = await Promise.all(Array.from({ length: 60 }, () => product.request('GET', '/api/v1/cases', { token }).then((r) => r.status)));
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });

  it('does not count valid requests whose client went away', async () => {
    for (let i = 0; i < 31; i++) await abortedIntake(product.baseUrl, product.sources.manual.key);
    expect((await product.request('GET', '/api/v1/cases', { token: product.coordinators.are.token })).status).toBe(200);
    expect((await product.request('GET', '/api/v1/newsletter/unsubscribe?token=unknown-token-000000')).status).toBe(404);
  });

  it('answers valid intakes with 503 and Retry-After, not 429, while PostgreSQL does not answer', async () => {
    const target = new URL(product.databaseUrl);
    const proxy = await startCuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(product.databaseUrl);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const db = createDatabase(viaProxy.toString(), 2, { queryTimeoutMs: 3_000 });
    const api = await product.serveWithDatabase(db);
    try {
      // The key is checked once while the database answers; then it stops answering.
      await db.$queryRaw`SELECT 1`;
      proxy.pause();
      // Three: the intake limit of this file's source key (3 a minute) stays out of the way.
      const answers = await Promise.all(
        Array.from({ length: 3 }, async () => {
          const response = await fetch(`${api.baseUrl}/api/v1/intake`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': product.sources.import.key },
            body: JSON.stringify(intakeBody()),
          });
          return { status: response.status, retryAfter: response.headers.get('retry-after') };
        }),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(3).fill(503));
      expect(answers.every((answer) => Number(answer.retryAfter) > 0)).toBe(true);
    } finally {
      proxy.resume();
      api.close();
      await db.$disconnect();
      await proxy.close();
    }
  }, 120_000);

  it('slows down guessing of secrets with 429 after the configured number of failures', async () => {
    const guesses = [];
    for (let i = 0; i < 6; i++) guesses.push((await product.request('GET', '/api/v1/cases', { token: `ivc_guess-${i}-xxxxxxxxxxxx` })).status);
    expect(guesses).toEqual([401, 401, 401, 401, 429, 429]);
    const locked = await product.request('GET', '/api/v1/cases', { token: `ivc_guess-7-xxxxxxxxxxxx` });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // TRUST_PROXY is off by default: a forged X-Forwarded-For is no way around the limit.
    const forged = await product.request('GET', '/api/v1/cases', { token: 'ivc_guess-8-xxxxxxxxxxxx', headers: { 'x-forwarded-for': '198.51.100.7' } });
    expect(forged.status).toBe(429);
  });
});
