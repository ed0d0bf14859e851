// GDPR: the right of access, erasure on request, and the access log (issue: Trust).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({ name: 'gdpr' });
});
afterAll(async () => {
  await product?.close();
});

describe('personal data', () => {
  it('exports everything held about a person, erases it on request, and logs who touched the card', async () => {
    const body = intakeBody();
    const intake = await product.intake(body);
    const coordinator = product.coordinators.are;
    const admin = product.coordinators.admin;
    await product.request('POST', `/api/v1/contacts/${intake.body.contactId}/activities`, {
      token: coordinator.token,
      body: { type: 'note', summary: 'Ringer nästa vecka' },
    });
    await product.request('GET', `/api/v1/contacts/${intake.body.contactId}`, { token: coordinator.token });

    expect((await product.request('GET', `/api/v1/contacts/${intake.body.contactId}/export`, { token: coordinator.token })).status).toBe(403);
    const exported = await product.request('GET', `/api/v1/contacts/${intake.body.contactId}/export`, { token: admin.token });
    expect(exported.status).toBe(200);
    expect(exported.body.contact).toMatchObject({ email: body.email, firstName: body.firstName, message: body.message });
    expect(exported.body.contact.cases).toHaveLength(1);
    expect(exported.body.contact.activities.map((a: { summary: string }) => a.summary)).toContain('Ringer nästa vecka');
    expect(exported.body.contact).not.toHaveProperty('newsletterToken');

    const withoutReason = await product.request('DELETE', `/api/v1/contacts/${intake.body.contactId}`, { token: admin.token, body: {} });
    expect(withoutReason.status).toBe(422);
    const erased = await product.request('DELETE', `/api/v1/contacts/${intake.body.contactId}`, {
      token: admin.token,
      body: { reason: 'request-by-person' },
    });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ erased: true, cases: 1, activities: 1 });
    expect(await product.db.contact.count({ where: { id: intake.body.contactId } })).toBe(0);
    expect(await product.db.case.count({ where: { id: intake.body.caseId } })).toBe(0);
    expect(await product.db.emailDelivery.count({ where: { caseId: intake.body.caseId } })).toBe(0);
    expect((await product.temporal.workflow.getHandle(intake.body.workflowId).describe()).status.name).toBe('TERMINATED');
    const audit = await product.db.auditRecord.findFirstOrThrow({ where: { kind: 'erasure', subjectId: intake.body.contactId } });
    expect(JSON.stringify(audit)).not.toContain(body.email);
    expect(JSON.stringify(audit)).not.toContain(body.lastName);
    const again = await product.request('DELETE', `/api/v1/contacts/${intake.body.contactId}`, { token: admin.token, body: { reason: 'request-by-person' } });
    expect(again.status).toBe(404);

    const log = await product.request('GET', `/api/v1/admin/access-log?contactId=${intake.body.contactId}`, { token: admin.token });
    expect(log.body.items.map((entry: { action: string; coordinatorId: string }) => `${entry.action}:${entry.coordinatorId}`).sort()).toEqual(
      [`erase:${admin.id}`, `export:${admin.id}`, `read:${coordinator.id}`, `write:${coordinator.id}`].sort(),
    );
    expect((await product.request('GET', '/api/v1/admin/access-log', { token: coordinator.token })).status).toBe(403);
  });
});
