// The one advisory-lock helper: work on one natural key (an idempotency key, a contact's
// email) is serialised across API instances until the caller's transaction ends.
import type { Prisma } from '../prisma/generated/client.js';

/**
 * The same text always maps to the same 64-bit lock, in every process. Several keys are
 * taken in one round trip, in the order given (callers keep one order, so none deadlock).
 */
export async function lockUntilTransactionEnds(tx: Prisma.TransactionClient, ...keys: string[]): Promise<void> {
  if (keys.length === 1) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${keys[0]}, 0))`;
  } else if (keys.length > 1) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM unnest(${keys}::text[]) WITH ORDINALITY AS lock(key, position)`;
  }
}

/** The key of an idempotent request: its scope and the client's Idempotency-Key. */
export const idempotencyLockKey = (scope: string, key: string) => `${scope}\n${key}`;
