// Issue 12, item 9: a campaign can be cancelled in every state that has something to stop:
// a draft, one whose start is still fixing its recipients, one sending or paused, and one
// whose start failed. Completed campaigns have nothing left to cancel.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Database } from '../../activities/database.js';
import { cancelCampaignUpdate } from '../../workflows/newsletter-definitions.js';
import { conflict, notFound } from '../problem.js';
import { asWorkflowCommand } from './workflow-commands.js';

export async function cancelCampaign(deps: { db: Database; temporal: Client }, input: { campaignId: string; workflowId: string }) {
  const { db } = deps;
  const campaign = await db.campaign.findUnique({ where: { id: input.campaignId } });
  if (!campaign) throw notFound('Campaign');
  if (campaign.status === 'completed') throw conflict('The campaign is completed.');
  if (campaign.status === 'cancelled') return undefined;
  const markCancelled = (from: string[]) =>
    db.campaign.updateMany({ where: { id: campaign.id, status: { in: from } }, data: { status: 'cancelled', completedAt: new Date() } });
  // Never started, or its workflow has ended with a failure: nothing runs, the row is the state.
  if (campaign.status === 'failed' || (campaign.status === 'draft' && !campaign.startedById)) {
    if ((await markCancelled([campaign.status])).count === 1) return undefined;
  }
  try {
    return await asWorkflowCommand(() => deps.temporal.workflow.getHandle(input.workflowId).executeUpdate(cancelCampaignUpdate));
  } catch (error) {
    // The start was asked for but its workflow never came to be (Temporal was unreachable).
    if (error instanceof WorkflowNotFoundError) {
      await markCancelled(['draft', 'failed']);
      return undefined;
    }
    throw error;
  }
}
