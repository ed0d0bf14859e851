// MISSION.md §7: a retention run's selection, for approval (JSON, paged) or download (CSV).
import type { Client } from '@temporalio/client';
import { conflict, notFound } from '../../domain/errors.js';
import { retentionReason } from '../../domain/retention.js';
import { toStockholmIso, toStockholmIsoOrNull } from '../../domain/stockholm-time.js';
import type { Database } from '../../platform/database.js';
import { approveRetentionUpdate } from '../../workflows/maintenance-definitions.js';
import type { CsvCell } from '../csv.js';
import { asWorkflowCommand } from './workflow-commands.js';

export const RETENTION_CSV_HEADER = ['contactId', 'firstName', 'lastName', 'email', 'phone', 'lastActivityAt', 'outcome'];

export async function requireRetentionRun(db: Database, id: string) {
  const run = await db.retentionRun.findUnique({ where: { id } });
  if (!run) throw notFound('Retention run');
  return run;
}

export async function retentionRunView(db: Database, id: string, page: { page: number; pageSize: number }) {
  const run = await requireRetentionRun(db, id);
  const [candidates, remaining] = await Promise.all([
    db.retentionCandidate.findMany({
      where: { runId: id },
      orderBy: { contactId: 'asc' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
    }),
    db.retentionCandidate.count({ where: { runId: id, outcome: null } }),
  ]);
  const contacts = await db.contact.findMany({
    where: { id: { in: candidates.map((row) => row.contactId) } },
    select: { id: true, firstName: true, lastName: true, email: true, lastActivityAt: true, newsletterStatus: true },
  });
  const byId = new Map(contacts.map((contact) => [contact.id, contact]));
  return {
    id,
    status: run.status,
    cutoff: toStockholmIso(run.cutoff),
    selected: run.selectedCount,
    deleted: run.deletedCount,
    kept: run.skippedCount,
    /** Selected contacts the run has not yet deleted or kept. */
    remaining,
    approvalDueAt: toStockholmIsoOrNull(run.approvalDueAt),
    approvedAt: toStockholmIsoOrNull(run.approvedAt),
    approvedById: run.approvedById,
    candidates: candidates.map((row) => {
      const contact = byId.get(row.contactId);
      const reason = retentionReason(row, contact ?? null, run.cutoff);
      return {
        contactId: row.contactId,
        name: contact ? `${contact.firstName} ${contact.lastName}` : null,
        email: contact?.email ?? null,
        lastActivityAt: toStockholmIso(row.lastActivityAt),
        // Why it is selected: last activity before the cutoff and no newsletter subscription.
        newsletterStatus: reason.newsletterStatus,
        keptBecause: reason.keptBecause,
        outcome: row.outcome,
      };
    }),
    page: page.page,
    pageSize: page.pageSize,
  };
}

/** The runs, newest first, with their counts (ids and numbers only). */
export async function listRetentionRuns(db: Database, page: { page: number; pageSize: number }) {
  const [total, runs] = await Promise.all([
    db.retentionRun.count(),
    db.retentionRun.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: (page.page - 1) * page.pageSize, take: page.pageSize }),
  ]);
  return {
    items: runs.map((run) => ({
      id: run.id,
      status: run.status,
      cutoff: toStockholmIso(run.cutoff),
      selected: run.selectedCount,
      deleted: run.deletedCount,
      kept: run.skippedCount,
      createdAt: toStockholmIso(run.createdAt),
      approvalDueAt: toStockholmIsoOrNull(run.approvalDueAt),
      approvedAt: toStockholmIsoOrNull(run.approvedAt),
      completedAt: toStockholmIsoOrNull(run.completedAt),
    })),
    total,
    page: page.page,
    pageSize: page.pageSize,
  };
}

/** The whole selection, a thousand rows at a time: it can hold every contact of a country. */
export async function* retentionCsvPages(db: Database, runId: string): AsyncIterable<CsvCell[][]> {
  let after: string | undefined;
  for (;;) {
    const page = await db.retentionCandidate.findMany({
      where: { runId, ...(after ? { contactId: { gt: after } } : {}) },
      orderBy: { contactId: 'asc' },
      take: 1000,
    });
    if (page.length === 0) return;
    const contacts = await db.contact.findMany({
      where: { id: { in: page.map((row) => row.contactId) } },
      select: { id: true, firstName: true, lastName: true, email: true, phone: true },
    });
    const byId = new Map(contacts.map((contact) => [contact.id, contact]));
    yield page.map((row) => {
      const contact = byId.get(row.contactId);
      return [
        row.contactId,
        contact?.firstName ?? null,
        contact?.lastName ?? null,
        contact?.email ?? null,
        contact?.phone ?? null,
        toStockholmIso(row.lastActivityAt),
        row.outcome,
      ];
    });
    after = page.at(-1)!.contactId;
  }
}

export async function approveRetentionRun(deps: { db: Database; temporal: Client }, input: { runId: string; approvedById: string }) {
  const run = await requireRetentionRun(deps.db, input.runId);
  if (run.status === 'expired' || run.status === 'completed') throw conflict(`The run is ${run.status}.`);
  return asWorkflowCommand(() =>
    deps.temporal.workflow.getHandle(run.id).executeUpdate(approveRetentionUpdate, {
      args: [{ approvedById: input.approvedById }],
      updateId: `approve-${run.id}`,
    }),
  );
}
