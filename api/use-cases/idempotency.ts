import { createHash } from 'node:crypto';
import type { Prisma } from '../../prisma/generated/client.js';
import { conflict } from '../../domain/errors.js';
import { idempotencyLockKey, lockUntilTransactionEnds } from '../../platform/advisory-lock.js';

type Transaction = Prisma.TransactionClient;

export interface StoredAnswer<T> {
  status: number;
  body: T;
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/**
 * Serialises requests that share a key (advisory lock for the rest of the transaction),
 * then replays the stored answer: same key and body → same result, other body → 409.
 */
export async function replayIdempotent<T>(
  tx: Transaction,
  scope: string,
  key: string,
  hash: string,
): Promise<StoredAnswer<T> | undefined> {
  await lockUntilTransactionEnds(tx, idempotencyLockKey(scope, key));
  const prior = await tx.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
  if (!prior) return undefined;
  if (prior.requestHash !== hash) {
    throw conflict('This Idempotency-Key was already used with a different request body.');
  }
  return { status: prior.responseStatus, body: prior.responseBody as T };
}

export async function rememberAnswer<T>(tx: Transaction, scope: string, key: string, hash: string, answer: StoredAnswer<T>) {
  await tx.idempotencyRecord.create({
    data: { scope, key, requestHash: hash, responseStatus: answer.status, responseBody: answer.body as Prisma.InputJsonValue },
  });
}

