import { access } from '../route-table/access.js';
import { defineRoute, jsonBody, jsonResponse, reply } from '../route-table/route.js';
import { caseListQuery, caseView, closeRequest, idParam, transferRequest } from '../schemas.js';
import { closeCaseWithNote, transferCase } from '../use-cases/case-commands.js';
import { listCases, loadCaseView } from '../use-cases/case-queries.js';
import { z } from 'zod';

const caseList = z.object({ items: z.array(caseView), total: z.int(), page: z.int(), pageSize: z.int() });

export const caseRoutes = [
  defineRoute({
    method: 'get',
    path: '/cases',
    operationId: 'listCases',
    summary: 'List cases by unit, status or overdue',
    tags: ['cases'],
    access: access.readers,
    query: caseListQuery,
    responses: { 200: jsonResponse('A page of cases', caseList) },
    handler: async ({ query }, deps) => reply.json(await listCases(deps.db, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/cases/{id}',
    operationId: 'getCase',
    summary: 'One case with its live SLA state',
    tags: ['cases'],
    access: access.readers,
    params: idParam,
    responses: { 200: jsonResponse('Case', caseView) },
    errors: [404],
    handler: async ({ params }, deps) => reply.json(await loadCaseView(deps, params.id)),
  }),
  defineRoute({
    method: 'post',
    path: '/cases/{id}/transfer',
    operationId: 'transferCase',
    summary: 'Transfer to another municipality or the region; the new unit is notified, the SLA clock keeps running',
    tags: ['cases'],
    access: access.coordinators,
    params: idParam,
    body: jsonBody(transferRequest),
    responses: { 200: jsonResponse('Transferred', caseView) },
    errors: [404, 409],
    async handler({ params, body, caller }, deps) {
      await transferCase(deps, { caseId: params.id, to: body.to, note: body.note, author: caller.coordinator });
      return reply.json(await loadCaseView(deps, params.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/cases/{id}/close',
    operationId: 'closeCase',
    summary: 'Close the case (ends its workflow; the contact card and dialog stay)',
    tags: ['cases'],
    access: access.coordinators,
    params: idParam,
    body: jsonBody(closeRequest, { optional: true }),
    responses: { 200: jsonResponse('Closed', caseView) },
    errors: [404],
    async handler({ params, body, caller }, deps) {
      await closeCaseWithNote(deps, { caseId: params.id, author: caller.coordinator, note: body.note });
      return reply.json(await loadCaseView(deps, params.id));
    },
  }),
];
