import type { RequestHandler } from 'express';
import { ProblemError } from './problem.js';

/** POST bodies must be JSON; anything else is a client mistake, not an empty body. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody && !req.is(['application/json', 'application/*+json'])) {
    return next(new ProblemError(415, 'unsupported-media-type', 'Send the body as application/json'));
  }
  next();
};
