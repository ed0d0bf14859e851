import { Router } from 'express';
import { requireIntakeSource, currentSource } from '../auth.js';
import { idempotencyKeyHeader, intakeRequest } from '../schemas.js';
import { createIntake, type IntakeDeps } from '../use-cases/create-intake.js';
import { parseOrThrow } from '../validate.js';

export function intakeRoutes(deps: IntakeDeps): Router {
  const router = Router();
  router.post('/intake', requireIntakeSource(deps.db), async (req, res) => {
    const idempotencyKey = req.get('idempotency-key');
    if (idempotencyKey !== undefined) parseOrThrow(idempotencyKeyHeader, idempotencyKey, 'header');
    const body = parseOrThrow(intakeRequest, req.body, 'body');
    const answer = await createIntake(deps, { source: currentSource(res), body, idempotencyKey });
    res.status(answer.status).location(`/api/v1/cases/${answer.body.caseId}`).json(answer.body);
  });
  return router;
}
