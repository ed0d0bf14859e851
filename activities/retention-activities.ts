// Activities of the retention run. The selection is written to retention_candidates in
// one statement and deleted from there in batches, so a restart neither skips nor
// repeats anything and memory stays flat at any register size.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { durationToMs } from '../domain/duration.js';
import { deleteContactCards, endCaseWorkflows } from './contact-erasure.js';
import type { Database } from '../platform/database.js';
import type { Mailer } from './mailer.js';
import { coordinatorEmails } from './recipients.js';
import { retentionCutoff } from '../domain/retention.js';
import type { RetentionProgress } from '../workflows/maintenance-definitions.js';

export interface RetentionActivityDeps {
  db: Database;
  mailer: Mailer;
  temporal: Client;
  runUrl: (runId: string) => string;
  /** Called as each batch starts; fault tests stop the worker here. */
  beforeBatch?: (runId: string) => Promise<void>;
}

export function createRetentionActivities(deps: RetentionActivityDeps) {
  const { db, mailer } = deps;

  async function progressOf(runId: string): Promise<RetentionProgress> {
    const run = await db.retentionRun.findUniqueOrThrow({ where: { id: runId } });
    return {
      runId,
      status: run.status as RetentionProgress['status'],
      selected: run.selectedCount,
      deleted: run.deletedCount,
      kept: run.skippedCount,
    };
  }

  return {
    async selectRetentionCandidates(input: { runId: string; startedAt: string; approvalTimeout: string }) {
      const startedAt = new Date(input.startedAt);
      const cutoff = retentionCutoff(startedAt);
      // One transaction: nobody may see the run "awaiting approval" before its selection and
      // count are complete (an admin would otherwise read "0 selected" and could approve it).
      await db.$transaction(
        async (tx) => {
          await tx.retentionRun.upsert({
            where: { id: input.runId },
            create: {
              id: input.runId,
              status: 'awaiting-approval',
              cutoff,
              approvalDueAt: new Date(startedAt.getTime() + durationToMs(input.approvalTimeout)),
            },
            update: {},
          });
          await tx.$executeRaw`
            INSERT INTO retention_candidates (run_id, contact_id, last_activity_at)
            SELECT ${input.runId}, id, last_activity_at FROM contacts
            WHERE last_activity_at < ${cutoff} AND newsletter_status <> 'subscribed'
            ON CONFLICT DO NOTHING`;
          const selected = await tx.retentionCandidate.count({ where: { runId: input.runId } });
          await tx.retentionRun.update({ where: { id: input.runId }, data: { selectedCount: selected } });
        },
        // A country-wide register selects millions of rows: far past Prisma's 5 s default.
        { maxWait: 30_000, timeout: 30 * 60_000 },
      );
      return progressOf(input.runId);
    },

    async emailRetentionSelection({ runId }: { runId: string }) {
      const run = await db.retentionRun.findUniqueOrThrow({ where: { id: runId } });
      const to = await coordinatorEmails(db, { roles: ['admin'] });
      if (to.length === 0) return;
      await mailer.sendOnce({
        idempotencyKey: `retention:${runId}:selection`,
        to,
        subject: `Gallring: ${run.selectedCount} kontakter utan aktivitet på fem år väntar på godkännande`,
        text: [
          `Urvalet omfattar ${run.selectedCount} kontakter vars senaste aktivitet var före ${run.cutoff.toISOString()}.`,
          'Nyhetsbrevsprenumeranter ingår aldrig.',
          `Granska listan (även som CSV): ${deps.runUrl(runId)}`,
          `Inget raderas utan godkännande. Godkänn senast ${run.approvalDueAt?.toISOString() ?? '–'}.`,
        ].join('\n'),
      });
    },

    async recordApproval(input: { runId: string; approvedById: string }) {
      await db.retentionRun.updateMany({
        where: { id: input.runId, approvedAt: null },
        data: { approvedById: input.approvedById, approvedAt: new Date(), status: 'deleting' },
      });
    },

    async expireRetentionRun({ runId }: { runId: string }) {
      await db.retentionRun.updateMany({ where: { id: runId, status: 'awaiting-approval' }, data: { status: 'expired', completedAt: new Date() } });
      return progressOf(runId);
    },

    /**
     * Deletes the next batch of candidates with everything that belongs to them. A contact
     * that became active or subscribed after the selection is kept. Running case
     * workflows are ended first, so no timer fires for a deleted case.
     */
    async deleteRetentionBatch({ runId, batchSize }: { runId: string; batchSize: number }) {
      await deps.beforeBatch?.(runId);
      const run = await db.retentionRun.findUniqueOrThrow({ where: { id: runId } });
      const batch = await db.retentionCandidate.findMany({
        where: { runId, outcome: null },
        orderBy: { contactId: 'asc' },
        take: batchSize,
        select: { contactId: true },
      });
      const contactIds = batch.map((row) => row.contactId);
      const stillInactive = await db.contact.findMany({
        where: { id: { in: contactIds }, lastActivityAt: { lt: run.cutoff }, newsletterStatus: { not: 'subscribed' } },
        select: { id: true, cases: { where: { status: { not: 'closed' } }, select: { workflowId: true } } },
      });
      await endCaseWorkflows(
        deps.temporal,
        stillInactive.flatMap((contact) => contact.cases.map((c) => c.workflowId)),
        `retention run ${runId}`,
      );
      const doomed = stillInactive.map((contact) => contact.id);
      await db.$transaction(async (tx) => {
        await deleteContactCards(tx, doomed);
        await tx.retentionCandidate.updateMany({ where: { runId, contactId: { in: doomed } }, data: { outcome: 'deleted' } });
        await tx.retentionCandidate.updateMany({ where: { runId, contactId: { in: contactIds }, outcome: null }, data: { outcome: 'kept' } });
        const [deleted, kept] = await Promise.all([
          tx.retentionCandidate.count({ where: { runId, outcome: 'deleted' } }),
          tx.retentionCandidate.count({ where: { runId, outcome: 'kept' } }),
        ]);
        await tx.retentionRun.update({ where: { id: runId }, data: { deletedCount: deleted, skippedCount: kept, status: 'deleting' } });
      });
      const remaining = await db.retentionCandidate.count({ where: { runId, outcome: null } });
      return { progress: await progressOf(runId), remaining };
    },

    async completeRetentionRun(input: { runId: string; approvedById: string }) {
      const run = await db.retentionRun.findUniqueOrThrow({ where: { id: input.runId } });
      if (run.status !== 'completed') {
        await db.$transaction([
          db.retentionRun.update({ where: { id: input.runId }, data: { status: 'completed', completedAt: new Date() } }),
          db.auditRecord.create({
            data: {
              id: randomUUID(),
              kind: 'retention-run',
              subjectId: input.runId,
              actorId: input.approvedById,
              details: {
                cutoff: run.cutoff.toISOString(),
                selected: run.selectedCount,
                deleted: run.deletedCount,
                kept: run.skippedCount,
              },
            },
          }),
        ]);
      }
      return progressOf(input.runId);
    },
  };
}
