// Newsletters and meetup invitations (MISSION.md §6): created against a selection,
// started by an administrator, sent by a Temporal workflow that can be paused, resumed
// and cancelled.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { conflict, notFound } from '../../domain/errors.js';
import type { SelectionFilter } from '../../domain/selection.js';
import { toStockholmIso, toStockholmIsoOrNull } from '../../domain/stockholm-time.js';
import type { Database } from '../../platform/database.js';
import type { Prisma } from '../../prisma/generated/client.js';
import {
  CAMPAIGN_WORKFLOW_TYPE,
  campaignProgressQuery,
  cancelCampaignUpdate,
  pauseCampaignUpdate,
  resumeCampaignUpdate,
  type CampaignWorkflowInput,
} from '../../workflows/newsletter-definitions.js';
import { activeSubscribers } from '../../platform/contact-selection-query.js';
import { asWorkflowCommand } from './workflow-commands.js';

export interface CampaignDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  workflowIdPrefix: string;
  campaignSending: { batchSize: number; messagesPerSecond: number };
}

export interface NewCampaign {
  kind: 'newsletter' | 'invitation';
  title: string;
  text: { sv: string; en?: string };
  event?: { at: string; place: string };
  filter: SelectionFilter;
}

const workflowIdOf = (deps: { workflowIdPrefix: string }, campaignId: string) => `${deps.workflowIdPrefix}campaign-${campaignId}`;

async function requireCampaign(db: Database, id: string) {
  const campaign = await db.campaign.findUnique({ where: { id } });
  if (!campaign) throw notFound('Campaign');
  return campaign;
}

export async function campaignView(deps: CampaignDeps, id: string) {
  const { db } = deps;
  const campaign = await requireCampaign(db, id);
  const counts = await db.campaignRecipient.groupBy({ by: ['status'], where: { campaignId: id }, _count: true });
  const count = (status: string) => counts.find((row) => row.status === status)?._count ?? 0;
  const rsvps = await db.campaignRecipient.groupBy({ by: ['rsvp'], where: { campaignId: id, rsvp: { not: null } }, _count: true });
  return {
    id: campaign.id,
    kind: campaign.kind,
    title: campaign.title,
    status: campaign.status,
    workflowId: workflowIdOf(deps, campaign.id),
    event: campaign.eventAt ? { at: toStockholmIso(campaign.eventAt), place: campaign.place } : null,
    recipientCount:
      campaign.status === 'draft'
        ? await db.contact.count({ where: activeSubscribers(campaign.filter as never) })
        : counts.reduce((sum, row) => sum + row._count, 0),
    progress: { sent: count('sent'), failed: count('failed'), skipped: count('skipped'), remaining: count('pending') },
    rsvp: { yes: rsvps.find((row) => row.rsvp === 'yes')?._count ?? 0, no: rsvps.find((row) => row.rsvp === 'no')?._count ?? 0 },
  };
}

export async function createCampaign(deps: CampaignDeps, input: { campaign: NewCampaign; createdById: string }) {
  const { campaign } = input;
  const id = randomUUID();
  await deps.db.campaign.create({
    data: {
      id,
      kind: campaign.kind,
      title: campaign.title,
      textSv: campaign.text.sv,
      textEn: campaign.text.en ?? null,
      eventAt: campaign.event ? new Date(campaign.event.at) : null,
      place: campaign.event?.place ?? null,
      filter: campaign.filter as Prisma.InputJsonValue,
      createdById: input.createdById,
    },
  });
  return id;
}

export async function startCampaign(deps: CampaignDeps, input: { campaignId: string; startedById: string }) {
  const id = input.campaignId;
  const campaign = await requireCampaign(deps.db, id);
  if (campaign.status !== 'draft') throw conflict(`The campaign is ${campaign.status}.`);
  await deps.db.campaign.update({ where: { id }, data: { startedById: input.startedById } });
  await deps.temporal.workflow.start(CAMPAIGN_WORKFLOW_TYPE, {
    taskQueue: deps.taskQueue,
    workflowId: workflowIdOf(deps, id),
    workflowIdConflictPolicy: 'USE_EXISTING',
    args: [{ campaignId: id, ...deps.campaignSending } satisfies CampaignWorkflowInput],
  });
}

export const CAMPAIGN_COMMANDS = { pause: pauseCampaignUpdate, resume: resumeCampaignUpdate, cancel: cancelCampaignUpdate } as const;
export type CampaignCommand = keyof typeof CAMPAIGN_COMMANDS;

/** Pause, resume or cancel a running campaign; answers the workflow's live progress. */
export async function commandCampaign(deps: CampaignDeps, input: { campaignId: string; command: CampaignCommand }) {
  const campaign = await requireCampaign(deps.db, input.campaignId);
  if (campaign.status === 'draft') throw conflict('The campaign has not started.');
  if (campaign.status === 'completed' || campaign.status === 'cancelled') throw conflict(`The campaign is ${campaign.status}.`);
  return asWorkflowCommand(() => deps.temporal.workflow.getHandle(workflowIdOf(deps, campaign.id)).executeUpdate(CAMPAIGN_COMMANDS[input.command]));
}

export async function campaignProgress(deps: CampaignDeps, campaignId: string) {
  await requireCampaign(deps.db, campaignId);
  return deps.temporal.workflow.getHandle(workflowIdOf(deps, campaignId)).query(campaignProgressQuery);
}

export async function campaignRsvps(db: Database, campaignId: string) {
  await requireCampaign(db, campaignId);
  const rows = await db.campaignRecipient.findMany({
    where: { campaignId, rsvp: { not: null } },
    include: { contact: { select: { firstName: true, lastName: true, email: true, phone: true } } },
    orderBy: { rsvpAt: 'asc' },
  });
  return rows.map((row) => ({
    contactId: row.contactId,
    name: `${row.contact.firstName} ${row.contact.lastName}`.trim(),
    email: row.contact.email,
    phone: row.contact.phone,
    answer: row.rsvp,
    at: toStockholmIsoOrNull(row.rsvpAt),
  }));
}
