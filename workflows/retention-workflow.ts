// Yearly retention (MISSION.md §7): select contacts inactive for five years (newsletter
// subscribers never), let an administrator approve the selection, then delete in batches.
// Without approval within the timeout nothing is deleted.
import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createRetentionActivities } from '../activities/retention-activities.js';
import {
  approveRetentionUpdate,
  retentionProgressQuery,
  type RetentionProgress,
  type RetentionWorkflowInput,
} from './maintenance-definitions.js';

const activities = proxyActivities<ReturnType<typeof createRetentionActivities>>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// Keeps each run's history short however many batches a country-wide register needs.
const BATCHES_PER_RUN = 200;

export interface RetentionContinuation {
  runId: string;
  approvedById: string;
}

export async function retentionWorkflow(
  input: RetentionWorkflowInput,
  continuation?: RetentionContinuation,
): Promise<RetentionProgress> {
  const runId = continuation?.runId ?? workflowInfo().workflowId;
  let progress: RetentionProgress = { runId, status: 'selecting', selected: 0, deleted: 0, kept: 0 };
  let approvedById = continuation?.approvedById;
  setHandler(retentionProgressQuery, () => progress);
  setHandler(
    approveRetentionUpdate,
    async ({ approvedById: approver }) => {
      if (!approvedById) {
        approvedById = approver;
        await activities.recordApproval({ runId, approvedById: approver });
      }
      return progress;
    },
    {
      validator: ({ approvedById: approver }) => {
        if (!approver) throw ApplicationFailure.nonRetryable('approveRetention needs the approving administrator', 'RetentionCommandRejected');
        if (progress.status !== 'awaiting-approval' && !approvedById) throw ApplicationFailure.nonRetryable(`The run is ${progress.status}`, 'RetentionCommandRejected');
      },
    },
  );

  if (!continuation) {
    progress = await activities.selectRetentionCandidates({
      runId,
      startedAt: new Date(Date.now()).toISOString(),
      approvalTimeout: input.approvalTimeout,
    });
    await activities.emailRetentionSelection({ runId });
    progress = { ...progress, status: 'awaiting-approval' };
    if (!(await condition(() => approvedById !== undefined, input.approvalTimeout))) {
      progress = await activities.expireRetentionRun({ runId });
      return progress;
    }
  }

  progress = { ...progress, status: 'deleting' };
  for (let batch = 0; batch < BATCHES_PER_RUN; batch++) {
    const result = await activities.deleteRetentionBatch({ runId, batchSize: input.batchSize });
    progress = result.progress;
    if (result.remaining === 0) {
      progress = await activities.completeRetentionRun({ runId, approvedById: approvedById! });
      return progress;
    }
  }
  await condition(allHandlersFinished);
  return continueAsNew<typeof retentionWorkflow>(input, { runId, approvedById: approvedById! });
}
