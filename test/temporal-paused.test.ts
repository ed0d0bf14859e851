// Issue 12 item 6: while the Temporal frontend hangs, a valid intake is answered with
// 503 and Retry-After (never 429, never an open request), nothing is written, and
// intake recovers by itself when Temporal answers again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startCuttableProxy } from './support/fault-tools.js';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

let product: TestProduct;
let proxy: Awaited<ReturnType<typeof startCuttableProxy>>;

beforeAll(async () => {
  const [host, port] = inject('harness').temporalAddress.split(':');
  proxy = await startCuttableProxy({ host: host!, port: Number(port) });
  product = await startTestProduct({ name: 'temporalpaused', temporalAddress: `127.0.0.1:${proxy.port}`, config: { FAILED_AUTH_LIMIT_PER_MINUTE: '4' } });
});
afterAll(async () => {
  proxy?.resume();
  await product?.close();
  await proxy?.close();
});

describe('Temporal does not answer', () => {
  it('answers valid intakes with 503 and Retry-After, writes nothing, and recovers', async () => {
    expect((await product.intake(intakeBody())).status).toBe(202);
    const before = await product.db.case.count();
    proxy.pause();
    try {
      const answers = await Promise.all(Array.from({ length: 6 }, () => product.intake(intakeBody())));
      expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(503));
      expect(answers[0]!.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(answers[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await product.db.case.count()).toBe(before);
    } finally {
      proxy.resume();
    }
    const after = await eventually(() => product.intake(intakeBody()), (answer) => answer.status === 202, { what: 'intake recovers', timeoutMs: 60_000 });
    expect(after.status).toBe(202);
  }, 120_000);
});
