import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createCaseActivities, type CaseActivityDeps } from '../activities/case-activities.js';
import { createNewsletterActivities } from '../activities/newsletter-activities.js';
import { createNewsletterExpiryActivities } from '../activities/newsletter-expiry.js';
import { createRetentionActivities } from '../activities/retention-activities.js';
import { createReviewActivities } from '../activities/review-activities.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface ActivityDeps extends CaseActivityDeps {
  /** Retention ends the case workflows of contacts it deletes. */
  temporal: Client;
  reviewUrl: (reviewId: string) => string;
  retentionRunUrl: (runId: string) => string;
  publicBaseUrl: string;
  /** Tests stop the worker between retention batches. */
  beforeBatch?: (runId: string) => Promise<void>;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createCaseActivities(deps),
    ...createReviewActivities(deps),
    ...createRetentionActivities({ ...deps, runUrl: deps.retentionRunUrl }),
    ...createNewsletterActivities(deps),
    ...createNewsletterExpiryActivities(deps),
  };
}

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activityDeps: ActivityDeps;
  /** A prebuilt bundle (tests build one per run); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkflowBundleOption;
  /** WORKER_MAX_CACHED_WORKFLOWS; the SDK's own default grows with the machine's memory. */
  maxCachedWorkflows?: number;
}

export function createProductWorker(options: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities(options.activityDeps),
    ...(options.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
  });
}
