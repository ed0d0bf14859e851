// Pluggable authenticators: each reads one kind of credential from the request. A route's
// access kind names the list of authenticators tried in order; the first that finds its
// credential decides. Coordinators send `Authorization: Bearer <token>` today (a session
// cookie authenticator can join the staff list), intake forms send `X-Api-Key`, the mail
// system sends its mail-ingest key as `Authorization: Bearer <key>`.
// Only hashes are stored; the lookup is by hash and the match is re-checked in constant time.
import type { Request, Response } from 'express';
import type { Role, SourceKind } from '../../domain/codes.js';
import { hashSecret, sameHash } from '../../domain/secrets.js';
import type { UnitCode } from '../../domain/units.js';
import type { Database } from '../../platform/database.js';
import { ProblemError } from '../problem.js';
import type { IntakeSourceCaller, MailIngestCaller, StaffCaller } from './caller.js';

export type AuthOutcome<C> =
  /** The credential this authenticator reads is not in the request. */
  | { outcome: 'absent'; problem: ProblemError; challenge?: string }
  /** The credential is present but unknown, revoked or expired. */
  | { outcome: 'rejected'; problem: ProblemError; challenge?: string }
  | { outcome: 'authenticated'; caller: C };

export interface Authenticator<C> {
  /** The OpenAPI security scheme this credential is published as. */
  securityScheme: { name: string; definition: Record<string, unknown> };
  /**
   * The browser sends this credential by itself (a cookie), so a cross-site form could
   * too: it is accepted on state-changing routes only when they check a CSRF token (pages).
   */
  sentByBrowser?: boolean;
  authenticate(req: Request, res: Response): Promise<AuthOutcome<C>>;
}

/** Authenticators per access kind that needs a credential. */
export interface Authenticators {
  staff: Authenticator<StaffCaller>[];
  'intake-source': Authenticator<IntakeSourceCaller>[];
  'mail-ingest': Authenticator<MailIngestCaller>[];
}

export const unauthorized = (detail: string) => new ProblemError(401, 'unauthorized', 'Authentication required', detail);

/**
 * The coordinator a token hash belongs to, read on every request so that a revoked or
 * expired token stops working at once. A raw statement: Prisma's findUnique builds its
 * query plan on every call, which made this lookup cost about four times the CPU of the
 * statement itself on each authenticated request (CPU profile of bench/card.ts).
 */
async function coordinatorByTokenHash(db: Database, tokenHash: string) {
  const [coordinator] = await db.$queryRaw<
    Array<{ id: string; name: string; unit: string; role: string; tokenHash: string; tokenExpiresAt: Date | null; revokedAt: Date | null }>
  >`SELECT id, name, unit, role, token_hash AS "tokenHash", token_expires_at AS "tokenExpiresAt", revoked_at AS "revokedAt"
    FROM coordinators WHERE token_hash = ${tokenHash}`;
  return coordinator;
}

export function bearerTokenAuthenticator(db: Database): Authenticator<StaffCaller> {
  return {
    securityScheme: { name: 'bearer', definition: { type: 'http', scheme: 'bearer', description: 'Coordinator token' } },
    async authenticate(req) {
      const header = req.get('authorization') ?? '';
      const match = /^Bearer\s+(\S{10,200})$/i.exec(header);
      if (!match) {
        return { outcome: 'absent', challenge: 'Bearer', problem: unauthorized('Send a coordinator token as "Authorization: Bearer <token>".') };
      }
      const tokenHash = hashSecret(match[1]!);
      const coordinator = await coordinatorByTokenHash(db, tokenHash);
      if (
        !coordinator ||
        !sameHash(coordinator.tokenHash, tokenHash) ||
        coordinator.revokedAt ||
        (coordinator.tokenExpiresAt && coordinator.tokenExpiresAt < new Date())
      ) {
        return { outcome: 'rejected', challenge: 'Bearer error="invalid_token"', problem: unauthorized('The token is unknown, revoked or expired.') };
      }
      return {
        outcome: 'authenticated',
        caller: {
          kind: 'staff',
          coordinator: { id: coordinator.id, name: coordinator.name, unit: coordinator.unit as UnitCode, role: coordinator.role as Role },
        },
      };
    },
  };
}

export function intakeKeyAuthenticator(db: Database): Authenticator<IntakeSourceCaller> {
  return {
    securityScheme: { name: 'intakeKey', definition: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'Key of an intake source' } },
    async authenticate(req) {
      const key = req.get('x-api-key');
      if (!key || key.length > 200) return { outcome: 'absent', problem: unauthorized('Send the intake source key as "X-Api-Key".') };
      const keyHash = hashSecret(key);
      const source = await db.intakeSource.findUnique({ where: { keyHash } });
      if (!source || !sameHash(source.keyHash, keyHash) || source.revokedAt) {
        return { outcome: 'rejected', problem: unauthorized('The intake source key is unknown or revoked.') };
      }
      return {
        outcome: 'authenticated',
        caller: {
          kind: 'intake-source',
          source: { id: source.id, name: source.name, kind: source.kind as SourceKind, municipality: source.municipality },
        },
      };
    },
  };
}

/**
 * POST /inbound-email is for a mail system, not a person: it takes the one dedicated
 * mail-ingest key (README, "Email"), never a coordinator's token, so a coordinator cannot
 * push a made-up message that stops a clock. Without a configured key nothing passes.
 */
export function mailIngestKeyAuthenticator(keyHash: string | undefined): Authenticator<MailIngestCaller> {
  const challenge = 'Bearer realm="mail-ingest"';
  return {
    securityScheme: {
      name: 'mailIngest',
      definition: { type: 'http', scheme: 'bearer', description: 'The mail-ingest key of the mail system (INBOUND_EMAIL_INGEST_KEY_SHA256)' },
    },
    async authenticate(req) {
      if (!keyHash) {
        return {
          outcome: 'rejected',
          challenge,
          problem: unauthorized('No mail-ingest key is configured (INBOUND_EMAIL_INGEST_KEY_SHA256); the push endpoint is off.'),
        };
      }
      const match = /^Bearer\s+(\S{16,200})$/i.exec(req.get('authorization') ?? '');
      if (!match) return { outcome: 'absent', challenge, problem: unauthorized('Send the mail-ingest key as "Authorization: Bearer <key>".') };
      // Hashing first gives both sides the same length, so the comparison takes constant time.
      if (!sameHash(keyHash, hashSecret(match[1]!))) {
        return { outcome: 'rejected', challenge: `${challenge}, error="invalid_token"`, problem: unauthorized('The mail-ingest key is not the configured one.') };
      }
      return { outcome: 'authenticated', caller: { kind: 'mail-ingest' } };
    },
  };
}

/** Today's credentials: bearer tokens (and, when given, the web app's session cookie) for staff, API keys for intake sources, the mail system's key. */
export const defaultAuthenticators = (
  db: Database,
  options: { mailIngestKeyHash?: string; browserStaff?: Authenticator<StaffCaller>[] } = {},
): Authenticators => ({
  staff: [bearerTokenAuthenticator(db), ...(options.browserStaff ?? [])],
  'intake-source': [intakeKeyAuthenticator(db)],
  'mail-ingest': [mailIngestKeyAuthenticator(options.mailIngestKeyHash)],
});
