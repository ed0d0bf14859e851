// Faults (issue: Trust): each scenario asserts that nothing is lost or duplicated.
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../platform/database.js';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { createControllableSmtp, startCuttableProxy } from './support/fault-tools.js';
import { startRestartableTemporal } from './support/restartable-temporal.js';
import { eventually } from './support/wait.js';

const products: TestProduct[] = [];
afterAll(async () => {
  for (const product of products) await product.close();
});

describe('faults', () => {
  it('retries emails while the SMTP server is down and delivers each once when it is back; the case state stays right', async () => {
    const smtp = await createControllableSmtp();
    const product = await startTestProduct({ name: 'smtpdown', smtpUrl: smtp.url });
    products.push(product);
    const body = intakeBody();
    const intake = await product.intake(body);
    expect(intake.status).toBe(202);
    // Nothing listens: the notification's first attempt fails (its delivery record stays
    // "sending") and it is retried with backoff until it goes through, once, below.
    await eventually(
      () => product.db.emailDelivery.findUnique({ where: { idempotencyKey: `case:${intake.body.caseId}:assigned` } }),
      (row) => row?.status === 'sending',
      { what: 'notification attempted', timeoutMs: 30_000 },
    );
    expect(smtp.accepted).toHaveLength(0);
    const reply = await product.request('POST', `/api/v1/contacts/${intake.body.contactId}/activities`, {
      token: product.coordinators.are.token,
      body: { type: 'phone', outcome: 'reached', summary: 'Ringde' },
    });
    expect(reply.body.cases[0]).toMatchObject({ slaOutcome: 'met' });

    await smtp.start();
    try {
      await eventually(async () => smtp.accepted.filter((m) => m.to.includes(product.coordinators.are.email)).length, (n) => n >= 1, {
        what: 'notification delivered after the SMTP server returned',
        timeoutMs: 45_000,
      });
      // Give a duplicate every chance to show up: the delivery record says it is done.
      await eventually(() => product.db.emailDelivery.findUnique({ where: { idempotencyKey: `case:${intake.body.caseId}:assigned` } }), (row) => row?.status === 'sent', { what: 'delivery recorded' });
      expect(smtp.accepted.filter((m) => m.to.includes(product.coordinators.are.email))).toHaveLength(1);
      const row = await product.db.case.findUniqueOrThrow({ where: { id: intake.body.caseId } });
      expect(row).toMatchObject({ status: 'replied', slaOutcome: 'met', overdue: false });
    } finally {
      await smtp.stop();
    }
  }, 120_000);

  it('answers intake with 503 while PostgreSQL is unreachable, writes nothing half, and recovers by itself', async () => {
    const product = await startTestProduct({ name: 'dbdown' });
    products.push(product);
    const target = new URL(product.databaseUrl);
    const proxy = await startCuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(product.databaseUrl);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const db = createDatabase(viaProxy.toString(), 2);
    const api = await product.serveWithDatabase(db);
    const post = async () => {
      const response = await fetch(`${api.baseUrl}/api/v1/intake`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': product.sources.tasteget.key },
        body: JSON.stringify(intakeBody()),
      });
      return { status: response.status, type: response.headers.get('content-type') };
    };
    try {
      expect((await post()).status).toBe(202);
      const before = { contacts: await product.db.contact.count(), cases: await product.db.case.count() };
      proxy.cut();
      const during = await post();
      expect(during.status).toBe(503);
      expect(during.type).toContain('application/problem+json');
      expect({ contacts: await product.db.contact.count(), cases: await product.db.case.count() }).toEqual(before);
      proxy.restore();
      const after = await eventually(post, (answer) => answer.status === 202, { what: 'intake recovers', timeoutMs: 30_000 });
      expect(after.status).toBe(202);
    } finally {
      api.close();
      await db.$disconnect();
      await proxy.close();
    }
  }, 120_000);
});

