// The two yearly maintenance runs as Temporal Schedules (MISSION.md §7), created or
// brought up to date idempotently at worker start and by `npm run -s cli -- schedules sync`.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import {
  RETENTION_SCHEDULE_ID,
  RETENTION_WORKFLOW_TYPE,
  REVIEW_SCHEDULE_ID,
  REVIEW_WORKFLOW_TYPE,
  type RetentionWorkflowInput,
  type ReviewWorkflowInput,
} from '../workflows/maintenance-definitions.js';
import type { Config } from '../domain/config.js';
import { STOCKHOLM_ZONE } from '../domain/stockholm-time.js';

export interface MaintenanceScheduleConfig {
  taskQueue: string;
  idPrefix: string;
  reviewCron: string;
  retentionCron: string;
  review: ReviewWorkflowInput;
  retention: RetentionWorkflowInput;
}

export const scheduleIds = (idPrefix: string) => ({
  review: `${idPrefix}${REVIEW_SCHEDULE_ID}`,
  retention: `${idPrefix}${RETENTION_SCHEDULE_ID}`,
});

function scheduleOptions(config: MaintenanceScheduleConfig): ScheduleOptions[] {
  const ids = scheduleIds(config.idPrefix);
  // Two runs of the same kind never overlap; a run missed while the cluster was down still starts.
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' } as const;
  return [
    {
      scheduleId: ids.review,
      spec: { cronExpressions: [config.reviewCron], timezone: STOCKHOLM_ZONE },
      action: {
        type: 'startWorkflow',
        workflowType: REVIEW_WORKFLOW_TYPE,
        workflowId: ids.review,
        taskQueue: config.taskQueue,
        args: [config.review],
      },
      policies,
    },
    {
      scheduleId: ids.retention,
      spec: { cronExpressions: [config.retentionCron], timezone: STOCKHOLM_ZONE },
      action: {
        type: 'startWorkflow',
        workflowType: RETENTION_WORKFLOW_TYPE,
        workflowId: ids.retention,
        taskQueue: config.taskQueue,
        args: [config.retention],
      },
      policies,
    },
  ];
}

export async function syncSchedules(client: Client, config: MaintenanceScheduleConfig): Promise<string[]> {
  const synced: string[] = [];
  for (const options of scheduleOptions(config)) {
    try {
      await client.schedule.create(options);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(options.scheduleId).update((previous) => ({
        ...previous,
        spec: options.spec,
        action: options.action as typeof previous.action,
        policies: { ...previous.policies, ...options.policies },
      }));
    }
    synced.push(options.scheduleId);
  }
  return synced;
}

/**
 * Starts a run now through its schedule, so the overlap policy holds for manual runs too,
 * and answers with the workflow id of the running run (the review's or retention run's id).
 */
export async function triggerScheduledRun(client: Client, scheduleId: string): Promise<{ workflowId: string; alreadyRunning: boolean }> {
  const handle = client.schedule.getHandle(scheduleId);
  const running = async () => (await handle.describe()).info.runningActions.map((action) => action.workflow.workflowId);
  const before = await running();
  if (before.length > 0) return { workflowId: before[0]!, alreadyRunning: true };
  await handle.trigger(ScheduleOverlapPolicy.SKIP);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const now = await running();
    if (now.length > 0) return { workflowId: now[0]!, alreadyRunning: false };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Schedule ${scheduleId} did not start a run`);
}

export function maintenanceScheduleConfig(config: Config): MaintenanceScheduleConfig {
  return {
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    idPrefix: config.WORKFLOW_ID_PREFIX,
    reviewCron: config.REVIEW_SCHEDULE,
    retentionCron: config.RETENTION_SCHEDULE,
    review: {
      remindAfter: config.REVIEW_REMIND_AFTER,
      closeAfter: config.REVIEW_CLOSE_AFTER,
      progressRefreshEvery: config.REVIEW_PROGRESS_REFRESH,
    },
    retention: { approvalTimeout: config.RETENTION_APPROVAL_TIMEOUT, batchSize: config.RETENTION_BATCH_SIZE },
  };
}
