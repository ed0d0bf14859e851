// Browser sessions kept in PostgreSQL, so any API instance serves them (MISSION.md §9).
// The cookie holds a random secret; the table holds its hash. A revoked guide's sessions
// end at once because every request re-reads the guide's row.
import { randomBytes } from 'node:crypto';
import type { Database } from '../platform/database.js';
import type { AuthenticatedCoordinator } from '../api/route-table/caller.js';
import type { Role } from '../domain/codes.js';
import { hashSecret } from '../domain/secrets.js';
import type { UnitCode } from '../domain/units.js';

export const SESSION_COOKIE = 'iv_session';
/** Before sign-in, forms are protected by a random token in this cookie (double submit). */
export const ANONYMOUS_CSRF_COOKIE = 'iv_csrf';
export const LANGUAGE_COOKIE = 'iv_lang';
const SESSION_LIFETIME_MS = 12 * 60 * 60_000;

export const newSecret = () => randomBytes(32).toString('base64url');

export interface CookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: '/';
  maxAge?: number;
}

/** Secure when the product is served over https (PUBLIC_BASE_URL), so local http still works. */
export function cookieOptions(publicBaseUrl: string, maxAge?: number): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: publicBaseUrl.startsWith('https:'), path: '/', ...(maxAge ? { maxAge } : {}) };
}

export async function startSession(db: Database, coordinatorId: string, now = new Date()) {
  const secret = newSecret();
  await db.webSession.create({
    data: {
      tokenHash: hashSecret(secret),
      coordinatorId,
      csrfToken: newSecret(),
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
    },
  });
  return { secret, maxAgeMs: SESSION_LIFETIME_MS };
}

export interface OpenSession {
  coordinator: AuthenticatedCoordinator;
  csrfToken: string;
}

export async function findSession(db: Database, secret: string | undefined, now = new Date()): Promise<OpenSession | null> {
  if (!secret || secret.length > 200) return null;
  const session = await db.webSession.findUnique({ where: { tokenHash: hashSecret(secret) }, include: { coordinator: true } });
  if (!session || session.expiresAt < now) return null;
  const { coordinator } = session;
  if (coordinator.revokedAt) {
    await db.webSession.deleteMany({ where: { coordinatorId: coordinator.id } });
    return null;
  }
  return {
    coordinator: { id: coordinator.id, name: coordinator.name, unit: coordinator.unit as UnitCode, role: coordinator.role as Role },
    csrfToken: session.csrfToken,
  };
}

export async function endSession(db: Database, secret: string | undefined) {
  if (!secret || secret.length > 200) return;
  await db.webSession.deleteMany({ where: { tokenHash: hashSecret(secret) } });
}
