// Issue 14, target 1: past INTAKE_MAX_IN_FLIGHT intakes in progress, the API refuses more
// at once with 503 and Retry-After, writes nothing for them, and admits again as soon as
// one finishes.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({ name: 'admission', config: { INTAKE_MAX_IN_FLIGHT: '1' } });
});
afterAll(async () => {
  await product?.close();
});

/** An intake whose body is still on its way: it holds its place until `finish` sends the rest. */
async function heldIntake(body: string) {
  const { hostname, port } = new URL(product.baseUrl);
  const socket = net.connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk) => (received += String(chunk)));
  socket.write(
    `POST /api/v1/intake HTTP/1.1\r\nHost: ${hostname}\r\nX-Api-Key: ${product.sources.tasteget.key}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
  );
  await eventually(async () => received, (text) => text.includes('100 Continue'), { what: '100 Continue' });
  return {
    async finish() {
      socket.write(body);
      await new Promise((resolve) => socket.once('close', resolve));
      return Number(/HTTP\/1\.1 (\d{3})/g.exec(received.slice(received.indexOf('\r\n\r\n') + 4))?.[1]);
    },
  };
}

describe('intake admission control', () => {
  it('answers 503 problem+json with Retry-After while the bound is reached, writes nothing, and admits again after', async () => {
    const held = await heldIntake(JSON.stringify(intakeBody()));
    // The held request passes the earlier middleware asynchronously: probe with a body that
    // would be refused (422) once admitted, until the bound answers instead.
    const refused = await eventually(() => product.intake({}), (answer) => answer.status === 503, { what: 'the bound reached' });
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body).toMatchObject({ status: 503, title: 'Too many requests in progress' });

    const casesBefore = await product.db.case.count();
    const valid = intakeBody();
    expect((await product.intake(valid)).status).toBe(503);
    expect(await product.db.contact.count({ where: { email: valid.email } })).toBe(0);
    expect(await product.db.case.count()).toBe(casesBefore);

    expect(await held.finish()).toBe(202);
    const admitted = await product.intake(valid);
    expect(admitted.status).toBe(202);
    expect(await product.db.contact.count({ where: { email: valid.email } })).toBe(1);
  });
});
