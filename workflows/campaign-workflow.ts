// Sends a newsletter or invitation (MISSION.md §6): recipients are fixed when it starts,
// batches go out at a configured rate, each recipient gets exactly one message, and a
// coordinator can pause, resume or cancel it at any time.
import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { createNewsletterActivities } from '../activities/newsletter-activities.js';
import {
  campaignProgressQuery,
  cancelCampaignUpdate,
  pauseCampaignUpdate,
  resumeCampaignUpdate,
  type CampaignProgress,
  type CampaignWorkflowInput,
} from './newsletter-definitions.js';

const activities = proxyActivities<ReturnType<typeof createNewsletterActivities>>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// Keeps each run's history short for campaigns to hundreds of thousands.
const BATCHES_PER_RUN = 250;

export async function campaignWorkflow(input: CampaignWorkflowInput, resumed?: CampaignProgress): Promise<CampaignProgress> {
  let progress: CampaignProgress = resumed ?? { campaignId: input.campaignId, status: 'sending', sent: 0, failed: 0, remaining: 0 };
  let cancelled = false;
  let paused = resumed?.status === 'paused';
  setHandler(campaignProgressQuery, () => progress);
  setHandler(pauseCampaignUpdate, async () => {
    if (progress.status !== 'sending') return progress;
    paused = true;
    progress = await activities.setCampaignStatus({ campaignId: input.campaignId, status: 'paused' });
    return progress;
  });
  setHandler(resumeCampaignUpdate, async () => {
    if (progress.status !== 'paused') return progress;
    paused = false;
    progress = await activities.setCampaignStatus({ campaignId: input.campaignId, status: 'sending' });
    return progress;
  });
  setHandler(cancelCampaignUpdate, async () => {
    if (progress.status === 'completed' || progress.status === 'cancelled') return progress;
    cancelled = true;
    progress = await activities.setCampaignStatus({ campaignId: input.campaignId, status: 'cancelled' });
    return progress;
  });

  if (!resumed) progress = await activities.fixCampaignRecipients({ campaignId: input.campaignId });

  for (let batch = 0; batch < BATCHES_PER_RUN; batch++) {
    await condition(() => !paused || cancelled);
    if (cancelled) return progress;
    const started = Date.now();
    const result = await activities.sendCampaignBatch({ campaignId: input.campaignId, batchSize: input.batchSize });
    progress = { ...result, status: cancelled ? 'cancelled' : paused ? 'paused' : 'sending' };
    if (result.remaining === 0) {
      if (!cancelled) progress = await activities.setCampaignStatus({ campaignId: input.campaignId, status: 'completed' });
      return progress;
    }
    const batchBudgetMs = (input.batchSize / input.messagesPerSecond) * 1000;
    const spare = batchBudgetMs - (Date.now() - started);
    if (spare > 0) await sleep(spare);
  }
  // A pause or cancel still running its activity would be lost with this run's history.
  await condition(allHandlersFinished);
  return continueAsNew<typeof campaignWorkflow>(input, progress);
}
