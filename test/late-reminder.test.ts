// Issue 14: a worker that reaches the reminder after its time (a backlog) still sends
// it, exactly once and never after the escalation, even when the backlog outlasted the
// deadline; only a case that was past its deadline when it started gets none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { eventually } from './support/wait.js';

const DUE_AFTER_MS = 8_000;
let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct({
    name: 'latereminder',
    // The reminder time is already behind when the workflow loads its plan.
    deadlines: (receivedAt) => ({
      reminderAt: new Date(receivedAt.getTime() - 60_000),
      firstReplyDueAt: new Date(receivedAt.getTime() + DUE_AFTER_MS),
      secondEscalationAt: new Date(receivedAt.getTime() + 3_600_000),
    }),
  });
});
afterAll(async () => {
  await product?.close();
});

const escalationRecorded = (caseId: string) =>
  eventually(() => product.db.case.findUniqueOrThrow({ where: { id: caseId } }), (row) => row.escalationLevel === 1, {
    what: 'first escalation recorded',
    timeoutMs: 30_000,
  });

describe('late reminder', () => {
  it('sends a reminder that is late but before the deadline exactly once, before the escalation', async () => {
    const body = intakeBody({ municipalities: ['berg'] });
    const intake = await product.intake(body);
    expect(intake.status).toBe(202);
    const about = (mail: { text: string }) => mail.text.includes(body.lastName);
    const unitEmail = product.coordinators.berg.email;

    const [reminder] = await product.mailbox.waitFor(
      (mail) => about(mail) && product.mailbox.addressedTo(mail, unitEmail) && mail.subject.startsWith('Påminnelse'),
    );
    await escalationRecorded(intake.body.caseId);
    const [escalation] = await product.mailbox.waitFor((mail) => about(mail) && mail.subject.includes('nivå 1'));
    expect(Date.parse(reminder!.date)).toBeLessThanOrEqual(Date.parse(escalation!.date));

    const reminders = (await product.mailbox.all()).filter((mail) => about(mail) && mail.subject.startsWith('Påminnelse'));
    expect(reminders).toHaveLength(1);
    const delivery = await product.db.emailDelivery.findUnique({ where: { idempotencyKey: `case:${intake.body.caseId}:reminder` } });
    expect(delivery?.status).toBe('sent');
  }, 60_000);

  it('still sends the reminder when a backlog brings the workflow to it after the deadline, then the escalation', async () => {
    // No worker while the case is taken in and its deadline passes: the backlog.
    await product.stopWorker();
    const body = intakeBody({ municipalities: ['berg'] });
    const intake = await product.intake(body);
    expect(intake.status).toBe(202);
    const dueAt = Date.parse(intake.body.receivedAt) + DUE_AFTER_MS;
    await eventually(async () => Date.now(), (now) => now > dueAt + 1_000, { what: 'the deadline passed', timeoutMs: DUE_AFTER_MS + 10_000 });
    await product.startWorker();

    const about = (mail: { text: string }) => mail.text.includes(body.lastName);
    const unitEmail = product.coordinators.berg.email;
    const [reminder] = await product.mailbox.waitFor((mail) => about(mail) && product.mailbox.addressedTo(mail, unitEmail) && mail.subject.startsWith('Påminnelse'));
    await escalationRecorded(intake.body.caseId);
    const [escalation] = await product.mailbox.waitFor((mail) => about(mail) && mail.subject.includes('nivå 1'));
    expect(Date.parse(reminder!.date)).toBeLessThanOrEqual(Date.parse(escalation!.date));
    expect((await product.mailbox.all()).filter((mail) => about(mail) && mail.subject.startsWith('Påminnelse'))).toHaveLength(1);
  }, 90_000);

  it('sends no reminder for a case whose deadline had passed before its workflow started: the escalation comes alone', async () => {
    // A back-dated import: reminder time and deadline are both behind at the start.
    const body = intakeBody({ municipalities: ['berg'], receivedAt: new Date(Date.now() - 30_000).toISOString() });
    const intake = await product.intake(body, 'import');
    expect(intake.status).toBe(202);
    await escalationRecorded(intake.body.caseId);
    await product.mailbox.waitFor((mail) => mail.text.includes(body.lastName) && mail.subject.includes('nivå 1'));
    const mails = (await product.mailbox.all()).filter((mail) => mail.text.includes(body.lastName));
    expect(mails.filter((mail) => mail.subject.startsWith('Påminnelse'))).toEqual([]);
    expect(await product.db.emailDelivery.count({ where: { idempotencyKey: `case:${intake.body.caseId}:reminder` } })).toBe(0);
  }, 60_000);
});
