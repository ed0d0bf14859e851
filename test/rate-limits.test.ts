import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({ name: 'limits', config: { INTAKE_RATE_LIMIT_PER_MINUTE: '3', FAILED_AUTH_LIMIT_PER_MINUTE: '4' } });
});
afterAll(async () => {
  await product?.close();
});

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

  it('slows down guessing of secrets with 429 after the configured number of failures', async () => {
    const guesses = [];
    for (let i = 0; i < 6; i++) guesses.push((await product.request('GET', '/api/v1/cases', { token: `ivc_guess-${i}-xxxxxxxxxxxx` })).status);
    expect(guesses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
