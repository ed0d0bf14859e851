// Newsletters and meetup invitations (MISSION.md §6).
import { z } from 'zod';
import { eventInstantProblem, MAX_EVENT_MONTHS_AHEAD } from '../../domain/date-bounds.js';
import { selectionFilter } from '../../domain/selection.js';
import { access } from '../route-table/access.js';
import { defineRoute, jsonBody, jsonResponse, reply, type Route } from '../route-table/route.js';
import { idParam, multiLineText, oneLineText, pagingQuery } from '../schemas.js';
import {
  CAMPAIGN_COMMANDS,
  campaignProgress,
  campaignRsvps,
  campaignView,
  cancelCampaign,
  commandCampaign,
  createCampaign,
  listCampaigns,
  startCampaign,
  type CampaignCommand,
} from '../use-cases/campaigns.js';

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
  })
  .meta({ id: 'CampaignRequest' });

const campaign = z
  .object({
    id: z.uuid(),
    kind: z.enum(['newsletter', 'invitation']),
    title: z.string(),
    status: z.string().meta({ description: 'draft, starting (fixing its recipients), sending, paused, completed, cancelled or failed (the start gave up)' }),
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
    method: 'get',
    path: '/campaigns',
    operationId: 'listCampaigns',
    summary: 'Newsletters and invitations, newest first, with status, progress and RSVP tally',
    tags: ['campaigns'],
    access: access.readers,
    query: z.strictObject(pagingQuery({ maxPageSize: 200, defaultPageSize: 50 })),
    responses: { 200: jsonResponse('Campaigns', z.object({ total: z.int(), items: z.array(campaign.extend({ createdAt: z.string() })) })) },
    handler: async ({ query }, deps) => reply.json(await listCampaigns(deps, query)),
  }),
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
    method: 'post',
    path: '/campaigns/{id}/cancel',
    operationId: 'cancelCampaign',
    summary:
      'Cancel a campaign in any state but completed (admins): a draft, a failed start and an already cancelled campaign answer at once; ' +
      'a starting, sending or paused one through its workflow, and then `live` is its progress',
    tags: ['campaigns'],
    access: access.admins,
    params: idParam,
    responses: { 200: jsonResponse('Cancelled', campaign.extend({ live: z.unknown().optional() })) },
    errors: [404, 409],
    async handler({ params }, deps) {
      const live = await cancelCampaign(deps, params.id);
      return reply.json({ ...(await campaignView(deps, params.id)), ...(live ? { live } : {}) });
    },
  }),
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
