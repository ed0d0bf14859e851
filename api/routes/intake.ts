import { access } from '../route-table/access.js';
import { defineRoute, jsonBody, jsonResponse, reply } from '../route-table/route.js';
import { idempotencyHeaders, intakeRequest, intakeResponse } from '../schemas.js';
import { createIntake } from '../use-cases/create-intake.js';

export const intakeRoutes = [
  defineRoute({
    method: 'post',
    path: '/intake',
    operationId: 'submitIntake',
    summary: 'Submit a contact from a web form (tasteget.nu, a municipality site) or an import',
    tags: ['intake'],
    access: access.intakeSource,
    headers: idempotencyHeaders,
    body: jsonBody(intakeRequest),
    responses: { 202: jsonResponse('Accepted: the case workflow has started', intakeResponse) },
    errors: [409],
    async handler({ headers, body, caller }, deps) {
      const answer = await createIntake(deps, { source: caller.source, body, idempotencyKey: headers['idempotency-key'] });
      return reply.json(answer.body, { status: answer.status, location: `/api/v1/cases/${answer.body.caseId}` });
    },
  }),
];
