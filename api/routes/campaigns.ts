// Newsletters and meetup invitations (MISSION.md §6).
import { z } from 'zod';
import { selectionFilter } from '../../domain/selection.js';
import { access } from '../route-table/access.js';
import { defineRoute, jsonBody, jsonResponse, reply, type Route } from '../route-table/route.js';
import { idParam } from '../schemas.js';
import {
  CAMPAIGN_COMMANDS,
  campaignProgress,
  campaignRsvps,
  campaignView,
  commandCampaign,
  createCampaign,
  startCampaign,
  type CampaignCommand,
} from '../use-cases/campaigns.js';

const campaignText = z.string().trim().min(1).max(50_000);
export const campaignRequest = z
  .strictObject({
    kind: z.enum(['newsletter', 'invitation']),
    title: z.string().trim().min(1).max(200),
    text: z.strictObject({ sv: campaignText, en: campaignText.optional() }),
    event: z.strictObject({ at: z.iso.datetime({ offset: true }), place: z.string().trim().min(1).max(300) }).optional(),
    filter: selectionFilter,
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'invitation' && !body.event) ctx.addIssue({ code: 'custom', path: ['event'], message: 'an invitation needs the event time and place' });
    if (body.kind === 'newsletter' && body.event) ctx.addIssue({ code: 'custom', path: ['event'], message: 'a newsletter has no event' });
  })
  .meta({ id: 'CampaignRequest' });

const campaign = z
  .object({
    id: z.uuid(),
    kind: z.enum(['newsletter', 'invitation']),
    title: z.string(),
    status: z.string(),
    workflowId: z.string(),
    event: z.object({ at: z.string(), place: z.string().nullable() }).nullable(),
    recipientCount: z.int(),
    progress: z.object({ sent: z.int(), failed: z.int(), skipped: z.int(), remaining: z.int() }),
    rsvp: z.object({ yes: z.int(), no: z.int() }),
  })
  .meta({ id: 'Campaign' });

const commandRoute = (command: CampaignCommand): Route =>
  defineRoute({
    method: 'post',
    path: `/campaigns/{id}/${command}`,
    operationId: `${command}Campaign`,
    summary: `${command[0]!.toUpperCase()}${command.slice(1)} a running campaign (a Temporal update, admins); \`live\` is the workflow's progress`,
    tags: ['campaigns'],
    access: access.admins,
    params: idParam,
    responses: { 200: jsonResponse('Done', campaign.extend({ live: z.unknown() })) },
    errors: [404, 409],
    async handler({ params }, deps) {
      const live = await commandCampaign(deps, { campaignId: params.id, command });
      return reply.json({ ...(await campaignView(deps, params.id)), live });
    },
  });

export const campaignRoutes = [
  defineRoute({
    method: 'post',
    path: '/campaigns',
    operationId: 'createCampaign',
    summary: 'Create a newsletter or an invitation (a draft) for a selection',
    tags: ['campaigns'],
    access: access.admins,
    body: jsonBody(campaignRequest),
    responses: { 201: jsonResponse('Created', campaign) },
    async handler({ body, caller }, deps) {
      const id = await createCampaign(deps, { campaign: body, createdById: caller.coordinator.id });
      return reply.json(await campaignView(deps, id), { status: 201, location: `/api/v1/campaigns/${id}` });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/campaigns/{id}',
    operationId: 'getCampaign',
    summary: 'A campaign with its recipient count, progress and RSVP tally',
    tags: ['campaigns'],
    access: access.readers,
    params: idParam,
    responses: { 200: jsonResponse('Campaign', campaign) },
    errors: [404],
    handler: async ({ params }, deps) => reply.json(await campaignView(deps, params.id)),
  }),
  defineRoute({
    method: 'post',
    path: '/campaigns/{id}/start',
    operationId: 'startCampaign',
    summary: 'Start sending a draft campaign',
    tags: ['campaigns'],
    access: access.admins,
    params: idParam,
    responses: { 202: jsonResponse('Sending', campaign) },
    errors: [404, 409],
    async handler({ params, caller }, deps) {
      await startCampaign(deps, { campaignId: params.id, startedById: caller.coordinator.id });
      return reply.json(await campaignView(deps, params.id), { status: 202 });
    },
  }),
  ...(Object.keys(CAMPAIGN_COMMANDS) as CampaignCommand[]).map(commandRoute),
  defineRoute({
    method: 'get',
    path: '/campaigns/{id}/progress',
    operationId: 'campaignProgress',
    summary: "The campaign workflow's live progress (a Temporal query)",
    tags: ['campaigns'],
    access: access.readers,
    params: idParam,
    responses: { 200: jsonResponse('Progress') },
    errors: [404],
    handler: async ({ params }, deps) => reply.json(await campaignProgress(deps, params.id)),
  }),
  defineRoute({
    method: 'get',
    path: '/campaigns/{id}/rsvps',
    operationId: 'campaignRsvps',
    summary: 'Who answered an invitation, and how',
    tags: ['campaigns'],
    access: access.readers,
    params: idParam,
    responses: { 200: jsonResponse('Answers') },
    errors: [404],
    handler: async ({ params }, deps) => reply.json({ items: await campaignRsvps(deps.db, params.id) }),
  }),
];
