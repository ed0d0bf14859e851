// Register maintenance (MISSION.md §7): move-status review and retention runs.
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Database } from '../../activities/database.js';
import { MOVE_STATUSES } from '../../domain/codes.js';
import { pastDateProblem } from '../../domain/date-bounds.js';
import { toStockholmIso } from '../../domain/working-days.js';
import { approveRetentionUpdate } from '../../workflows/maintenance-definitions.js';
import { triggerScheduledRun } from '../../worker/schedules.js';
import { currentCoordinator, requireCoordinator } from '../auth.js';
import { conflict, notFound } from '../problem.js';
import { idParam, municipalityCode, unitCode } from '../schemas.js';
import { recordMoveStatus } from '../use-cases/move-status.js';
import { logAccess } from '../use-cases/personal-data.js';
import { asWorkflowCommand } from '../use-cases/workflow-commands.js';
import { parseOrThrow } from '../validate.js';

export interface MaintenanceDeps {
  db: Database;
  temporal: Client;
  scheduleIds: { review: string; retention: string };
}

const isoDate = z.iso.date().superRefine((value, ctx) => {
  const problem = pastDateProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
export const moveStatusRequest = z
  .strictObject({
    moveStatus: z.enum(MOVE_STATUSES),
    municipality: municipalityCode.optional().meta({ description: 'Where they moved; required with "moved"' }),
    movedOn: isoDate.optional().meta({ description: 'Date of the move (from 2000-01-01, not in the future); required with "moved"' }),
  })
  .superRefine((body, ctx) => {
    if (body.moveStatus === 'moved') {
      if (!body.municipality) ctx.addIssue({ code: 'custom', path: ['municipality'], message: 'required when moveStatus is moved' });
      if (!body.movedOn) ctx.addIssue({ code: 'custom', path: ['movedOn'], message: 'required when moveStatus is moved' });
    } else if (body.municipality || body.movedOn) {
      ctx.addIssue({ code: 'custom', path: ['moveStatus'], message: 'municipality and movedOn belong to moveStatus moved' });
    }
  })
  .meta({ id: 'MoveStatusRequest' });

const runIdParam = z.strictObject({ id: z.string().min(1).max(200).regex(/^[A-Za-z0-9:._-]+$/) });
const reviewQuery = z.strictObject({
  unit: unitCode.optional(),
  open: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
const pageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
  format: z.enum(['json', 'csv']).optional(),
});
const reviewedRequest = z.strictObject({ unit: unitCode.optional() });

function csvField(value: string | null): string {
  const text = value ?? '';
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function maintenanceRoutes(deps: MaintenanceDeps): Router {
  const { db, temporal } = deps;
  const router = Router();
  const adminsOnly = requireCoordinator(db, ['admin']);
  const coordinators = requireCoordinator(db);

  async function startRun(scheduleId: string) {
    const run = await triggerScheduledRun(temporal, scheduleId);
    if (run.alreadyRunning) throw conflict(`A run is already in progress: ${run.workflowId}`);
    return run.workflowId;
  }

  router.post('/admin/reviews', adminsOnly, async (_req, res) => {
    const id = await startRun(deps.scheduleIds.review);
    res.status(202).location(`/api/v1/reviews/${id}`).json({ id, workflowId: id });
  });

  router.get('/reviews/:id', coordinators, async (req, res) => {
    const { id } = parseOrThrow(runIdParam, req.params, 'path');
    const query = parseOrThrow(reviewQuery, req.query, 'query');
    const review = await db.moveStatusReview.findUnique({ where: { id } });
    if (!review) throw notFound('Review');
    const progress = await db.$queryRaw<Array<{ unit: string; total: bigint; reviewed: bigint }>>`
      SELECT unit, count(*) AS total, count(reviewed_at) AS reviewed FROM review_items
      WHERE review_id = ${id} GROUP BY unit ORDER BY unit`;
    const where = {
      reviewId: id,
      ...(query.unit ? { unit: query.unit } : {}),
      ...(query.open === undefined ? {} : query.open ? { reviewedAt: null } : { reviewedAt: { not: null } }),
    };
    const items = await db.reviewItem.findMany({
      where,
      include: { contact: { select: { firstName: true, lastName: true, email: true, phone: true, preferredContactMethod: true, moveStatus: true } } },
      orderBy: [{ unit: 'asc' }, { contactId: 'asc' }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    res.json({
      id,
      status: review.status,
      startedAt: toStockholmIso(review.startedAt),
      remindAt: toStockholmIso(review.remindAt),
      closesAt: toStockholmIso(review.closesAt),
      closedAt: review.closedAt ? toStockholmIso(review.closedAt) : null,
      units: progress.map((row) => ({
        unit: row.unit,
        total: Number(row.total),
        reviewed: Number(row.reviewed),
        open: Number(row.total) - Number(row.reviewed),
      })),
      result: review.result,
      items: items.map((item) => ({
        unit: item.unit,
        contactId: item.contactId,
        name: `${item.contact.firstName} ${item.contact.lastName}`,
        preferredContact: {
          method: item.contact.preferredContactMethod,
          value: item.contact.preferredContactMethod === 'phone' ? item.contact.phone : item.contact.email,
        },
        moveStatus: item.contact.moveStatus,
        outcome: item.outcome,
        reviewedAt: item.reviewedAt ? toStockholmIso(item.reviewedAt) : null,
      })),
      page: query.page,
      pageSize: query.pageSize,
    });
  });

  router.post('/reviews/:id/items/:contactId/reviewed', coordinators, async (req, res) => {
    const { id, contactId } = parseOrThrow(z.strictObject({ id: runIdParam.shape.id, contactId: z.uuid() }), req.params, 'path');
    const body = parseOrThrow(reviewedRequest, req.body ?? {}, 'body');
    const review = await db.moveStatusReview.findUnique({ where: { id } });
    if (!review) throw notFound('Review');
    if (review.status !== 'open') throw conflict('The review round is closed.');
    const marked = await db.reviewItem.updateMany({
      where: { reviewId: id, contactId, ...(body.unit ? { unit: body.unit } : {}), reviewedAt: null },
      data: { outcome: 'unchanged', reviewedAt: new Date(), reviewedById: currentCoordinator(res).id },
    });
    const onList = await db.reviewItem.count({ where: { reviewId: id, contactId } });
    if (onList === 0) throw notFound('Review item');
    res.json({ reviewId: id, contactId, marked: marked.count });
  });

  router.patch('/contacts/:id/move-status', coordinators, async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'path');
    const change = parseOrThrow(moveStatusRequest, req.body, 'body');
    const { contact, reviewItemsUpdated } = await recordMoveStatus(db, { contactId: id, change, author: currentCoordinator(res) });
    await logAccess(db, currentCoordinator(res).id, id, 'write');
    res.json({
      id: contact.id,
      moveStatus: contact.moveStatus,
      movedTo: { municipality: contact.movedToMunicipality, on: contact.movedOn?.toISOString().slice(0, 10) ?? null },
      lastActivityAt: toStockholmIso(contact.lastActivityAt),
      reviewItemsUpdated,
    });
  });

  router.post('/admin/retention-runs', adminsOnly, async (_req, res) => {
    const id = await startRun(deps.scheduleIds.retention);
    res.status(202).location(`/api/v1/admin/retention-runs/${id}`).json({ id, workflowId: id });
  });

  router.get('/admin/retention-runs/:id', adminsOnly, async (req, res) => {
    const { id } = parseOrThrow(runIdParam, req.params, 'path');
    const query = parseOrThrow(pageQuery, req.query, 'query');
    const run = await db.retentionRun.findUnique({ where: { id } });
    if (!run) throw notFound('Retention run');
    const wantsCsv = query.format === 'csv' || (query.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
    if (wantsCsv) {
      // Streamed page by page: the selection can hold every contact of a country.
      res.type('text/csv; charset=utf-8').attachment(`retention-${id}.csv`);
      res.write('contactId,firstName,lastName,email,phone,lastActivityAt,outcome\n');
      let after: string | undefined;
      for (;;) {
        const page = await db.retentionCandidate.findMany({
          where: { runId: id, ...(after ? { contactId: { gt: after } } : {}) },
          orderBy: { contactId: 'asc' },
          take: 1000,
        });
        if (page.length === 0) break;
        const contacts = await db.contact.findMany({
          where: { id: { in: page.map((row) => row.contactId) } },
          select: { id: true, firstName: true, lastName: true, email: true, phone: true },
        });
        const byId = new Map(contacts.map((contact) => [contact.id, contact]));
        res.write(
          page
            .map((row) => {
              const contact = byId.get(row.contactId);
              return [row.contactId, contact?.firstName ?? null, contact?.lastName ?? null, contact?.email ?? null, contact?.phone ?? null, row.lastActivityAt.toISOString(), row.outcome]
                .map(csvField)
                .join(',');
            })
            .join('\n') + '\n',
        );
        after = page.at(-1)!.contactId;
      }
      res.end();
      return;
    }
    const candidates = await db.retentionCandidate.findMany({
      where: { runId: id },
      orderBy: { contactId: 'asc' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const contacts = await db.contact.findMany({
      where: { id: { in: candidates.map((row) => row.contactId) } },
      select: { id: true, firstName: true, lastName: true, email: true },
    });
    const byId = new Map(contacts.map((contact) => [contact.id, contact]));
    res.json({
      id,
      status: run.status,
      cutoff: toStockholmIso(run.cutoff),
      selected: run.selectedCount,
      deleted: run.deletedCount,
      kept: run.skippedCount,
      approvalDueAt: run.approvalDueAt ? toStockholmIso(run.approvalDueAt) : null,
      approvedAt: run.approvedAt ? toStockholmIso(run.approvedAt) : null,
      approvedById: run.approvedById,
      candidates: candidates.map((row) => {
        const contact = byId.get(row.contactId);
        return {
          contactId: row.contactId,
          name: contact ? `${contact.firstName} ${contact.lastName}` : null,
          email: contact?.email ?? null,
          lastActivityAt: toStockholmIso(row.lastActivityAt),
          outcome: row.outcome,
        };
      }),
      page: query.page,
      pageSize: query.pageSize,
    });
  });

  router.post('/admin/retention-runs/:id/approve', adminsOnly, async (req, res) => {
    const { id } = parseOrThrow(runIdParam, req.params, 'path');
    const run = await db.retentionRun.findUnique({ where: { id } });
    if (!run) throw notFound('Retention run');
    if (run.status === 'expired' || run.status === 'completed') throw conflict(`The run is ${run.status}.`);
    const progress = await asWorkflowCommand(() =>
      temporal.workflow.getHandle(id).executeUpdate(approveRetentionUpdate, {
        args: [{ approvedById: currentCoordinator(res).id }],
        updateId: `approve-${id}`,
      }),
    );
    res.json(progress);
  });

  return router;
}
