// Personal data stays out of Temporal and the logs (MISSION.md §4, issue: Trust): a full
// scenario runs every workflow kind, then every history and log line is searched.
import { randomBytes, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({
    name: 'privacy',
    config: { REVIEW_REMIND_AFTER: '1 second', REVIEW_CLOSE_AFTER: '2 seconds', REVIEW_PROGRESS_REFRESH: '1 second' },
  });
});
afterAll(async () => {
  await product?.close();
});

describe('personal data in Temporal and logs', () => {
  it('finds no names, emails, phone numbers or message text in any workflow history or log line', async () => {
    const person = intakeBody({
      firstName: 'Hemligfornamn',
      lastName: 'Hemligefternamn',
      email: 'hemlig.person@example.se',
      phone: '+46705559876',
      message: 'Hemligt meddelande om familjen',
      newsletter: true,
    });
    const token = product.coordinators.are.token;
    const admin = product.coordinators.admin.token;
    const intake = await product.intake(person);
    await product.request('GET', `/api/v1/contacts?q=${encodeURIComponent(person.email)}`, { token });
    await product.request('POST', `/api/v1/contacts/${intake.body.contactId}/activities`, {
      token,
      body: { type: 'email', direction: 'outbound', summary: 'Hemligt svar till personen' },
    });
    await product.request('POST', `/api/v1/cases/${intake.body.caseId}/transfer`, { token, body: { to: 'berg', note: 'Hemlig notering' } });
    await product.request('POST', `/api/v1/cases/${intake.body.caseId}/close`, { token, body: { note: 'Hemlig stängning' } });

    const subscriber = await product.db.contact.create({
      data: {
        id: randomUUID(),
        firstName: 'Prenumerantnamn',
        lastName: 'Efternamnsson',
        email: 'prenumerant.hemlig@example.se',
        preferredContactMethod: 'email',
        chosenMunicipalities: ['are'],
        consentAt: new Date(),
        consentSource: 'test',
        lastActivityAt: DateTime.now().minus({ years: 7 }).toJSDate(),
        newsletterStatus: 'subscribed',
        newsletterToken: randomBytes(24).toString('base64url'),
      },
    });
    const campaign = await product.request('POST', '/api/v1/campaigns', {
      token: admin,
      body: { kind: 'newsletter', title: 'Nytt', text: { sv: 'Hej' }, filter: { municipalities: ['are'] } },
    });
    await product.request('POST', `/api/v1/campaigns/${campaign.body.id}/start`, { token: admin });
    await product.temporal.workflow.getHandle(campaign.body.workflowId).result();

    const review = await product.request('POST', '/api/v1/admin/reviews', { token: admin });
    await product.temporal.workflow.getHandle(review.body.id).result();

    await product.db.contact.update({ where: { id: subscriber.id }, data: { newsletterStatus: 'unsubscribed' } });
    const retention = await product.request('POST', '/api/v1/admin/retention-runs', { token: admin });
    await eventually(
      () => product.request('GET', `/api/v1/admin/retention-runs/${retention.body.id}`, { token: admin }),
      (response) => response.body.status === 'awaiting-approval',
      { what: 'retention selection' },
    );
    await product.request('POST', `/api/v1/admin/retention-runs/${retention.body.id}/approve`, { token: admin });
    await product.temporal.workflow.getHandle(retention.body.id).result();

    const secrets = [
      'Hemligfornamn', 'Hemligefternamn', 'hemlig.person@example.se', '705559876', 'Hemligt meddelande', 'Hemligt svar',
      'Hemlig notering', 'Hemlig stängning', 'Prenumerantnamn', 'Efternamnsson', 'prenumerant.hemlig@example.se',
    ];
    const kinds = new Set<string>();
    let histories = 0;
    for await (const execution of product.temporal.workflow.list({ query: `TaskQueue = '${product.taskQueue}'` })) {
      kinds.add(execution.type);
      const history = await product.temporal.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
      const text = JSON.stringify(history, (_key, value) => (value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value));
      for (const secret of secrets) expect(text, `${execution.type} ${execution.workflowId}`).not.toContain(secret);
      histories += 1;
    }
    expect([...kinds].sort()).toEqual(
      ['campaignWorkflow', 'caseWorkflow', 'moveStatusReviewWorkflow', 'newsletterConfirmationWorkflow', 'retentionWorkflow'].sort(),
    );
    expect(histories).toBeGreaterThanOrEqual(5);

    const logs = product.logLines.join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [...secrets, product.coordinators.are.token, product.sources.tasteget.key]) expect(logs).not.toContain(secret);
  });
});
