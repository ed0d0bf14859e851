import { z } from 'zod';
import { toStockholmIso } from '../../domain/stockholm-time.js';
import { access } from '../route-table/access.js';
import { defineRoute, jsonBody, jsonResponse, reply } from '../route-table/route.js';
import {
  activityRequest,
  activityView,
  caseState,
  contactCard,
  contactListQuery,
  contactSummary,
  idempotencyHeaders,
  idParam,
  mergeContactsRequest,
  mergeContactsResponse,
  moveStatusRequest,
} from '../schemas.js';
import { loadContactCard, searchContacts } from '../use-cases/contact-queries.js';
import { logActivity } from '../use-cases/log-activity.js';
import { mergeContacts } from '../use-cases/merge-contacts.js';
import { changeMoveStatus } from '../use-cases/contact-changes.js';
import { logAccess } from '../use-cases/personal-data.js';

const contactList = z.object({ items: z.array(contactSummary), total: z.int(), page: z.int(), pageSize: z.int() });
const loggedActivity = z.object({ activity: activityView, cases: z.array(caseState) });
const moveStatusRecorded = z.object({
  id: z.uuid(),
  moveStatus: z.string(),
  movedTo: z.object({ municipality: z.string().nullable(), on: z.string().nullable() }),
  lastActivityAt: z.string(),
  reviewItemsUpdated: z.int(),
});

export const contactRoutes = [
  defineRoute({
    method: 'get',
    path: '/contacts',
    operationId: 'searchContacts',
    summary: 'Search contact cards',
    tags: ['contacts'],
    access: access.readers,
    query: contactListQuery,
    responses: { 200: jsonResponse('A page of contacts', contactList) },
    handler: async ({ query }, deps) => reply.json(await searchContacts(deps.db, query)),
  }),
  defineRoute({
    method: 'get',
    path: '/contacts/{id}',
    operationId: 'getContactCard',
    summary: 'The contact card: data, preferred contact, cases with live SLA state, the dialog log (newest first)',
    tags: ['contacts'],
    access: access.readers,
    params: idParam,
    responses: { 200: jsonResponse('Contact card', contactCard) },
    errors: [404],
    async handler({ params, caller }, deps) {
      return reply.json(await loadContactCard(deps, params.id, caller.coordinator.id));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/contacts/{id}/activities',
    operationId: 'logActivity',
    summary: 'Log dialog; an outbound email or a call/meeting that reached the person is a first reply',
    tags: ['contacts'],
    access: access.coordinators,
    params: idParam,
    headers: idempotencyHeaders,
    body: jsonBody(activityRequest),
    responses: { 201: jsonResponse('Logged; `cases` lists the case states a first reply changed', loggedActivity) },
    errors: [404, 409],
    async handler({ params, headers, body, caller }, deps) {
      const result = await logActivity(deps, {
        contactId: params.id,
        author: caller.coordinator,
        body,
        idempotencyKey: headers['idempotency-key'],
      });
      await logAccess(deps.db, caller.coordinator.id, params.id, 'write');
      return reply.json({ activity: result.activity, cases: result.cases }, { status: result.status });
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/contacts/{id}/move-status',
    operationId: 'recordMoveStatus',
    summary: 'Record a move status (moved needs municipality and movedOn); marks the contact reviewed in open review rounds',
    tags: ['contacts', 'maintenance'],
    access: access.coordinators,
    params: idParam,
    body: jsonBody(moveStatusRequest),
    responses: { 200: jsonResponse('Recorded', moveStatusRecorded) },
    errors: [404],
    async handler({ params, body, caller }, deps) {
      const { contact, reviewItemsUpdated } = await changeMoveStatus(deps.db, { contactId: params.id, change: body, author: caller.coordinator });
      await logAccess(deps.db, caller.coordinator.id, params.id, 'write');
      return reply.json({
        id: contact.id,
        moveStatus: contact.moveStatus,
        movedTo: { municipality: contact.movedToMunicipality, on: contact.movedOn?.toISOString().slice(0, 10) ?? null },
        lastActivityAt: toStockholmIso(contact.lastActivityAt),
        reviewItemsUpdated,
      });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/contacts/{id}/merge',
    operationId: 'mergeContacts',
    summary:
      'Merge another card of the same person into this one (e.g. a possible duplicate): cases, dialog and deliveries move here, ' +
      'empty fields are filled, differing values are kept in the merge note on the timeline; the other card is removed',
    tags: ['contacts'],
    access: access.coordinators,
    params: idParam,
    body: jsonBody(mergeContactsRequest),
    responses: { 200: jsonResponse('Merged', mergeContactsResponse) },
    errors: [404],
    async handler({ params, body, caller }, deps) {
      const merged = await mergeContacts(deps.db, { keepId: params.id, duplicateId: body.duplicateId, author: caller.coordinator });
      return reply.json(
        { id: merged.keptId, mergedContactId: body.duplicateId, activityId: merged.activityId },
        { location: `/api/v1/contacts/${merged.keptId}` },
      );
    },
  }),
];
