// Rate limits on intake (per source key) and on failed authentication (per client
// address). Counters live in each API instance's memory: with N instances behind a load
// balancer the effective limit is up to N times higher, which is acceptable for abuse
// damping; a shared store can be plugged into express-rate-limit when that is not.
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { MemoryStore, rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { ProblemError, sendProblem } from './problem.js';

export interface RateLimits {
  intakePerMinute: number;
  /** Intakes in progress at once (api/admission.ts); unbounded when unset. */
  intakeInFlight?: number;
  failedAuthPerMinute: number;
  /** Newsletter subscriptions per client address; unlimited when unset. */
  subscribePerMinute?: number;
}

const WINDOW_MS = 60_000;
const tooMany = new ProblemError(429, 'rate-limited', 'Too many requests', 'Slow down and retry after the time in Retry-After.');
const instance = (req: { originalUrl: string; path: string }) => req.originalUrl.split('?')[0] ?? req.path;

export function intakeRateLimit(limits: RateLimits) {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: limits.intakePerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Per form (source key), so one busy site cannot starve another.
    keyGenerator: (req) => createHash('sha256').update(req.get('x-api-key') ?? ipKeyGenerator(req.ip ?? '')).digest('hex'),
    handler: (req, res) => sendProblem(res, tooMany, instance(req)),
  });
}

/** The public subscribe form sends an email to any address typed in: per client address. */
export function subscribeRateLimit(perMinute = 1_000_000) {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (req, res) => sendProblem(res, tooMany, instance(req)),
  });
}

/**
 * Counts only answers of 401, once they are sent, so guessing secrets is slow while
 * valid requests — however slow, concurrent or abandoned — never count. (A limiter
 * that counts every request on arrival and forgives it on a successful finish counts
 * requests still in flight, and forever those whose client went away.)
 */
export function failedAuthRateLimit(limits: RateLimits): RequestHandler {
  const store = new MemoryStore();
  store.init({ windowMs: WINDOW_MS } as Parameters<MemoryStore['init']>[0]);
  return async (req, res, next) => {
    const key = ipKeyGenerator(req.ip ?? '');
    const failures = await store.get(key);
    if (failures && failures.totalHits >= limits.failedAuthPerMinute) {
      const seconds = Math.max(1, Math.ceil(((failures.resetTime?.getTime() ?? Date.now() + WINDOW_MS) - Date.now()) / 1000));
      res.setHeader('Retry-After', String(seconds));
      res.setHeader('RateLimit-Policy', `"failed-auth";q=${limits.failedAuthPerMinute};w=${WINDOW_MS / 1000}`);
      res.setHeader('RateLimit', `"failed-auth";r=0;t=${seconds}`);
      return sendProblem(res, tooMany, instance(req));
    }
    res.once('finish', () => {
      if (res.statusCode === 401) void store.increment(key);
    });
    next();
  };
}

/**
 * The hosted contact form (issue 15) posts without a source key: limited per form, like a
 * source key on POST /intake, and per client address, like the public subscribe form.
 */
export function hostedFormRateLimit(limits: RateLimits): RequestHandler {
  const perForm = rateLimit({
    windowMs: WINDOW_MS,
    limit: limits.intakePerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `form:${req.path.split('/')[1] ?? ''}`,
    handler: (req, res) => sendProblem(res, tooMany, instance(req)),
  });
  const perAddress = subscribeRateLimit(limits.subscribePerMinute);
  return (req, res, next) => {
    if (req.method !== 'POST') return next();
    perForm(req, res, (error?: unknown) => (error ? next(error) : perAddress(req, res, next)));
  };
}
