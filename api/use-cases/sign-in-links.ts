// One-time sign-in links (the web app's passwordless sign-in, and the welcome email of a
// new account): a random secret in the link, only its hash stored, single use.
import { randomBytes } from 'node:crypto';
import { hashSecret } from '../../domain/secrets.js';
import type { Database } from '../../platform/database.js';

/** Stores a link for the coordinator and returns its secret (for the email only). */
export async function createSignInLink(
  db: Database,
  input: { coordinatorId: string; returnTo: string; lifetimeMs: number; now?: Date },
): Promise<{ secret: string; tokenHash: string }> {
  const now = input.now ?? new Date();
  const secret = randomBytes(32).toString('base64url');
  const tokenHash = hashSecret(secret);
  await db.signInLink.create({
    data: { tokenHash, coordinatorId: input.coordinatorId, returnTo: input.returnTo, expiresAt: new Date(now.getTime() + input.lifetimeMs) },
  });
  return { secret, tokenHash };
}

export const signInLinkUrl = (publicBaseUrl: string, secret: string) => `${publicBaseUrl}/sign-in/link?token=${secret}`;
