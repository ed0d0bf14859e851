import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Prisma } from '../../prisma/generated/client.js';
import type { Database } from '../../activities/database.js';
import { currentCoordinator } from '../auth.js';
import { notFound } from '../problem.js';
import { caseListQuery, closeRequest, idParam, transferRequest } from '../schemas.js';
import { closeCase, transferCase } from '../use-cases/case-commands.js';
import { caseInclude, caseView, liveCaseState } from '../use-cases/views.js';
import { parseOrThrow } from '../validate.js';

export function caseRoutes(deps: { db: Database; temporal: Client }): Router {
  const { db, temporal } = deps;
  const router = Router();

  async function loadCaseView(id: string) {
    const row = await db.case.findUnique({ where: { id }, include: caseInclude });
    if (!row) throw notFound('Case');
    return caseView(row, await liveCaseState(temporal, row));
  }

  router.get('/cases', async (req, res) => {
    const query = parseOrThrow(caseListQuery, req.query, 'query');
    const where: Prisma.CaseWhereInput = {
      ...(query.unit ? { responsibleUnit: query.unit } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
    };
    const [total, rows] = await Promise.all([
      db.case.count({ where }),
      db.case.findMany({
        where,
        include: caseInclude,
        orderBy: [{ firstReplyDueAt: 'asc' }, { id: 'asc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
    ]);
    res.json({ items: rows.map((row) => caseView(row)), total, page: query.page, pageSize: query.pageSize });
  });

  router.get('/cases/:id', async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'path');
    res.json(await loadCaseView(id));
  });

  router.post('/cases/:id/transfer', async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'path');
    const body = parseOrThrow(transferRequest, req.body, 'body');
    await transferCase(deps, { caseId: id, to: body.to, note: body.note, author: currentCoordinator(res) });
    res.json(await loadCaseView(id));
  });

  router.post('/cases/:id/close', async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'path');
    const body = parseOrThrow(closeRequest, req.body ?? {}, 'body');
    const author = currentCoordinator(res);
    const closed = await closeCase(deps, { caseId: id, author });
    if (closed && body.note) {
      const row = await db.case.findUniqueOrThrow({ where: { id } });
      await db.activity.create({
        data: {
          id: randomUUID(),
          contactId: row.contactId,
          caseId: id,
          type: 'note',
          occurredAt: new Date(),
          summary: body.note,
          authorId: author.id,
        },
      });
    }
    res.json(await loadCaseView(id));
  });

  return router;
}
