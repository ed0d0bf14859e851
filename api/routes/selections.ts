// Selections over contact cards (MISSION.md §6).
import { z } from 'zod';
import { selectionFilter } from '../../domain/selection.js';
import { access } from '../route-table/access.js';
import { defineRoute, jsonBody, jsonResponse, reply } from '../route-table/route.js';
import { idParam } from '../schemas.js';
import { listSelections, loadSelection, previewSelection, saveSelection } from '../use-cases/saved-selections.js';

export const selectionPreviewRequest = z
  .strictObject({
    filter: selectionFilter,
    onlySubscribers: z.boolean().default(true).meta({ description: 'Count only active subscribers, the people a newsletter would reach' }),
  })
  .meta({ id: 'SelectionPreviewRequest' });

export const saveSelectionRequest = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[^\p{Cc}]*$/u, 'contains control characters'),
    filter: selectionFilter,
  })
  .meta({ id: 'SaveSelectionRequest' });

const savedSelection = z
  .object({ id: z.uuid(), name: z.string(), filter: z.unknown(), createdById: z.uuid(), createdAt: z.string() })
  .meta({ id: 'SavedSelection' });
const savedSelectionWithCounts = savedSelection.extend({ count: z.int(), subscriberCount: z.int() }).meta({ id: 'SavedSelectionWithCounts' });

export const selectionRoutes = [
  defineRoute({
    method: 'post',
    path: '/selections/preview',
    operationId: 'previewSelection',
    summary: 'How many contacts a filter matches, with a small sample',
    tags: ['selections'],
    access: access.readers,
    body: jsonBody(selectionPreviewRequest),
    responses: { 200: jsonResponse('Count and sample') },
    handler: async ({ body }, deps) => reply.json(await previewSelection(deps.db, body)),
  }),
  defineRoute({
    method: 'post',
    path: '/selections',
    operationId: 'saveSelection',
    summary: 'Keep a named filter for newsletters and invitations',
    tags: ['selections'],
    access: access.admins,
    body: jsonBody(saveSelectionRequest),
    responses: { 201: jsonResponse('Saved', savedSelectionWithCounts) },
    errors: [409],
    async handler({ body, caller }, deps) {
      const saved = await saveSelection(deps.db, { ...body, createdById: caller.coordinator.id });
      return reply.json(saved, { status: 201, location: `/api/v1/selections/${saved.id}` });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/selections',
    operationId: 'listSelections',
    summary: 'The saved selections by name',
    tags: ['selections'],
    access: access.readers,
    responses: { 200: jsonResponse('Saved selections', z.object({ items: z.array(savedSelection) })) },
    handler: async (_input, deps) => reply.json({ items: await listSelections(deps.db) }),
  }),
  defineRoute({
    method: 'get',
    path: '/selections/{id}',
    operationId: 'getSelection',
    summary: 'A saved selection with its current counts',
    tags: ['selections'],
    access: access.readers,
    params: idParam,
    responses: { 200: jsonResponse('Saved selection', savedSelectionWithCounts) },
    errors: [404],
    handler: async ({ params }, deps) => reply.json(await loadSelection(deps.db, params.id)),
  }),
];
