// Retention runs (MISSION.md §7): selection, approval by an admin, then deletion.
import { z } from 'zod';
import { access } from '../route-table/access.js';
import { defineRoute, jsonResponse, mediaResponse, reply } from '../route-table/route.js';
import { pagingQuery } from '../schemas.js';
import { streamCsv } from '../csv.js';
import { approveRetentionRun, listRetentionRuns, requireRetentionRun, RETENTION_CSV_HEADER, retentionCsvPages, retentionRunView } from '../use-cases/retention-run.js';
import { startScheduledRun } from '../use-cases/scheduled-runs.js';
import { runIdParam, startedRun } from './reviews.js';

const runQuery = z.strictObject({
  ...pagingQuery({ maxPageSize: 1000, defaultPageSize: 100 }),
  format: z.enum(['json', 'csv']).optional().meta({ description: 'csv: the whole selection (or send Accept: text/csv)' }),
});

export const retentionRunRoutes = [
  defineRoute({
    method: 'get',
    path: '/admin/retention-runs',
    operationId: 'listRetentionRuns',
    summary: 'The retention runs, newest first, with their counts (admins)',
    tags: ['maintenance'],
    access: access.admins,
    query: z.strictObject(pagingQuery({ maxPageSize: 200, defaultPageSize: 50 })),
    responses: { 200: jsonResponse('Runs') },
    handler: async ({ query }, deps) => reply.json(await listRetentionRuns(deps.db, query)),
  }),
  defineRoute({
    method: 'post',
    path: '/admin/retention-runs',
    operationId: 'startRetentionRun',
    summary: 'Start a retention run now (admins): selection, then approval, then deletion',
    tags: ['maintenance'],
    access: access.admins,
    responses: { 202: jsonResponse('Started; `id` is the run id', startedRun) },
    errors: [409],
    async handler(_input, deps) {
      const id = await startScheduledRun(deps.temporal, deps.scheduleIds.retention);
      return reply.json({ id, workflowId: id }, { status: 202, location: `/api/v1/admin/retention-runs/${id}` });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/admin/retention-runs/{id}',
    operationId: 'getRetentionRun',
    summary: 'The run with its selection (JSON, paged) or the whole selection as CSV (Accept: text/csv)',
    tags: ['maintenance'],
    access: access.admins,
    params: runIdParam,
    query: runQuery,
    responses: { 200: mediaResponse('Run', ['application/json', 'text/csv']) },
    errors: [404],
    async handler({ params, query, req }, deps) {
      const wantsCsv = query.format === 'csv' || (query.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
      if (!wantsCsv) return reply.json(await retentionRunView(deps.db, params.id, query));
      await requireRetentionRun(deps.db, params.id);
      return reply.stream('text/csv; charset=utf-8', streamCsv(RETENTION_CSV_HEADER, retentionCsvPages(deps.db, params.id)), {
        attachment: `retention-${params.id}.csv`,
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/admin/retention-runs/{id}/approve',
    operationId: 'approveRetentionRun',
    summary: 'Approve the selection; deletion starts (a Temporal update)',
    tags: ['maintenance'],
    access: access.admins,
    params: runIdParam,
    responses: { 200: jsonResponse('Approved') },
    errors: [404, 409],
    handler: async ({ params, caller }, deps) => reply.json(await approveRetentionRun(deps, { runId: params.id, approvedById: caller.coordinator.id })),
  }),
];
