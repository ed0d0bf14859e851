// Messages of the yearly register-maintenance workflows (MISSION.md §7), defined once and
// imported by the workflows and the API. Ids and counts only.
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export const REVIEW_WORKFLOW_TYPE = 'moveStatusReviewWorkflow';
export const RETENTION_WORKFLOW_TYPE = 'retentionWorkflow';
export const REVIEW_SCHEDULE_ID = 'move-status-review';
export const RETENTION_SCHEDULE_ID = 'retention';
export const NEWSLETTER_EXPIRY_WORKFLOW_TYPE = 'newsletterExpiryWorkflow';
export const NEWSLETTER_EXPIRY_SCHEDULE_ID = 'newsletter-expiry';

/** How long an unconfirmed subscription request is kept ('7 days'). */
export interface NewsletterExpiryInput {
  expireAfter: string;
}

/** Durations as Temporal duration strings ('21 days'), configurable per deployment. */
export interface ReviewWorkflowInput {
  remindAfter: string;
  closeAfter: string;
  progressRefreshEvery: string;
}

export interface UnitProgress {
  unit: string;
  total: number;
  reviewed: number;
  open: number;
}

export interface ReviewProgress {
  reviewId: string;
  status: 'open' | 'closed';
  units: UnitProgress[];
  refreshedAt: string | null;
}

export interface RetentionWorkflowInput {
  approvalTimeout: string;
  batchSize: number;
}

export interface RetentionProgress {
  runId: string;
  status: 'selecting' | 'awaiting-approval' | 'deleting' | 'completed' | 'expired';
  selected: number;
  deleted: number;
  kept: number;
}

export const reviewProgressQuery = defineQuery<ReviewProgress>('reviewProgress');
export const retentionProgressQuery = defineQuery<RetentionProgress>('retentionProgress');
export const approveRetentionUpdate = defineUpdate<RetentionProgress, [{ approvedById: string }]>('approveRetention');
