// The real calendar puts deadlines days away; here the activities' deadline dependency
// puts them seconds away, so the same workflow code runs its timers for real.
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

// Seconds apart, not milliseconds: on a loaded CI machine the workflow may reach the
// reminder a few seconds late, and past the deadline a reminder is (rightly) not sent.
const REMINDER_AFTER_MS = 5_000;
const DUE_AFTER_MS = 12_000;
const SECOND_ESCALATION_AFTER_MS = 18_000;

const WORKFLOW_TASK_EVENTS = new Set([
  temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
  temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
  temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
]);

let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({
    name: 'deadlines',
    deadlines: (receivedAt) => ({
      reminderAt: new Date(receivedAt.getTime() + REMINDER_AFTER_MS),
      firstReplyDueAt: new Date(receivedAt.getTime() + DUE_AFTER_MS),
      secondEscalationAt: new Date(receivedAt.getTime() + SECOND_ESCALATION_AFTER_MS),
    }),
  });
});
afterAll(async () => {
  await product?.close();
});

const receivedTime = (mail: { date: string }) => Date.parse(mail.date);

describe('reminder and escalation timers', () => {
  it('reminds one working day before the deadline, then escalates at it and again later, on time', async () => {
    const body = intakeBody({ municipalities: ['harjedalen'] });
    const intake = await product.intake(body);
    const acceptedAt = Date.now();
    const about = (mail: { text: string }) => mail.text.includes(body.lastName);
    const to = (who: keyof TestProduct['coordinators']) => (mail: Parameters<typeof product.mailbox.addressedTo>[0]) =>
      product.mailbox.addressedTo(mail, product.coordinators[who].email);

    const [reminder] = await product.mailbox.waitFor((mail) => about(mail) && to('harjedalen')(mail) && mail.subject.startsWith('Påminnelse'));
    const [escalation] = await product.mailbox.waitFor((mail) => about(mail) && to('region')(mail) && mail.subject.includes('nivå 1'));
    const [second] = await product.mailbox.waitFor((mail) => about(mail) && to('admin')(mail) && mail.subject.includes('nivå 2'));

    // Not before their time (the sink stamps whole seconds), and not long after it.
    expect(receivedTime(reminder!)).toBeGreaterThanOrEqual(acceptedAt + REMINDER_AFTER_MS - 1_500);
    expect(receivedTime(escalation!)).toBeGreaterThanOrEqual(acceptedAt + DUE_AFTER_MS - 1_500);
    expect(receivedTime(second!)).toBeGreaterThanOrEqual(acceptedAt + SECOND_ESCALATION_AFTER_MS - 1_500);
    expect(receivedTime(second!)).toBeLessThan(acceptedAt + SECOND_ESCALATION_AFTER_MS + 15_000);
    expect(receivedTime(reminder!)).toBeLessThanOrEqual(receivedTime(escalation!));

    const overdue = await eventually(
      () => product.request('GET', `/api/v1/cases/${intake.body.caseId}`, { token: product.coordinators.harjedalen.token }),
      (response) => response.body.escalationLevel === 2,
      { what: 'second escalation recorded' },
    );
    expect(overdue.body).toMatchObject({ overdue: true, slaOutcome: 'open', status: 'awaiting-reply' });
    // Exactly one of each, even though timers and activities ran for real.
    const all = (await product.mailbox.all()).filter(about);
    expect(all.filter((mail) => to('harjedalen')(mail) && mail.subject.startsWith('Påminnelse'))).toHaveLength(1);
    expect(all.filter((mail) => to('region')(mail) && mail.subject.includes('nivå 1'))).toHaveLength(1);
  });

  it('sends no reminder or escalation once the first reply is logged', async () => {
    const body = intakeBody({ municipalities: ['stromsund'] });
    const intake = await product.intake(body);
    const reply = await product.request('POST', `/api/v1/contacts/${intake.body.contactId}/activities`, {
      body: { type: 'phone', outcome: 'reached', summary: 'Ringde direkt' },
      token: product.coordinators.stromsund.token,
    });
    expect(reply.body.cases[0]).toMatchObject({ slaOutcome: 'met' });

    // Once the workflow has settled, it holds no running timer: nothing is left that
    // could remind or escalate, and it only waits for the case to be closed.
    const handle = product.temporal.workflow.getHandle(intake.body.workflowId);
    const timers = await eventually(
      async () => {
        const events = (await handle.fetchHistory()).events ?? [];
        return {
          // Activity tasks, and local activities (recorded as markers).
          activitiesCompleted: events.filter(
            (event) => event.activityTaskCompletedEventAttributes || event.markerRecordedEventAttributes?.markerName === 'core_local_activity',
          ).length,
          // Its last workflow task completed (the commands it gave may follow it), and no
          // activity task is open.
          settled:
            events.findLast((event) => event.eventType != null && WORKFLOW_TASK_EVENTS.has(event.eventType))?.workflowTaskCompletedEventAttributes != null &&
            events.filter((event) => event.activityTaskScheduledEventAttributes).length === events.filter((event) => event.activityTaskCompletedEventAttributes).length,
          started: events.filter((event) => event.timerStartedEventAttributes).length,
          cancelled: events.filter((event) => event.timerCanceledEventAttributes).length,
          fired: events.filter((event) => event.timerFiredEventAttributes).length,
        };
      },
      // loadCasePlan, notifyCaseAssigned, sendIntakeReceipt and recordFirstReply.
      (summary) => summary.activitiesCompleted >= 4 && summary.settled,
      { what: 'workflow settled after the reply' },
    );
    expect(timers.fired).toBe(0);
    expect(timers.started).toBe(timers.cancelled);
    const mails = (await product.mailbox.all()).filter((mail) => mail.text.includes(body.lastName));
    expect(mails.map((mail) => mail.subject).filter((subject) => /Påminnelse|FÖRSENAT/.test(subject))).toEqual([]);
    const row = await product.db.case.findUniqueOrThrow({ where: { id: intake.body.caseId } });
    expect(row).toMatchObject({ overdue: false, escalationLevel: 0, slaOutcome: 'met' });
  });
});
