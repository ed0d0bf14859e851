// Captured email (MISSION.md §5): mail systems that push messages, and the review queue.
import { z } from 'zod';
import { toStockholmIso, toStockholmIsoOrNull } from '../../domain/stockholm-time.js';
import { access } from '../route-table/access.js';
import { defineRoute, jsonResponse, rawBody, reply } from '../route-table/route.js';
import { pagingQuery } from '../schemas.js';
import { ingestInboundEmail, INBOUND_EMAIL_MAX_BYTES } from '../use-cases/ingest-inbound-email.js';

const reviewQuery = z.strictObject({
  status: z.enum(['review', 'logged']).default('review'),
  ...pagingQuery({ maxPageSize: 200, defaultPageSize: 50 }),
});
const ingested = z.object({
  id: z.uuid(),
  status: z.enum(['logged', 'review']),
  reason: z.string().nullable(),
  duplicate: z.boolean(),
  activityIds: z.array(z.uuid()),
});

export const inboundEmailRoutes = [
  defineRoute({
    method: 'post',
    path: '/inbound-email',
    operationId: 'pushInboundEmail',
    summary: 'Push a raw RFC 5322 message (message/rfc822); it is logged on the matching contact cards or queued for review',
    tags: ['email'],
    access: access.coordinators,
    body: rawBody(['message/rfc822', 'text/plain', 'application/octet-stream'], {
      limit: INBOUND_EMAIL_MAX_BYTES,
      description: 'The raw RFC 5322 message',
    }),
    responses: { 202: jsonResponse('Stored', ingested), 200: jsonResponse('Already captured', ingested) },
    async handler({ body }, deps) {
      const result = await ingestInboundEmail({ db: deps.db, temporal: deps.temporal, ...deps.inboundEmail }, body, 'http');
      return reply.json(result, { status: result.duplicate ? 200 : 202 });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/admin/inbound-email',
    operationId: 'listInboundEmailQueue',
    summary: 'The review queue of captured email that matched no contact or came from an untrusted sender (admins)',
    tags: ['email'],
    access: access.admins,
    query: reviewQuery,
    responses: { 200: jsonResponse('Queue') },
    async handler({ query }, { db }) {
      const where = { status: query.status };
      const [total, rows] = await Promise.all([
        db.inboundEmail.count({ where }),
        db.inboundEmail.findMany({ where, orderBy: { receivedAt: 'desc' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
      ]);
      return reply.json({
        items: rows.map((row) => ({
          id: row.id,
          status: row.status,
          reason: row.reason,
          messageId: row.messageId,
          from: row.fromAddress,
          subject: row.subject,
          sentAt: toStockholmIsoOrNull(row.sentAt),
          receivedAt: toStockholmIso(row.receivedAt),
          receivedVia: row.receivedVia,
          text: row.text.slice(0, 2000),
          attachments: row.attachments,
          activityIds: row.activityIds,
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      });
    },
  }),
];
