import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';
import { ProblemError } from './problem.js';

/** POST bodies must be JSON; anything else is a client mistake, not an empty body. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody && !req.is(['application/json', 'application/*+json'])) {
    return next(new ProblemError(415, 'unsupported-media-type', 'Send the body as application/json'));
  }
  next();
};

/** body-parser reports an error thrown by `verify` with this type (mapped to 400 in problem.ts). */
export const INVALID_UTF8 = 'encoding.invalid-utf8';

/**
 * express.json(), refusing bytes that are not UTF-8: decoding would turn them into U+FFFD
 * and store a message the person never wrote (issue 12, item 17).
 */
export function jsonParser(limit: string): RequestHandler {
  return express.json({
    limit,
    strict: true,
    verify: (_req, _res, buffer, encoding) => {
      if (/^utf-?8$/i.test(encoding) && !isUtf8(buffer)) throw Object.assign(new Error('The request body is not valid UTF-8'), { type: INVALID_UTF8 });
    },
  });
}
