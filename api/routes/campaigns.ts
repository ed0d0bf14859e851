// Newsletters and meetup invitations (MISSION.md §6): created against a selection,
// started by a coordinator, sent by a Temporal workflow that can be paused, resumed and
// cancelled.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Database } from '../../activities/database.js';
import { eventInstantProblem, MAX_EVENT_MONTHS_AHEAD } from '../../domain/date-bounds.js';
import { selectionFilter } from '../../domain/selection.js';
import type { Prisma } from '../../prisma/generated/client.js';
import {
  CAMPAIGN_WORKFLOW_TYPE,
  campaignProgressQuery,
  pauseCampaignUpdate,
  resumeCampaignUpdate,
  type CampaignWorkflowInput,
} from '../../workflows/newsletter-definitions.js';
import { currentCoordinator } from '../auth.js';
import { conflict, notFound } from '../problem.js';
import { idParam, multiLineText, oneLineText } from '../schemas.js';
import { activeSubscribers } from '../use-cases/selection-query.js';
import { cancelCampaign } from '../use-cases/campaign-commands.js';
import { asWorkflowCommand } from '../use-cases/workflow-commands.js';
import { parseOrThrow } from '../validate.js';

export interface CampaignDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  workflowIdPrefix: string;
  campaignSending: { batchSize: number; messagesPerSecond: number };
}

const campaignText = multiLineText(50_000).min(1);
export const campaignRequest = z
  .strictObject({
    kind: z.enum(['newsletter', 'invitation']),
    title: oneLineText(200).min(1),
    text: z.strictObject({ sv: campaignText, en: campaignText.optional() }),
    event: z
      .strictObject({
        at: z.iso.datetime({ offset: true }).superRefine((value, ctx) => {
          const problem = eventInstantProblem(value);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
        place: oneLineText(300).min(1),
      })
      .optional()
      .meta({ description: `The meetup: not in the past, at most ${MAX_EVENT_MONTHS_AHEAD} months ahead` }),
    filter: selectionFilter,
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'invitation' && !body.event) ctx.addIssue({ code: 'custom', path: ['event'], message: 'an invitation needs the event time and place' });
    if (body.kind === 'newsletter' && body.event) ctx.addIssue({ code: 'custom', path: ['event'], message: 'a newsletter has no event' });
  });

export function campaignRoutes(deps: CampaignDeps): Router {
  const { db, temporal } = deps;
  const router = Router();
  const workflowIdOf = (campaignId: string) => `${deps.workflowIdPrefix}campaign-${campaignId}`;

  async function view(id: string) {
    const campaign = await db.campaign.findUnique({ where: { id } });
    if (!campaign) throw notFound('Campaign');
    const counts = await db.campaignRecipient.groupBy({ by: ['status'], where: { campaignId: id }, _count: true });
    const count = (status: string) => counts.find((row) => row.status === status)?._count ?? 0;
    const rsvps = await db.campaignRecipient.groupBy({ by: ['rsvp'], where: { campaignId: id, rsvp: { not: null } }, _count: true });
    return {
      id: campaign.id,
      kind: campaign.kind,
      title: campaign.title,
      // A started draft is fixing its recipients; "failed" means that step gave up.
      status: campaign.status === 'draft' && campaign.startedById ? 'starting' : campaign.status,
      workflowId: workflowIdOf(campaign.id),
      event: campaign.eventAt ? { at: campaign.eventAt.toISOString(), place: campaign.place } : null,
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

  router.post('/campaigns', async (req, res) => {
    const body = parseOrThrow(campaignRequest, req.body, 'body');
    const id = randomUUID();
    await db.campaign.create({
      data: {
        id,
        kind: body.kind,
        title: body.title,
        textSv: body.text.sv,
        textEn: body.text.en ?? null,
        eventAt: body.event ? new Date(body.event.at) : null,
        place: body.event?.place ?? null,
        filter: body.filter as Prisma.InputJsonValue,
        createdById: currentCoordinator(res).id,
      },
    });
    res.status(201).location(`/api/v1/campaigns/${id}`).json(await view(id));
  });

  router.get('/campaigns/:id', async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'path');
    res.json(await view(id));
  });

  router.post('/campaigns/:id/start', async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'path');
    const campaign = await db.campaign.findUnique({ where: { id } });
    if (!campaign) throw notFound('Campaign');
    if (campaign.status !== 'draft') throw conflict(`The campaign is ${campaign.status}.`);
    await db.campaign.update({ where: { id }, data: { startedById: currentCoordinator(res).id } });
    await temporal.workflow.start(CAMPAIGN_WORKFLOW_TYPE, {
      taskQueue: deps.taskQueue,
      workflowId: workflowIdOf(id),
      workflowIdConflictPolicy: 'USE_EXISTING',
      args: [{ campaignId: id, ...deps.campaignSending } satisfies CampaignWorkflowInput],
    });
    res.status(202).json(await view(id));
  });

  for (const [action, update] of [
    ['pause', pauseCampaignUpdate],
    ['resume', resumeCampaignUpdate],
  ] as const) {
    router.post(`/campaigns/:id/${action}`, async (req, res) => {
      const { id } = parseOrThrow(idParam, req.params, 'path');
      const campaign = await db.campaign.findUnique({ where: { id } });
      if (!campaign) throw notFound('Campaign');
      if (campaign.status === 'draft') throw conflict('The campaign has not started.');
      if (campaign.status === 'completed' || campaign.status === 'cancelled' || campaign.status === 'failed') throw conflict(`The campaign is ${campaign.status}.`);
      const progress = await asWorkflowCommand(() => temporal.workflow.getHandle(workflowIdOf(id)).executeUpdate(update));
      res.json({ ...(await view(id)), live: progress });
    });
  }

  router.post('/campaigns/:id/cancel', async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'path');
    const progress = await cancelCampaign(deps, { campaignId: id, workflowId: workflowIdOf(id) });
    res.json({ ...(await view(id)), ...(progress ? { live: progress } : {}) });
  });

  router.get('/campaigns/:id/progress', async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'path');
    if (!(await db.campaign.findUnique({ where: { id }, select: { id: true } }))) throw notFound('Campaign');
    res.json(await temporal.workflow.getHandle(workflowIdOf(id)).query(campaignProgressQuery));
  });

  router.get('/campaigns/:id/rsvps', async (req, res) => {
    const { id } = parseOrThrow(idParam, req.params, 'path');
    if (!(await db.campaign.findUnique({ where: { id }, select: { id: true } }))) throw notFound('Campaign');
    const rows = await db.campaignRecipient.findMany({
      where: { campaignId: id, rsvp: { not: null } },
      include: { contact: { select: { firstName: true, lastName: true, email: true, phone: true } } },
      orderBy: { rsvpAt: 'asc' },
    });
    res.json({
      items: rows.map((row) => ({
        contactId: row.contactId,
        name: `${row.contact.firstName} ${row.contact.lastName}`.trim(),
        email: row.contact.email,
        phone: row.contact.phone,
        answer: row.rsvp,
        at: row.rsvpAt?.toISOString() ?? null,
      })),
    });
  });

  return router;
}
