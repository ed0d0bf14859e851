// The contact card and the case view are read from the database: with no worker to answer
// a live query they still answer, and show what the rows hold.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({ name: 'card-no-worker' });
});
afterAll(async () => {
  await product?.startWorker().catch(() => undefined);
  await product?.close();
});

// The bound is not a speed target: without a deadline on the live query the card waits
// until the Temporal server gives up on the query, far beyond it.
it('answers with the rows while no worker runs', { timeout: 20_000 }, async () => {
  const intake = await product.intake(intakeBody());
  expect(intake.status).toBe(202);
  const { contactId, caseId } = intake.body;
  const token = product.coordinators.are.token;
  // The workflow has taken the case once its plan is written back.
  await eventually(
    () => product.request('GET', `/api/v1/cases/${caseId}`, { token }),
    (view) => view.status === 200 && view.body.status === 'awaiting-reply',
    { what: 'the case awaiting its first reply' },
  );

  await product.stopWorker();
  // What an escalation activity writes, without a worker to report it live.
  await product.db.case.update({ where: { id: caseId }, data: { overdue: true, escalationLevel: 1 } });

  const card = await product.request('GET', `/api/v1/contacts/${contactId}`, { token });
  expect(card.status).toBe(200);
  expect(card.body.cases).toEqual([expect.objectContaining({ caseId, status: 'awaiting-reply', overdue: true, escalationLevel: 1 })]);
  const view = await product.request('GET', `/api/v1/cases/${caseId}`, { token });
  expect(view.status).toBe(200);
  expect(view.body).toMatchObject({ caseId, status: 'awaiting-reply', overdue: true, escalationLevel: 1 });

});
