// Messages of the newsletter workflows (MISSION.md §6), defined once and imported by the
// workflows and the API. Ids and counts only.
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export const CONFIRMATION_WORKFLOW_TYPE = 'newsletterConfirmationWorkflow';
export const CAMPAIGN_WORKFLOW_TYPE = 'campaignWorkflow';

export interface CampaignWorkflowInput {
  campaignId: string;
  batchSize: number;
  messagesPerSecond: number;
}

export interface CampaignProgress {
  campaignId: string;
  status: 'sending' | 'paused' | 'completed' | 'cancelled' | 'failed';
  sent: number;
  failed: number;
  remaining: number;
}

export const campaignProgressQuery = defineQuery<CampaignProgress>('campaignProgress');
export const pauseCampaignUpdate = defineUpdate<CampaignProgress>('pauseCampaign');
export const resumeCampaignUpdate = defineUpdate<CampaignProgress>('resumeCampaign');
export const cancelCampaignUpdate = defineUpdate<CampaignProgress>('cancelCampaign');
