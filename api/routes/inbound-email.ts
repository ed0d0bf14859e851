import express, { Router } from 'express';
import { z } from 'zod';
import { requireCoordinator } from '../auth.js';
import { requireMailIngestKey } from '../mail-ingest-auth.js';
import { ProblemError } from '../problem.js';
import { ingestInboundEmail, type InboundEmailDeps } from '../use-cases/ingest-inbound-email.js';
import { parseOrThrow } from '../validate.js';
import { InboundEmailTooLarge } from '../../activities/inbound-email-parser.js';

export const INBOUND_EMAIL_MAX_BYTES = 25 * 1024 * 1024;

const reviewQuery = z.strictObject({
  status: z.enum(['review', 'logged']).default('review'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** For mail systems that push messages: the raw RFC 5322 message as the body. */
export function inboundEmailRoutes(deps: InboundEmailDeps): Router {
  const router = Router();
  router.post(
    '/inbound-email',
    requireMailIngestKey(deps.ingestKeyHash),
    express.raw({ type: ['message/rfc822', 'text/plain', 'application/octet-stream'], limit: INBOUND_EMAIL_MAX_BYTES }),
    async (req, res) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new ProblemError(415, 'unsupported-media-type', 'Send the raw message as message/rfc822');
      }
      try {
        const result = await ingestInboundEmail(deps, req.body, 'http');
        res.status(result.duplicate ? 200 : 202).json(result);
      } catch (error) {
        if (error instanceof InboundEmailTooLarge) throw new ProblemError(413, 'too-large', 'The message is too large');
        throw error;
      }
    },
  );

  router.get('/admin/inbound-email', requireCoordinator(deps.db, ['admin']), async (req, res) => {
    const query = parseOrThrow(reviewQuery, req.query, 'query');
    const where = { status: query.status };
    const [total, rows] = await Promise.all([
      deps.db.inboundEmail.count({ where }),
      deps.db.inboundEmail.findMany({
        where,
        orderBy: { receivedAt: 'desc' },
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
    ]);
    res.json({
      items: rows.map((row) => ({
        id: row.id,
        status: row.status,
        reason: row.reason,
        messageId: row.messageId,
        from: row.fromAddress,
        subject: row.subject,
        sentAt: row.sentAt?.toISOString() ?? null,
        receivedAt: row.receivedAt.toISOString(),
        receivedVia: row.receivedVia,
        text: row.text.slice(0, 2000),
        attachments: row.attachments,
        activityIds: row.activityIds,
        duplicateCount: row.duplicateCount,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    });
  });
  return router;
}
