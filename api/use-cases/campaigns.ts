// Newsletters and meetup invitations (MISSION.md §6): created against a selection,
// started by an administrator, sent by a Temporal workflow that can be paused, resumed
// and cancelled.
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { conflict, notFound } from '../../domain/errors.js';
import { selectionFilter, type SelectionFilter } from '../../domain/selection.js';
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
import { campaignEmail, campaignMessageFor, type CampaignContent } from '../../activities/newsletter-emails.js';
import type { CsvCell } from '../csv.js';

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
    // A started draft is fixing its recipients; "failed" means that step gave up.
    status: campaign.status === 'draft' && campaign.startedById ? 'starting' : campaign.status,
    workflowId: workflowIdOf(deps, campaign.id),
    event: campaign.eventAt ? { at: toStockholmIso(campaign.eventAt), place: campaign.place } : null,
    recipientCount:
      campaign.status === 'draft'
        ? // A filter stored before today's rules cannot be evaluated; its campaign will fail to start.
          selectionFilter.safeParse(campaign.filter).success
          ? await db.contact.count({ where: activeSubscribers(campaign.filter as never) })
          : 0
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

export const CAMPAIGN_COMMANDS = { pause: pauseCampaignUpdate, resume: resumeCampaignUpdate } as const;
export type CampaignCommand = keyof typeof CAMPAIGN_COMMANDS;

/** Pause or resume a running campaign; answers the workflow's live progress. */
export async function commandCampaign(deps: CampaignDeps, input: { campaignId: string; command: CampaignCommand }) {
  const campaign = await requireCampaign(deps.db, input.campaignId);
  if (campaign.status === 'draft') throw conflict('The campaign has not started.');
  if (campaign.status === 'completed' || campaign.status === 'cancelled' || campaign.status === 'failed') {
    throw conflict(`The campaign is ${campaign.status}.`);
  }
  return asWorkflowCommand(() => deps.temporal.workflow.getHandle(workflowIdOf(deps, campaign.id)).executeUpdate(CAMPAIGN_COMMANDS[input.command]));
}

/**
 * Issue 12, item 9: a campaign can be cancelled in every state that has something to stop:
 * a draft, one whose start is still fixing its recipients, one sending or paused, and one
 * whose start failed. Completed campaigns have nothing left to cancel. Answers the
 * workflow's live progress when a workflow was asked, else undefined.
 */
export async function cancelCampaign(deps: CampaignDeps, campaignId: string) {
  const { db } = deps;
  const campaign = await requireCampaign(db, campaignId);
  if (campaign.status === 'completed') throw conflict('The campaign is completed.');
  if (campaign.status === 'cancelled') return undefined;
  const markCancelled = (from: string[]) =>
    db.campaign.updateMany({ where: { id: campaign.id, status: { in: from } }, data: { status: 'cancelled', completedAt: new Date() } });
  // Never started, or its workflow has ended with a failure: nothing runs, the row is the state.
  if (campaign.status === 'failed' || (campaign.status === 'draft' && !campaign.startedById)) {
    if ((await markCancelled([campaign.status])).count === 1) return undefined;
  }
  try {
    return await asWorkflowCommand(() => deps.temporal.workflow.getHandle(workflowIdOf(deps, campaign.id)).executeUpdate(cancelCampaignUpdate));
  } catch (error) {
    // The start was asked for but its workflow never came to be (Temporal was unreachable).
    if (error instanceof WorkflowNotFoundError) {
      await markCancelled(['draft', 'failed']);
      return undefined;
    }
    throw error;
  }
}

export async function campaignProgress(deps: CampaignDeps, campaignId: string) {
  await requireCampaign(deps.db, campaignId);
  return deps.temporal.workflow.getHandle(workflowIdOf(deps, campaignId)).query(campaignProgressQuery);
}

export async function listCampaigns(deps: CampaignDeps, paging: { page: number; pageSize: number }) {
  const [total, rows] = await Promise.all([
    deps.db.campaign.count(),
    deps.db.campaign.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: (paging.page - 1) * paging.pageSize, take: paging.pageSize, select: { id: true, createdAt: true } }),
  ]);
  const items = await Promise.all(rows.map(async (row) => ({ ...(await campaignView(deps, row.id)), createdAt: toStockholmIso(row.createdAt) })));
  return { total, items };
}

/** The campaign's text and event as stored, for the preview of its email. */
export async function campaignContent(db: Database, id: string): Promise<CampaignContent & { filter: unknown }> {
  const { kind, title, textSv, textEn, eventAt, place, filter } = await requireCampaign(db, id);
  return { kind, title, textSv, textEn, eventAt, place, filter };
}

/**
 * The email exactly as a recipient of that language gets it, built by the same functions
 * the sending activity uses; only the personal link tokens are examples.
 */
export function previewCampaignEmail(content: CampaignContent, language: 'sv' | 'en', publicBaseUrl: string) {
  const message = campaignMessageFor(content, { language }, { publicBaseUrl, rsvpToken: 'exempel', unsubscribeToken: 'exempel' });
  return { language: message.language, ...campaignEmail(message) };
}

const RSVP_PAGE = 1000;

/** All answers in the order they came, or (for streaming) one page after a contact id. */
async function rsvpRows(db: Database, campaignId: string, paged?: { after: string }) {
  const rows = await db.campaignRecipient.findMany({
    where: { campaignId, rsvp: { not: null }, ...(paged?.after ? { contactId: { gt: paged.after } } : {}) },
    include: { contact: { select: { firstName: true, lastName: true, email: true, phone: true } } },
    orderBy: paged ? { contactId: 'asc' } : { rsvpAt: 'asc' },
    take: paged ? RSVP_PAGE : undefined,
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

export async function campaignRsvps(db: Database, campaignId: string) {
  await requireCampaign(db, campaignId);
  return rsvpRows(db, campaignId);
}

export const RSVP_CSV_HEADER = ['contactId', 'name', 'email', 'phone', 'answer', 'answeredAt'] as const;

/** Every answer of an invitation, page by page for the CSV writer (api/csv.ts). */
export async function* campaignRsvpCsvPages(db: Database, campaignId: string): AsyncIterable<CsvCell[][]> {
  let after = '';
  for (;;) {
    const page = await rsvpRows(db, campaignId, { after });
    if (page.length === 0) return;
    yield page.map((row) => [row.contactId, row.name, row.email, row.phone, row.answer, row.at]);
    after = page.at(-1)!.contactId;
  }
}
