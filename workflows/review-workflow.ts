// The yearly move-status review (MISSION.md §7): one list per unit, a summary email, a
// reminder to units with open items, then the round closes and its result is stored.
import { durationToMs } from '../domain/duration.js';
import { proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { createReviewActivities } from '../activities/review-activities.js';
import { reviewProgressQuery, type ReviewProgress, type ReviewWorkflowInput } from './maintenance-definitions.js';

const activities = proxyActivities<ReturnType<typeof createReviewActivities>>({
  // Building 100 000 list entries is one INSERT … SELECT; give it room.
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function moveStatusReviewWorkflow(input: ReviewWorkflowInput): Promise<ReviewProgress> {
  const reviewId = workflowInfo().workflowId;
  let progress: ReviewProgress = { reviewId, status: 'open', units: [], refreshedAt: null };
  setHandler(reviewProgressQuery, () => progress);

  const remindAt = Date.now() + durationToMs(input.remindAfter);
  const closesAt = Date.now() + durationToMs(input.closeAfter);
  await activities.openReview({
    reviewId,
    remindAt: new Date(remindAt).toISOString(),
    closesAt: new Date(closesAt).toISOString(),
  });
  progress = await activities.loadReviewProgress({ reviewId });
  await activities.emailReviewSummaries({ reviewId });

  // Progress is re-read from the database now and then, so the Web UI query shows it
  // without one history event per reviewed contact.
  let reminded = false;
  while (Date.now() < closesAt) {
    const nextStop = Math.min(closesAt, reminded ? closesAt : remindAt, Date.now() + durationToMs(input.progressRefreshEvery));
    if (nextStop > Date.now()) await sleep(nextStop - Date.now());
    progress = await activities.loadReviewProgress({ reviewId });
    if (!reminded && Date.now() >= remindAt) {
      await activities.remindUnitsWithOpenItems({ reviewId });
      reminded = true;
    }
  }
  progress = await activities.closeReview({ reviewId });
  return progress;
}
