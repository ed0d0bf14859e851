// Right of access, erasure on request, and the access log: administrators only.
import { z } from 'zod';
import { toStockholmIso } from '../../domain/stockholm-time.js';
import { access } from '../route-table/access.js';
import { defineRoute, jsonBody, jsonResponse, reply } from '../route-table/route.js';
import { idParam, pagingQuery } from '../schemas.js';
import { listAccessLog } from '../use-cases/access-log.js';
import { ERASURE_REASONS, eraseContact, exportContact, logAccess } from '../use-cases/personal-data.js';

const erasureRequest = z.strictObject({ reason: z.enum(ERASURE_REASONS) }).meta({ id: 'ErasureRequest' });
const accessLogQuery = z.strictObject({
  contactId: z.uuid().optional(),
  coordinatorId: z.uuid().optional(),
  ...pagingQuery({ maxPageSize: 500, defaultPageSize: 100 }),
});

export const personalDataRoutes = [
  defineRoute({
    method: 'get',
    path: '/contacts/{id}/export',
    operationId: 'exportContact',
    summary: 'Everything held about the person (admins)',
    tags: ['personal data'],
    access: access.admins,
    params: idParam,
    responses: { 200: jsonResponse('Export, as an attachment') },
    errors: [404],
    async handler({ params, caller }, deps) {
      const document = await exportContact(deps.db, params.id);
      await logAccess(deps.db, caller.coordinator.id, params.id, 'export');
      return reply.json(document, { attachment: `contact-${params.id}.json` });
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/contacts/{id}',
    operationId: 'eraseContact',
    summary: 'Erase the person on request (admins); an audit record keeps ids and counts only',
    tags: ['personal data'],
    access: access.admins,
    params: idParam,
    body: jsonBody(erasureRequest),
    responses: { 200: jsonResponse('Erased') },
    errors: [404],
    handler: async ({ params, body, caller }, deps) =>
      reply.json(await eraseContact(deps, { contactId: params.id, reason: body.reason, erasedById: caller.coordinator.id })),
  }),
  defineRoute({
    method: 'get',
    path: '/admin/access-log',
    operationId: 'listAccessLog',
    summary: 'Who read or changed which contact card, when (admins)',
    tags: ['personal data'],
    access: access.admins,
    query: accessLogQuery,
    responses: { 200: jsonResponse('Entries') },
    async handler({ query }, deps) {
      const { items: rows, total } = await listAccessLog(deps.db, query, query);
      return reply.json({ items: rows.map((row) => ({ ...row, at: toStockholmIso(row.at) })), page: query.page, pageSize: query.pageSize, total });
    },
  }),
];
