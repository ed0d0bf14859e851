import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Database } from '../../activities/database.js';
import { currentCoordinator, requireCoordinator } from '../auth.js';
import { idParam } from '../schemas.js';
import { ERASURE_REASONS, eraseContact, exportContact, logAccess } from '../use-cases/personal-data.js';
import { parseOrThrow } from '../validate.js';

const erasureRequest = z.strictObject({ reason: z.enum(ERASURE_REASONS) }).meta({ id: 'ErasureRequest' });
const accessLogQuery = z.strictObject({
  contactId: z.uuid().optional(),
  coordinatorId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

/** Right of access, erasure on request, and the access log: administrators only. */
export function personalDataRoutes(deps: { db: Database; temporal: Client }): Router {
  const { db } = deps;
  const router = Router();
  const adminsOnly = requireCoordinator(db, ['admin']);

  router.get('/contacts/:id/export', adminsOnly, async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'path');
    const document = await exportContact(db, id);
    await logAccess(db, currentCoordinator(res).id, id, 'export');
    res.attachment(`contact-${id}.json`).json(document);
  });

  router.delete('/contacts/:id', adminsOnly, async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'path');
    const { reason } = parseOrThrow(erasureRequest, req.body, 'body');
    res.json(await eraseContact(deps, { contactId: id, reason, erasedById: currentCoordinator(res).id }));
  });

  router.get('/admin/access-log', adminsOnly, async (req, res) => {
    const query = parseOrThrow(accessLogQuery, req.query, 'query');
    const where = { ...(query.contactId ? { contactId: query.contactId } : {}), ...(query.coordinatorId ? { coordinatorId: query.coordinatorId } : {}) };
    const rows = await db.accessLogEntry.findMany({
      where,
      orderBy: { at: 'desc' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    res.json({ items: rows.map((row) => ({ ...row, at: row.at.toISOString() })), page: query.page, pageSize: query.pageSize });
  });

  return router;
}
