// Captured email (MISSION.md §5): mail systems that push messages, and the review queue.
import { z } from 'zod';
import { access } from '../route-table/access.js';
import { defineRoute, jsonBody, jsonResponse, rawBody, reply } from '../route-table/route.js';
import { idParam, pagingQuery } from '../schemas.js';
import { ingestInboundEmail, INBOUND_EMAIL_MAX_BYTES } from '../use-cases/ingest-inbound-email.js';
import { logAccess } from '../use-cases/personal-data.js';
import { attachQueuedEmail, discardQueuedEmail, inboundEmailQueue, QUEUE_STATUSES, REVIEW_DIRECTIONS } from '../use-cases/inbound-email-review.js';

const attachRequest = z
  .strictObject({ contactId: z.uuid(), direction: z.enum(REVIEW_DIRECTIONS).meta({ description: "inbound: the person's email; outbound: a guide's (counts as a first reply)" }) })
  .meta({ id: 'AttachInboundEmailRequest' });
const reviewQuery = z.strictObject({
  status: z.enum(QUEUE_STATUSES).default('review'),
  ...pagingQuery({ maxPageSize: 200, defaultPageSize: 50 }),
});
const ingested = z.object({
  id: z.uuid(),
  status: z.enum(['logged', 'review', 'discarded']),
  reason: z.string().nullable(),
  duplicate: z.boolean(),
  activityIds: z.array(z.uuid()),
});

export const inboundEmailRoutes = [
  defineRoute({
    method: 'post',
    path: '/inbound-email',
    operationId: 'pushInboundEmail',
    summary:
      'Push a raw RFC 5322 message (message/rfc822) from a mail system; it is logged on the matching contact cards or queued for review. A coordinator counts as its author only with a DKIM signature aligned with their domain or a trusted relay’s Authentication-Results',
    tags: ['email'],
    // A mail system's key, never a coordinator's token: a coordinator cannot push a made-up message that stops a clock.
    access: access.mailIngest,
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
    handler: async ({ query }, { db }) => reply.json(await inboundEmailQueue(db, query)),
  }),
  defineRoute({
    method: 'post',
    path: '/admin/inbound-email/{id}/attach',
    operationId: 'attachInboundEmail',
    summary: 'Log a queued message on a contact card as inbound or outbound email (admins); an audit record keeps who and where',
    tags: ['email'],
    access: access.admins,
    params: idParam,
    body: jsonBody(attachRequest),
    responses: { 200: jsonResponse('Logged on the card') },
    errors: [404, 409],
    async handler({ params, body, caller }, deps) {
      const attached = await attachQueuedEmail(deps, { emailId: params.id, contactId: body.contactId, direction: body.direction, actor: caller.coordinator });
      await logAccess(deps.db, caller.coordinator.id, body.contactId, 'write');
      return reply.json(attached);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/admin/inbound-email/{id}/discard',
    operationId: 'discardInboundEmail',
    summary: 'Discard a queued message (admins): its content is removed, an audit record keeps who and when',
    tags: ['email'],
    access: access.admins,
    params: idParam,
    responses: { 200: jsonResponse('Discarded') },
    errors: [404, 409],
    handler: async ({ params, caller }, deps) => reply.json(await discardQueuedEmail(deps, { emailId: params.id, actor: caller.coordinator })),
  }),
];
