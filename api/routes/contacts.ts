import { Router } from 'express';
import type { Prisma } from '../../prisma/generated/client.js';
import type { Database } from '../../activities/database.js';
import type { Client } from '@temporalio/client';
import { currentCoordinator } from '../auth.js';
import { notFound } from '../problem.js';
import { activityRequest, contactListQuery, idempotencyKeyHeader, idParam, mergeContactsRequest } from '../schemas.js';
import { logActivity } from '../use-cases/log-activity.js';
import { mergeContacts } from '../use-cases/merge-contacts.js';
import { logAccess } from '../use-cases/personal-data.js';
import { activityInclude, activityView, caseInclude, caseView, contactCardView, contactSummaryView, liveCaseState } from '../use-cases/views.js';
import { parseOrThrow } from '../validate.js';

export function contactRoutes(deps: { db: Database; temporal: Client }): Router {
  const { db, temporal } = deps;
  const router = Router();

  router.get('/contacts', async (req, res) => {
    const query = parseOrThrow(contactListQuery, req.query, 'query');
    const digits = query.q?.replace(/[^0-9]/g, '');
    const where: Prisma.ContactWhereInput = {
      ...(query.municipality ? { chosenMunicipalities: { has: query.municipality } } : {}),
      ...(query.moveStatus ? { moveStatus: query.moveStatus } : {}),
      ...(query.q
        ? {
            OR: [
              { firstName: { contains: query.q, mode: 'insensitive' } },
              { lastName: { contains: query.q, mode: 'insensitive' } },
              { email: { contains: query.q, mode: 'insensitive' } },
              ...(digits && digits.length >= 3 ? [{ phone: { contains: digits.replace(/^0/, '') } }] : []),
            ],
          }
        : {}),
    };
    const [total, rows] = await Promise.all([
      db.contact.count({ where }),
      db.contact.findMany({
        where,
        orderBy: [{ lastActivityAt: 'desc' }, { id: 'asc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
    ]);
    res.json({ items: rows.map(contactSummaryView), total, page: query.page, pageSize: query.pageSize });
  });

  router.get('/contacts/:id', async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'path');
    const contact = await db.contact.findUnique({ where: { id } });
    if (!contact) throw notFound('Contact');
    const [cases, activities] = await Promise.all([
      db.case.findMany({ where: { contactId: id }, include: caseInclude, orderBy: { receivedAt: 'desc' } }),
      db.activity.findMany({
        where: { contactId: id },
        include: activityInclude,
        orderBy: [{ occurredAt: 'desc' }, { createdAt: 'desc' }],
      }),
    ]);
    const liveCases = await Promise.all(cases.map(async (row) => caseView(row, await liveCaseState(temporal, row))));
    await logAccess(db, currentCoordinator(res).id, id, 'read');
    res.json(contactCardView(contact, liveCases, activities.map(activityView)));
  });

  router.post('/contacts/:id/activities', async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'path');
    const idempotencyKey = req.get('idempotency-key');
    if (idempotencyKey !== undefined) parseOrThrow(idempotencyKeyHeader, idempotencyKey, 'header');
    const body = parseOrThrow(activityRequest, req.body, 'body');
    const result = await logActivity(deps, { contactId: id, author: currentCoordinator(res), body, idempotencyKey });
    await logAccess(db, currentCoordinator(res).id, id, 'write');
    res.status(result.status).json({ activity: result.activity, cases: result.cases });
  });

  router.post('/contacts/:id/merge', async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'path');
    const body = parseOrThrow(mergeContactsRequest, req.body, 'body');
    const merged = await mergeContacts(db, { keepId: id, duplicateId: body.duplicateId, author: currentCoordinator(res) });
    res.location(`/api/v1/contacts/${merged.keptId}`).json({ id: merged.keptId, mergedContactId: body.duplicateId, activityId: merged.activityId });
  });

  return router;
}
