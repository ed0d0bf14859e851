// Rate limits on intake (per source key) and on failed authentication (per client
// address). Counters live in each API instance's memory: with N instances behind a load
// balancer the effective limit is up to N times higher, which is acceptable for abuse
// damping; a shared store can be plugged into express-rate-limit when that is not.
import { createHash } from 'node:crypto';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { ProblemError, sendProblem } from './problem.js';

export interface RateLimits {
  intakePerMinute: number;
  failedAuthPerMinute: number;
}

const tooMany = new ProblemError(429, 'rate-limited', 'Too many requests', 'Slow down and retry after the time in Retry-After.');

export function intakeRateLimit(limits: RateLimits) {
  return rateLimit({
    windowMs: 60_000,
    limit: limits.intakePerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Per form (source key), so one busy site cannot starve another.
    keyGenerator: (req) => createHash('sha256').update(req.get('x-api-key') ?? ipKeyGenerator(req.ip ?? '')).digest('hex'),
    handler: (req, res) => sendProblem(res, tooMany, req.originalUrl.split('?')[0] ?? req.path),
  });
}

/** Counts only answers of 401, so guessing secrets is slow while normal use is untouched. */
export function failedAuthRateLimit(limits: RateLimits) {
  return rateLimit({
    windowMs: 60_000,
    limit: limits.failedAuthPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (req, res) => sendProblem(res, tooMany, req.originalUrl.split('?')[0] ?? req.path),
  });
}
