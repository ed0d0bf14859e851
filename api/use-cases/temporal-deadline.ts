// A Temporal frontend that hangs (paused, overloaded) must not hold a request open:
// past this the call fails as a ServiceError, which the API answers with 503 and
// Retry-After; the transaction around it rolls back, so nothing is half written.
import type { Client } from '@temporalio/client';

export const TEMPORAL_CALL_DEADLINE_MS = 10_000;

export const withinTemporalDeadline = <T>(temporal: Client, call: () => Promise<T>): Promise<T> =>
  temporal.withDeadline(Date.now() + TEMPORAL_CALL_DEADLINE_MS, call);
