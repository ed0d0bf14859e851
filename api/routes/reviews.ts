// Move-status review rounds (MISSION.md §7): an admin starts one, coordinators work the list.
import { z } from 'zod';
import { access } from '../route-table/access.js';
import { defineRoute, jsonBody, jsonResponse, reply } from '../route-table/route.js';
import { pagingQuery, unitCode } from '../schemas.js';
import { markReviewedUnchanged, reviewRoundView } from '../use-cases/move-status-review.js';
import { startScheduledRun } from '../use-cases/scheduled-runs.js';

/** Review and retention run ids are Temporal workflow ids, not UUIDs. */
export const runId = z.string().min(1).max(200).regex(/^[A-Za-z0-9:._-]+$/);
export const runIdParam = z.strictObject({ id: runId });
export const startedRun = z.object({ id: z.string(), workflowId: z.string() });

const reviewQuery = z.strictObject({
  unit: unitCode.optional(),
  open: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  ...pagingQuery({ maxPageSize: 500, defaultPageSize: 100 }),
});
const reviewedRequest = z.strictObject({ unit: unitCode.optional() });

export const reviewRoutes = [
  defineRoute({
    method: 'post',
    path: '/admin/reviews',
    operationId: 'startReview',
    summary: 'Start the move-status review now (admins); 409 when one is running',
    tags: ['maintenance'],
    access: access.admins,
    responses: { 202: jsonResponse('Started; `id` is the review id', startedRun) },
    errors: [409],
    async handler(_input, deps) {
      const id = await startScheduledRun(deps.temporal, deps.scheduleIds.review);
      return reply.json({ id, workflowId: id }, { status: 202, location: `/api/v1/reviews/${id}` });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/reviews/{id}',
    operationId: 'getReview',
    summary: 'Progress per unit and the review list (filter by unit, open; paged)',
    tags: ['maintenance'],
    access: access.readers,
    params: runIdParam,
    query: reviewQuery,
    responses: { 200: jsonResponse('Review') },
    errors: [404],
    handler: async ({ params, query }, deps) => reply.json(await reviewRoundView(deps.db, params.id, query)),
  }),
  defineRoute({
    method: 'post',
    path: '/reviews/{id}/items/{contactId}/reviewed',
    operationId: 'markReviewed',
    summary: 'Mark a contact reviewed without change (optionally for one unit)',
    tags: ['maintenance'],
    access: access.coordinators,
    params: z.strictObject({ id: runId, contactId: z.uuid() }),
    body: jsonBody(reviewedRequest, { optional: true }),
    responses: { 200: jsonResponse('Marked') },
    errors: [404, 409],
    handler: async ({ params, body, caller }, deps) =>
      reply.json(await markReviewedUnchanged(deps.db, { reviewId: params.id, contactId: params.contactId, unit: body.unit, reviewedById: caller.coordinator.id })),
  }),
];
