// Coordinators send `Authorization: Bearer <token>`, intake forms send `X-Api-Key`.
// Only hashes are stored; the lookup is by hash and the match is re-checked in constant time.
import type { RequestHandler, Response } from 'express';
import { CASEWORK_ROLES, type Role, type SourceKind } from '../domain/codes.js';
import { hashSecret, sameHash } from '../domain/secrets.js';
import type { UnitCode } from '../domain/units.js';
import type { Database } from '../activities/database.js';
import { ProblemError } from './problem.js';

export interface AuthenticatedCoordinator {
  id: string;
  name: string;
  unit: UnitCode;
  role: Role;
}

export interface AuthenticatedSource {
  id: string;
  name: string;
  kind: SourceKind;
  municipality: string | null;
}

const unauthorized = (detail: string) => new ProblemError(401, 'unauthorized', 'Authentication required', detail);

/** Without a list of roles: everyone who works with cases, never a `viewer`. */
export function requireCoordinator(db: Database, roles: readonly Role[] = CASEWORK_ROLES): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S{10,200})$/i.exec(header);
    if (!match) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return next(unauthorized('Send a coordinator token as "Authorization: Bearer <token>".'));
    }
    const tokenHash = hashSecret(match[1]!);
    const coordinator = await db.coordinator.findUnique({ where: { tokenHash } });
    const now = new Date();
    if (
      !coordinator ||
      !sameHash(coordinator.tokenHash, tokenHash) ||
      coordinator.revokedAt ||
      (coordinator.tokenExpiresAt && coordinator.tokenExpiresAt < now)
    ) {
      res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      return next(unauthorized('The token is unknown, revoked or expired.'));
    }
    if (!roles.includes(coordinator.role as Role)) {
      return next(new ProblemError(403, 'forbidden', 'Forbidden', `This needs one of the roles: ${roles.join(', ')}.`));
    }
    res.locals.coordinator = {
      id: coordinator.id,
      name: coordinator.name,
      unit: coordinator.unit as UnitCode,
      role: coordinator.role as Role,
    } satisfies AuthenticatedCoordinator;
    next();
  };
}

export function requireIntakeSource(db: Database): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('x-api-key');
    if (!key || key.length > 200) return next(unauthorized('Send the intake source key as "X-Api-Key".'));
    const keyHash = hashSecret(key);
    const source = await db.intakeSource.findUnique({ where: { keyHash } });
    if (!source || !sameHash(source.keyHash, keyHash) || source.revokedAt) {
      return next(unauthorized('The intake source key is unknown or revoked.'));
    }
    res.locals.source = {
      id: source.id,
      name: source.name,
      kind: source.kind as SourceKind,
      municipality: source.municipality,
    } satisfies AuthenticatedSource;
    next();
  };
}

export const currentCoordinator = (res: Response) => res.locals.coordinator as AuthenticatedCoordinator;
export const currentSource = (res: Response) => res.locals.source as AuthenticatedSource;
