// MISSION §7: contacts inactive for five years are deleted once a year, after an
// administrator has approved the selection; newsletter subscribers are kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionCutoff } from '../domain/retention.js';
import { RETENTION_WORKFLOW_TYPE, retentionProgressQuery } from '../workflows/maintenance-definitions.js';
import { intakeBody, startTestProduct, type TestProduct } from './support/product.js';
import { fiveYearsAgo, seedContactActiveAt } from './support/retention-fixtures.js';
import { eventually } from './support/wait.js';

let product: TestProduct;
// Lets the restart test stop the worker while a batch is in flight.
let interruptNextBatch: ((runId: string) => Promise<void>) | undefined;

beforeAll(async () => {
  product = await startTestProduct({
    name: 'retention',
    config: { RETENTION_BATCH_SIZE: '1' },
    retentionBeforeBatch: async (runId) => {
      const interrupt = interruptNextBatch;
      interruptNextBatch = undefined;
      await interrupt?.(runId);
    },
  });
});
afterAll(async () => {
  await product?.close();
});

const seedContact = (label: string, lastActivityAt: Date, newsletterStatus = 'none') =>
  seedContactActiveAt(product.db, { label, lastName: 'Gallring', lastActivityAt, newsletterStatus });

describe('retention', () => {
  it('computes the five-year boundary in Stockholm time', () => {
    expect(retentionCutoff(new Date('2027-02-01T06:00:00Z')).toISOString()).toBe('2022-02-01T06:00:00.000Z');
    // 29 February has no counterpart five years on: luxon keeps the end of the month.
    expect(retentionCutoff(new Date('2028-02-29T12:00:00Z')).toISOString()).toBe('2023-02-28T12:00:00.000Z');
  });

  it('selects exactly the inactive non-subscribers, deletes nothing before approval, then deletes them completely', async () => {
    const keptByOneDay = await seedContact('Kept', fiveYearsAgo().plus({ days: 1 }).toJSDate());
    const selectedByOneDay = await seedContact('Selected', fiveYearsAgo().minus({ days: 1 }).toJSDate());
    const subscriber = await seedContact('Subscriber', fiveYearsAgo().minus({ years: 3 }).toJSDate(), 'subscribed');
    await seedContact('Active', new Date());

    // An old contact with a still-running case, dialog and a transfer: all of it must go.
    const intake = await product.intake(intakeBody({ receivedAt: fiveYearsAgo().minus({ days: 40 }).toISO() }), 'import');
    expect(intake.status).toBe(202);
    await product.request('POST', `/api/v1/contacts/${intake.body.contactId}/activities`, {
      token: product.coordinators.are.token,
      body: { type: 'note', summary: 'Gammal anteckning', occurredAt: fiveYearsAgo().minus({ days: 39 }).toISO() },
    });
    await product.request('POST', `/api/v1/cases/${intake.body.caseId}/transfer`, {
      token: product.coordinators.are.token,
      body: { to: 'berg', note: 'gammal överlämning' },
    });
    // The transfer itself is activity on the case, not on the contact: the contact stays inactive.
    await product.db.contact.update({ where: { id: intake.body.contactId }, data: { lastActivityAt: fiveYearsAgo().minus({ days: 39 }).toJSDate() } });
    await eventually(
      () => product.db.emailDelivery.count({ where: { caseId: intake.body.caseId } }),
      (count) => count > 0,
      { what: 'case emails recorded' },
    );

    const admin = product.coordinators.admin.token;
    const start = await product.request('POST', '/api/v1/admin/retention-runs', { token: admin });
    expect(start.status).toBe(202);
    const runId: string = start.body.id;

    const selection = await eventually(
      () => product.request('GET', `/api/v1/admin/retention-runs/${runId}`, { token: admin }),
      (response) => response.status === 200 && response.body.status === 'awaiting-approval',
      { what: 'selection made' },
    );
    expect(selection.body.selected).toBe(2);
    expect(selection.body.candidates.map((c: { contactId: string }) => c.contactId).sort()).toEqual(
      [selectedByOneDay.id, intake.body.contactId].sort(),
    );
    const csv = await fetch(`${product.baseUrl}/api/v1/admin/retention-runs/${runId}`, {
      headers: { authorization: `Bearer ${admin}`, accept: 'text/csv' },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const csvLines = (await csv.text()).trim().split('\r\n');
    expect(csvLines).toHaveLength(3);
    expect(csvLines[0]).toBe('contactId,firstName,lastName,email,phone,lastActivityAt,outcome');
    await product.mailbox.waitFor(
      (mail) => product.mailbox.addressedTo(mail, product.coordinators.admin.email) && mail.subject.startsWith('Gallring: 2 kontakter'),
    );
    const coordinatorRead = await product.request('GET', `/api/v1/admin/retention-runs/${runId}`, { token: product.coordinators.are.token });
    expect(coordinatorRead.status).toBe(403);

    // Nothing is deleted while the run waits for approval.
    expect(await product.db.contact.count({ where: { id: { in: [selectedByOneDay.id, intake.body.contactId] } } })).toBe(2);

    const approve = await product.request('POST', `/api/v1/admin/retention-runs/${runId}/approve`, { token: admin });
    expect(approve.status).toBe(200);
    const finished = await product.temporal.workflow.getHandle(runId).result();
    expect(finished).toMatchObject({ status: 'completed', selected: 2, deleted: 2, kept: 0 });

    const remaining = await product.db.contact.findMany({ where: { id: { in: [keptByOneDay.id, selectedByOneDay.id, subscriber.id, intake.body.contactId] } } });
    expect(remaining.map((contact) => contact.id).sort()).toEqual([keptByOneDay.id, subscriber.id].sort());
    // No orphans: every row that belonged to the deleted contacts is gone.
    expect(await product.db.case.count({ where: { contactId: intake.body.contactId } })).toBe(0);
    expect(await product.db.activity.count({ where: { contactId: intake.body.contactId } })).toBe(0);
    expect(await product.db.caseTransfer.count({ where: { caseId: intake.body.caseId } })).toBe(0);
    expect(await product.db.emailDelivery.count({ where: { caseId: intake.body.caseId } })).toBe(0);
    const caseWorkflow = await product.temporal.workflow.getHandle(intake.body.workflowId).describe();
    expect(caseWorkflow.status.name).toBe('TERMINATED');

    const audit = await product.db.auditRecord.findFirstOrThrow({ where: { kind: 'retention-run', subjectId: runId } });
    expect(audit.details).toMatchObject({ selected: 2, deleted: 2, kept: 0 });
    expect(audit.actorId).toBe(product.coordinators.admin.id);
    expect(JSON.stringify(audit)).not.toMatch(/Selected|Gallring|example\.se/);
  });

  it('deletes nothing when no administrator approves in time', async () => {
    const old = await seedContact('Unapproved', fiveYearsAgo().minus({ years: 1 }).toJSDate());
    const handle = await product.temporal.workflow.start(RETENTION_WORKFLOW_TYPE, {
      taskQueue: product.taskQueue,
      workflowId: `${product.workflowIdPrefix}retention-unapproved`,
      args: [{ approvalTimeout: '2 seconds', batchSize: 10 }],
    });
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'expired', deleted: 0 });
    expect(await product.db.contact.count({ where: { id: old.id } })).toBe(1);
  });

  it('neither skips nor repeats anything when the worker stops between batches', async () => {
    await product.db.contact.deleteMany({ where: { lastName: 'Gallring', lastActivityAt: { lt: fiveYearsAgo().toJSDate() }, newsletterStatus: { not: 'subscribed' } } });
    const old = await Promise.all(['A', 'B', 'C', 'D'].map((label) => seedContact(`Restart${label}`, fiveYearsAgo().minus({ years: 2 }).toJSDate())));
    const handle = await product.temporal.workflow.start(RETENTION_WORKFLOW_TYPE, {
      taskQueue: product.taskQueue,
      workflowId: `${product.workflowIdPrefix}retention-restart`,
      args: [{ approvalTimeout: '1 minute', batchSize: 1 }],
    });
    await eventually(() => handle.query(retentionProgressQuery), (p) => p.status === 'awaiting-approval', { what: 'awaiting approval' });

    // The second batch finds its worker going down and fails half-way, as a killed worker would.
    let batchesSeen = 0;
    let stopping: Promise<void> | undefined;
    const realInterrupt = async () => {
      batchesSeen += 1;
      if (batchesSeen < 2) {
        interruptNextBatch = realInterrupt;
        return;
      }
      stopping = product.stopWorker();
      throw new Error('worker killed mid-batch');
    };
    interruptNextBatch = realInterrupt;
    const approved = await product.request('POST', `/api/v1/admin/retention-runs/${handle.workflowId}/approve`, { token: product.coordinators.admin.token });
    expect(approved.status).toBe(200);
    await eventually(async () => batchesSeen, (seen) => seen >= 2, { what: 'worker stopping mid-run' });
    await stopping;
    const midway = await product.db.retentionCandidate.count({ where: { runId: handle.workflowId, outcome: 'deleted' } });
    expect(midway).toBe(1);

    await product.startWorker();
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'completed', selected: old.length, deleted: old.length, kept: 0 });
    const outcomes = await product.db.retentionCandidate.groupBy({ by: ['outcome'], where: { runId: handle.workflowId }, _count: true });
    expect(outcomes).toEqual([{ outcome: 'deleted', _count: old.length }]);
    expect(await product.db.contact.count({ where: { id: { in: old.map((contact) => contact.id) } } })).toBe(0);
  });

  it('neutralises spreadsheet formulas typed into public forms in the CSV of a selection', async () => {
    await product.db.contact.deleteMany({ where: { lastName: 'Gallring', lastActivityAt: { lt: fiveYearsAgo().toJSDate() }, newsletterStatus: { not: 'subscribed' } } });
    const names = ['=1+1', '@SUM(A1)', '-2+3'];
    const seeded = await Promise.all(names.map((name) => seedContact(name, fiveYearsAgo().minus({ years: 2 }).toJSDate())));
    await product.db.contact.update({ where: { id: seeded[2]!.id }, data: { lastName: '+HYPERLINK("http://evil.example")' } });
    const handle = await product.temporal.workflow.start(RETENTION_WORKFLOW_TYPE, {
      taskQueue: product.taskQueue,
      workflowId: `${product.workflowIdPrefix}retention-formulas`,
      args: [{ approvalTimeout: '30 seconds', batchSize: 10 }],
    });
    await eventually(() => handle.query(retentionProgressQuery), (p) => p.status === 'awaiting-approval', { what: 'awaiting approval' });
    const csv = await fetch(`${product.baseUrl}/api/v1/admin/retention-runs/${handle.workflowId}?format=csv`, {
      headers: { authorization: `Bearer ${product.coordinators.admin.token}` },
    });
    expect(csv.status).toBe(200);
    const rows = (await csv.text()).trim().split('\r\n').slice(1).map((line) => line.split(','));
    const byId = new Map(rows.map((cells) => [cells[0], cells]));
    expect(byId.get(seeded[0]!.id)?.[1]).toBe("'=1+1");
    expect(byId.get(seeded[1]!.id)?.[1]).toBe("'@SUM(A1)");
    expect(byId.get(seeded[2]!.id)?.[1]).toBe("'-2+3");
    expect(byId.get(seeded[2]!.id)?.[2]).toBe(`"'+HYPERLINK(""http://evil.example"")"`);
    // No cell of the download starts with a character a spreadsheet would run.
    for (const cells of rows) for (const cell of cells) expect(cell).not.toMatch(/^"?[=+\-@]/);
  });
});