describe('faults in the orchestration', () => {
  it('keeps open cases and their timers through a Temporal server restart on the same database file', async () => {
    const server = await startRestartableTemporal('restart');
    const product = await startTestProduct({
      name: 'restart',
      temporalAddress: server.address,
      deadlines: (receivedAt) => ({
        reminderAt: new Date(receivedAt.getTime() + 6_000),
        firstReplyDueAt: new Date(receivedAt.getTime() + 9_000),
        secondEscalationAt: new Date(receivedAt.getTime() + 600_000),
      }),
    });
    try {
      const body = intakeBody({ municipalities: ['berg'] });
      const intake = await product.intake(body);
      await product.mailbox.waitFor((mail) => mail.text.includes(body.lastName) && mail.subject.startsWith('Ny inflyttarkontakt'));

      await server.restart();

      const about = (mail: { text: string }) => mail.text.includes(body.lastName);
      await product.mailbox.waitFor((mail) => about(mail) && mail.subject.startsWith('Påminnelse'), { timeoutMs: 60_000 });
      await product.mailbox.waitFor((mail) => about(mail) && mail.subject.includes('nivå 1') && product.mailbox.addressedTo(mail, product.coordinators.berg.email), { timeoutMs: 60_000 });
      const row = await eventually(() => product.db.case.findUniqueOrThrow({ where: { id: intake.body.caseId } }), (c) => c.overdue, { what: 'case overdue' });
      expect(row.escalationLevel).toBe(1);
      const mails = (await product.mailbox.all()).filter(about);
      expect(mails.filter((mail) => mail.subject.startsWith('Påminnelse') && product.mailbox.addressedTo(mail, product.coordinators.berg.email))).toHaveLength(1);
    } finally {
      await product.close();
      await server.stop();
    }
  }, 180_000);

  it('sends exactly one escalation email when the worker is killed (SIGKILL) while sending it', async () => {
    const { spawn } = await import('node:child_process');
    const { DateTime } = await import('luxon');
    const { inject } = await import('vitest');
    const smtp = await createControllableSmtp({ holdWhen: (subject) => subject.includes('FÖRSENAT (nivå 1)') });
    await smtp.start();
    const product = await startTestProduct({ name: 'sigkill', smtpUrl: smtp.url });
    products.push(product);
    await product.stopWorker();
    const harness = inject('harness');
    const worker = spawn(process.execPath, ['--import', 'tsx', 'main/worker.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: product.databaseUrl,
        TEMPORAL_ADDRESS: harness.temporalAddress,
        SMTP_URL: smtp.url,
        TEMPORAL_TASK_QUEUE: product.taskQueue,
        WORKFLOW_ID_PREFIX: product.workflowIdPrefix,
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    try {
      // Back-dated so that the deadline has passed when the case starts.
      const body = intakeBody({ receivedAt: DateTime.now().setZone('Europe/Stockholm').minus({ days: 8 }).toISO(), municipalities: ['are'] });
      const intake = await product.intake(body, 'import');
      expect(intake.status).toBe(202);
      await smtp.heldMessage();
      worker.kill('SIGKILL');
      smtp.release(false);

      // A fresh worker picks the activity up again once its attempt has timed out.
      await product.startWorker();
      const escalations = () =>
        smtp.accepted.filter((message) => message.to.includes(product.coordinators.region.email) && message.subject.includes('FÖRSENAT (nivå 1)'));
      await eventually(async () => escalations().length, (count) => count >= 1, { what: 'escalation delivered after the restart', timeoutMs: 120_000 });
      const row = await eventually(() => product.db.case.findUniqueOrThrow({ where: { id: intake.body.caseId } }), (c) => c.overdue, { what: 'case overdue' });
      expect(row.escalationLevel).toBeGreaterThanOrEqual(1);
      const delivery = await product.db.emailDelivery.findUniqueOrThrow({ where: { idempotencyKey: `case:${intake.body.caseId}:escalation-1` } });
      expect(delivery.status).toBe('sent');
      expect(escalations()).toHaveLength(1);
    } finally {
      if (worker.exitCode === null) worker.kill('SIGKILL');
      await smtp.stop();
    }
  }, 240_000);
});
