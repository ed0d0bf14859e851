// Issue 14, target 1: intake throughput must not collapse as concurrency rises. Past a
// bound on requests in flight, more concurrency only lengthens queues (database pool,
// Temporal client) until every request is slow; refusing the excess at once with 503 and
// Retry-After keeps the admitted ones fast and tells well-behaved clients when to retry.
// The bound is per API instance, like the rate limits.
import type { RequestHandler } from 'express';
import { ProblemError, sendProblem } from './problem.js';

const busy = new ProblemError(503, 'busy', 'Too many requests in progress', 'Nothing was written. Retry after the seconds in Retry-After.');

export function admissionControl(options: { maxInFlight: number; retryAfterSeconds?: number }): RequestHandler {
  let inFlight = 0;
  return (req, res, next) => {
    if (inFlight >= options.maxInFlight) {
      res.setHeader('Retry-After', String(options.retryAfterSeconds ?? 1));
      sendProblem(res, busy, req.originalUrl.split('?')[0] ?? req.path);
      return;
    }
    inFlight += 1;
    // 'close' fires once the answer is sent or the client went away, whichever is first.
    res.once('close', () => {
      inFlight -= 1;
    });
    next();
  };
}
