// MISSION §7: the yearly move-status review, run for real through its Temporal Schedule
// with periods shortened through configuration.
import { randomUUID } from 'node:crypto';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewProgressQuery } from '../workflows/maintenance-definitions.js';
import { syncSchedules } from '../platform/schedules.js';
import { startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({
    name: 'review',
    config: { REVIEW_REMIND_AFTER: '4 seconds', REVIEW_CLOSE_AFTER: '8 seconds', REVIEW_PROGRESS_REFRESH: '1 second' },
  });
});
afterAll(async () => {
  await product?.close();
});

async function seedContact(chosen: string[], moveStatus: string, label: string) {
  return product.db.contact.create({
    data: {
      id: randomUUID(),
      firstName: label,
      lastName: 'Testsson',
      email: `${label.toLowerCase()}.${product.tag}@example.se`,
      preferredContactMethod: 'email',
      chosenMunicipalities: chosen,
      moveStatus,
      consentAt: new Date(),
      consentSource: 'test',
      lastActivityAt: new Date('2026-01-01T00:00:00Z'),
    },
  });
}

describe('move-status review', () => {
  it('keeps both maintenance schedules in Temporal with the configured specs, idempotently', async () => {
    const review = await product.temporal.schedule.getHandle(product.scheduleIds.review).describe();
    const retention = await product.temporal.schedule.getHandle(product.scheduleIds.retention).describe();
    expect(review.spec.timezone).toBe('Europe/Stockholm');
    expect(review.spec.calendars?.[0]).toMatchObject({
      month: [{ start: 'JANUARY', end: 'JANUARY', step: 1 }],
      dayOfMonth: [{ start: 15, end: 15, step: 1 }],
      hour: [{ start: 7, end: 7, step: 1 }],
      minute: [{ start: 0, end: 0, step: 1 }],
    });
    expect(retention.spec.calendars?.[0]).toMatchObject({
      month: [{ start: 'FEBRUARY', end: 'FEBRUARY', step: 1 }],
      dayOfMonth: [{ start: 1, end: 1, step: 1 }],
      hour: [{ start: 7, end: 7, step: 1 }],
    });
    expect(review.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(review.action).toMatchObject({ type: 'startWorkflow', workflowType: 'moveStatusReviewWorkflow', taskQueue: product.taskQueue });

    // Syncing again (a second worker starting) changes nothing; a new spec is applied in place.
    await syncSchedules(product.temporal, product.scheduleConfig);
    await syncSchedules(product.temporal, { ...product.scheduleConfig, retentionCron: '30 6 3 3 *' });
    const updated = await product.temporal.schedule.getHandle(product.scheduleIds.retention).describe();
    expect(updated.spec.calendars?.[0]).toMatchObject({ month: [{ start: 'MARCH', end: 'MARCH', step: 1 }], hour: [{ start: 6, end: 6, step: 1 }] });
    await syncSchedules(product.temporal, product.scheduleConfig);
  });

  it('builds one list per unit, takes outcomes, reminds units with open items, and closes with a stored result', async () => {
    const both = await seedContact(['are', 'krokom'], 'considering', 'Both');
    const none = await seedContact([], 'unknown', 'None');
    const single = await seedContact(['berg'], 'considering', 'Single');
    await seedContact(['are'], 'moved', 'Moved');
    await seedContact(['ostersund'], 'not-moving', 'Final');
    const admin = product.coordinators.admin.token;

    const start = await product.request('POST', '/api/v1/admin/reviews', { token: admin });
    expect(start.status).toBe(202);
    const reviewId: string = start.body.id;
    const again = await product.request('POST', '/api/v1/admin/reviews', { token: admin });
    expect(again.status).toBe(409);
    const notAdmin = await product.request('POST', '/api/v1/admin/reviews', { token: product.coordinators.are.token });
    expect(notAdmin.status).toBe(403);

    const review = await eventually(
      () => product.request('GET', `/api/v1/reviews/${reviewId}`, { token: product.coordinators.are.token }),
      (response) => response.status === 200 && response.body.units.length > 0,
      { what: 'review lists built' },
    );
    expect(review.body.units).toEqual([
      { unit: 'are', total: 1, reviewed: 0, open: 1 },
      { unit: 'berg', total: 1, reviewed: 0, open: 1 },
      { unit: 'krokom', total: 1, reviewed: 0, open: 1 },
      { unit: 'region', total: 1, reviewed: 0, open: 1 },
    ]);
    expect(review.body.items.map((item: { unit: string; contactId: string }) => `${item.unit}:${item.contactId}`).sort()).toEqual(
      [`are:${both.id}`, `krokom:${both.id}`, `berg:${single.id}`, `region:${none.id}`].sort(),
    );
    for (const unit of ['are', 'krokom', 'berg', 'region'] as const) {
      await product.mailbox.waitFor(
        (mail) => product.mailbox.addressedTo(mail, product.coordinators[unit].email) && mail.subject.startsWith('Flyttstatusgenomgång: 1 kontakter'),
      );
    }

    const moved = await product.request('PATCH', `/api/v1/contacts/${both.id}/move-status`, {
      token: product.coordinators.are.token,
      body: { moveStatus: 'moved', municipality: 'are', movedOn: '2026-10-01' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ moveStatus: 'moved', movedTo: { municipality: 'are', on: '2026-10-01' }, reviewItemsUpdated: 2 });
    const unchanged = await product.request('POST', `/api/v1/reviews/${reviewId}/items/${single.id}/reviewed`, {
      token: product.coordinators.berg.token,
      body: {},
    });
    expect(unchanged.status).toBe(200);
    const badMove = await product.request('PATCH', `/api/v1/contacts/${none.id}/move-status`, {
      token: product.coordinators.region.token,
      body: { moveStatus: 'moved' },
    });
    expect(badMove.status).toBe(422);

    // Progress is also a workflow query, as the Web UI shows it.
    const progress = await eventually(
      () => product.temporal.workflow.getHandle(reviewId).query(reviewProgressQuery),
      (p) => p.units.filter((unit) => unit.open === 0).length === 3,
      { what: 'workflow progress refreshed' },
    );
    expect(progress.units.find((unit) => unit.unit === 'region')).toMatchObject({ open: 1, reviewed: 0 });

    const [reminder] = await product.mailbox.waitFor(
      (mail) => product.mailbox.addressedTo(mail, product.coordinators.region.email) && mail.subject.startsWith('Påminnelse flyttstatusgenomgång'),
    );
    expect(reminder!.subject).toContain('1 av 1 kvar');
    const remindedDone = (await product.mailbox.to(product.coordinators.berg.email)).filter((mail) => mail.subject.startsWith('Påminnelse flyttstatus'));
    expect(remindedDone).toEqual([]);

    const result = await product.temporal.workflow.getHandle(reviewId).result();
    expect(result.status).toBe('closed');
    const stored = await product.db.moveStatusReview.findUniqueOrThrow({ where: { id: reviewId } });
    expect(stored.status).toBe('closed');
    expect(stored.result).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ unit: 'are', reviewed: 1, open: 0, outcomes: { moved: 1 } }),
        expect.objectContaining({ unit: 'berg', reviewed: 1, outcomes: { unchanged: 1 } }),
        expect.objectContaining({ unit: 'region', reviewed: 0, open: 1, outcomes: {} }),
      ]),
    );
  });
});
