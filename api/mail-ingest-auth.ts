// POST /inbound-email is for a mail system, not a person: it takes one dedicated
// mail-ingest key (README, "Email"), never a coordinator's token, so a coordinator cannot
// push a made-up message that stops a clock.
import type { RequestHandler } from 'express';
import { hashSecret, sameHash } from '../domain/secrets.js';
import { ProblemError } from './problem.js';

export function requireMailIngestKey(keyHash: string | undefined): RequestHandler {
  return (req, res, next) => {
    const match = /^Bearer\s+(\S{16,200})$/i.exec(req.get('authorization') ?? '');
    // Hashing first gives both sides the same length, so the comparison takes constant time.
    if (!keyHash || !match || !sameHash(keyHash, hashSecret(match[1]!))) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="mail-ingest"');
      return next(
        new ProblemError(
          401,
          'unauthorized',
          'Authentication required',
          keyHash
            ? 'Send the mail-ingest key as "Authorization: Bearer <key>".'
            : 'No mail-ingest key is configured (INBOUND_EMAIL_INGEST_KEY_SHA256); the push endpoint is off.',
        ),
      );
    }
    next();
  };
}
