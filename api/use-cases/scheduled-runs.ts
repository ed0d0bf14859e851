import type { Client } from '@temporalio/client';
import { conflict } from '../../domain/errors.js';
import { triggerScheduledRun } from '../../platform/schedules.js';

/** Starts a scheduled maintenance workflow now (review, retention); one run at a time. */
export async function startScheduledRun(temporal: Client, scheduleId: string): Promise<string> {
  const run = await triggerScheduledRun(temporal, scheduleId);
  if (run.alreadyRunning) throw conflict(`A run is already in progress: ${run.workflowId}`);
  return run.workflowId;
}
