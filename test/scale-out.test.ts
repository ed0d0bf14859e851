// Issue 12, "Scale-out, proven": two API processes (`npm run api`'s module) and two
// worker processes on one Temporal server and one PostgreSQL; one worker is SIGKILLed in
// the middle. Every accepted case gets exactly one notification and each of its timers
// fires once. And a Temporal server restart in the middle of a campaign mails each
// recipient once.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { campaignProgressQuery } from '../workflows/newsletter-definitions.js';
import { freePort } from './support/free-port.js';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { startRestartableTemporal } from './support/restartable-temporal.js';
import { eventually } from './support/wait.js';

const children: ChildProcess[] = [];
const products: TestProduct[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const product of products) await product.close();
});

function spawnProcess(script: string, env: NodeJS.ProcessEnv, readyLine: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes(readyLine)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${output.slice(-2000)}`)));
  });
}

describe('scale-out', () => {
  it('two APIs and two workers, one worker SIGKILLed mid-run: each case one notification, each timer fired once', async () => {
    const product = await startTestProduct({ name: 'scaleout' });
    products.push(product);
    await product.stopWorker();
    const harness = inject('harness');
    const env = {
      DATABASE_URL: product.databaseUrl,
      TEMPORAL_ADDRESS: harness.temporalAddress,
      TEMPORAL_NAMESPACE: harness.namespace,
      SMTP_URL: `smtp://127.0.0.1:${harness.smtpPort}`,
      TEMPORAL_TASK_QUEUE: product.taskQueue,
      WORKFLOW_ID_PREFIX: product.workflowIdPrefix,
      PUBLIC_BASE_URL: 'http://test.local',
      INBOUND_SMTP_PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_POOL_SIZE: '4',
      TEST_WORKFLOW_BUNDLE: harness.workflowBundlePath,
      // Reminder, deadline and second escalation this long after receipt: later than the
      // one-minute activity timeout, after which an activity the killed worker held is
      // retried, so every case is still before its reminder when it recovers.
      TEST_DEADLINES_MS: '75000,85000,95000',
    };
    const workers = await Promise.all([1, 2].map(() => spawnProcess('test/support/worker-process.ts', env, 'worker polling')));
    const apiPorts = [await freePort(), await freePort()];
    await Promise.all(apiPorts.map((port) => spawnProcess('main/api.ts', { ...env, PORT: String(port) }, 'API listening')));

    const bodies = Array.from({ length: 16 }, () => intakeBody({ municipalities: ['ostersund'] }));
    const post = (body: unknown, index: number) =>
      fetch(`http://127.0.0.1:${apiPorts[index % 2]}/api/v1/intake`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': product.sources.tasteget.key },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as { caseId: string; workflowId: string } }));
    const first = await Promise.all(bodies.slice(0, 8).map(post));
    // In the middle: one worker dies without a chance to clean up.
    workers[0]!.kill('SIGKILL');
    const second = await Promise.all(bodies.slice(8).map((body, i) => post(body, i + 8)));
    const answers = [...first, ...second];
    expect(answers.map((answer) => answer.status)).toEqual(Array(16).fill(202));

    // Every case has sent its second escalation (the last timer), through the surviving worker.
    for (const answer of answers) {
      await eventually(
        () => product.db.emailDelivery.findUnique({ where: { idempotencyKey: `case:${answer.body.caseId}:escalation-2` } }),
        (row) => row?.status === 'sent',
        { what: `case ${answer.body.workflowId} escalated twice`, timeoutMs: 180_000 },
      );
    }
    const adminMails = () => product.mailbox.to(product.coordinators.admin.email);
    await eventually(adminMails, (received) => bodies.every((body) => received.some((mail) => mail.text.includes(body.lastName))), {
      what: 'every second escalation in the inbox',
    });
    const mails = await product.mailbox.all();
    for (const [index, body] of bodies.entries()) {
      const about = mails.filter((mail) => mail.text.includes(body.lastName));
      const count = (match: (subject: string) => boolean, to: string) =>
        about.filter((mail) => match(mail.subject) && product.mailbox.addressedTo(mail, to)).length;
      const unit = product.coordinators.ostersund.email;
      expect(count((s) => s.startsWith('Ny inflyttarkontakt'), unit), `notification ${index}`).toBe(1);
      expect(count((s) => s.startsWith('Påminnelse'), unit), `reminder ${index}`).toBe(1);
      expect(count((s) => s.includes('nivå 1'), product.coordinators.region.email), `escalation 1 ${index}`).toBe(1);
      expect(count((s) => s.includes('nivå 2'), product.coordinators.admin.email), `escalation 2 ${index}`).toBe(1);
    }
    for (const answer of answers) {
      const events = (await product.temporal.workflow.getHandle(answer.body.workflowId).fetchHistory()).events ?? [];
      // Reminder, deadline, second escalation: no timer fired twice. (A workflow that the
      // surviving worker reaches after a moment has passed acts at once, without a timer.)
      const fired = events.flatMap((event) => (event.timerFiredEventAttributes ? [event.timerFiredEventAttributes.timerId] : []));
      expect(new Set(fired).size, answer.body.workflowId).toBe(fired.length);
      expect(fired.length, answer.body.workflowId).toBeLessThanOrEqual(3);
    }
  }, 400_000);

  it('mails each campaign recipient once across a Temporal server restart in the middle of the campaign', async () => {
    const server = await startRestartableTemporal('campaign-restart');
    const product = await startTestProduct({
      name: 'campaignrestart',
      temporalAddress: server.address,
      config: { NEWSLETTER_BATCH_SIZE: '1', NEWSLETTER_MESSAGES_PER_SECOND: '3' },
    });
    try {
      const people = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          product.db.contact.create({
            data: {
              id: randomUUID(),
              firstName: `Omstart${i}`,
              lastName: 'Prenumerant',
              email: `omstart${i}.${randomBytes(3).toString('hex')}@example.se`,
              preferredContactMethod: 'email',
              chosenMunicipalities: ['bracke'],
              consentAt: new Date(),
              consentSource: 'test',
              lastActivityAt: new Date(),
              newsletterStatus: 'subscribed',
              newsletterToken: randomBytes(24).toString('base64url'),
            },
          }),
        ),
      );
      const created = await product.request('POST', '/api/v1/campaigns', {
        token: product.coordinators.admin.token,
        body: { kind: 'newsletter', title: 'Bräcke under omstart', text: { sv: 'Nyheter' }, filter: { municipalities: ['bracke'] } },
      });
      expect(created.status).toBe(201);
      expect((await product.request('POST', `/api/v1/campaigns/${created.body.id}/start`, { token: product.coordinators.admin.token })).status).toBe(202);
      const handle = product.temporal.workflow.getHandle(created.body.workflowId);
      await eventually(() => handle.query(campaignProgressQuery), (progress) => progress.sent >= 2, { what: 'campaign under way' });

      await server.restart();

      const done = await eventually(
        () => product.db.campaignRecipient.groupBy({ by: ['status'], where: { campaignId: created.body.id }, _count: true }),
        (groups) => groups.length === 1 && groups[0]!.status === 'sent' && groups[0]!._count === people.length,
        { what: 'every recipient sent', timeoutMs: 120_000 },
      );
      expect(done).toHaveLength(1);
      for (const person of people) expect(await product.mailbox.to(person.email!), person.email!).toHaveLength(1);
    } finally {
      await product.close();
      await server.stop();
    }
  }, 300_000);
});
