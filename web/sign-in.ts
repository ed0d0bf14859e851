// Passwordless sign-in: a one-time link to the address registered for the guide. Single
// use, 15 minutes, only the hash stored; the place the guide was going survives the trip.
import type { Database } from '../platform/database.js';
import type { Mailer } from '../activities/mailer.js';
import { hashSecret } from '../domain/secrets.js';
import { createSignInLink, signInLinkUrl } from '../api/use-cases/sign-in-links.js';
import { words, type Language } from './i18n.js';

export const SIGN_IN_LINK_LIFETIME_MS = 15 * 60_000;

/** Only a path inside this app: never another site (an open redirect) and never the API. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?!\/)[A-Za-z0-9/_?&=%.-]*$/.test(value) || value.startsWith('/api/')) return '/';
  return value.length > 500 ? '/' : value;
}

/** Sends the link if the address is a guide's; says nothing either way (no account probing). */
export async function sendSignInLink(
  deps: { db: Database; mailer: Mailer; publicBaseUrl: string },
  input: { email: string; returnTo: string; lang: Language },
  now = new Date(),
): Promise<void> {
  const coordinator = await deps.db.coordinator.findUnique({ where: { email: input.email.trim().toLowerCase() } });
  if (!coordinator || coordinator.revokedAt) return;
  const { secret, tokenHash } = await createSignInLink(deps.db, {
    coordinatorId: coordinator.id,
    returnTo: safeReturnTo(input.returnTo),
    lifetimeMs: SIGN_IN_LINK_LIFETIME_MS,
    now,
  });
  const t = words(input.lang);
  const link = signInLinkUrl(deps.publicBaseUrl, secret);
  await deps.mailer.send({
    idempotencyKey: `sign-in:${tokenHash}`,
    to: [coordinator.email],
    subject: t.signInEmailSubject,
    text: `${t.signInEmailBody}\n\n${link}\n`,
  });
}

/** Marks the link used (once, atomically) and says whose it was and where they were going. */
export async function redeemSignInLink(db: Database, secret: string, now = new Date()) {
  const tokenHash = hashSecret(secret);
  const claimed = await db.signInLink.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) return null;
  const link = await db.signInLink.findUniqueOrThrow({ where: { tokenHash }, include: { coordinator: true } });
  if (link.coordinator.revokedAt) return null;
  const returnTo = safeReturnTo(link.returnTo);
  // Decision makers see the figures and nothing else: their home is the figures page.
  return { coordinatorId: link.coordinatorId, returnTo: link.coordinator.role === 'viewer' && returnTo === '/' ? '/figures' : returnTo };
}
