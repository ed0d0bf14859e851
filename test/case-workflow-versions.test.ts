// The case workflow's steps run as local activities since #14, each behind its own patch.
// A history recorded by the code before that change (test/fixtures, recorded through a
// whole case: first emails, reminder, both escalations, transfer, reply, close) must still
// replay; a new case must reach its timers in the one workflow task the change is for.
import { readFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';
const scheduledActivities = (events: HistoryEvent[]) => events.flatMap((event) => (event.activityTaskScheduledEventAttributes ? [event.activityTaskScheduledEventAttributes.activityType?.name] : []));
const localActivities = (events: HistoryEvent[]) => events.filter((event) => event.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER).length;

let product: TestProduct;
beforeAll(async () => {
  product = await startTestProduct({ name: 'versions' });
});
afterAll(async () => {
  await product?.close();
});

describe('case workflow versions', () => {
  it('replays a whole case recorded before its steps became local activities', async () => {
    const history = temporal.api.history.v1.History.decode(readFileSync(new URL('./fixtures/case-history-before-local-activities.bin', import.meta.url)));
    const events = history.events ?? [];
    // The recording is what it claims: every step an activity task, the case closed.
    expect(scheduledActivities(events)).toEqual(
      expect.arrayContaining(['loadCasePlan', 'notifyCaseAssigned', 'sendIntakeReceipt', 'sendFirstReplyReminder', 'escalateOverdueCase', 'recordCaseClosed']),
    );
    expect(localActivities(events)).toBe(0);
    expect(events.at(-1)?.workflowExecutionCompletedEventAttributes).toBeTruthy();

    await expect(Worker.runReplayHistory({ workflowBundle: { codePath: inject('harness').workflowBundlePath } }, history, 'recorded-case')).resolves.toBeUndefined();
  });

  it('takes a new case to its timers in one workflow task, with its search attributes as the intake set them', async () => {
    const intake = await product.intake(intakeBody({ municipalities: ['are'] }));
    const handle = product.temporal.workflow.getHandle(intake.body.workflowId);
    const events = await eventually(
      async () => (await handle.fetchHistory()).events ?? [],
      (history) => history.some((event) => event.timerStartedEventAttributes),
      { what: 'the case waiting on its reminder timer' },
    );
    const completedTasks = events.filter((event) => event.workflowTaskCompletedEventAttributes).length;
    expect({ scheduledActivities: scheduledActivities(events), localActivities: localActivities(events), completedTasks }).toEqual({
      scheduledActivities: [],
      // loadCasePlan, notifyCaseAssigned and sendIntakeReceipt.
      localActivities: 3,
      completedTasks: 1,
    });
    // Nothing had changed since the start: no case attribute was written again (the SDK
    // writes the patch it took into TemporalChangeVersion).
    const upserted = events.flatMap((event) => Object.keys(event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}));
    expect(upserted).toEqual(['TemporalChangeVersion']);
    const described = await handle.describe();
    const attribute = (name: string) => described.typedSearchAttributes.getAll().find((pair) => pair.key.name === name)?.value;
    expect({ unit: attribute('Unit'), status: attribute('CaseStatus'), overdue: attribute('Overdue'), level: attribute('EscalationLevel') }).toEqual({
      unit: 'are',
      status: 'awaiting-reply',
      overdue: false,
      level: 0,
    });
    const emails = await product.db.emailDelivery.findMany({ where: { caseId: intake.body.caseId }, select: { idempotencyKey: true, status: true } });
    expect(emails.map((email) => `${email.idempotencyKey.split(':').at(-1)} ${email.status}`).sort()).toEqual(['assigned sent', 'receipt sent']);
  });
});
