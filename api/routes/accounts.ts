// Staff accounts and intake sources (MISSION.md §1: administrators manage them); the same
// use cases as the administration pages and the CLI. Secrets are in the answer once.
import { z } from 'zod';
import { ROLES, SOURCE_KINDS } from '../../domain/codes.js';
import { toStockholmIso } from '../../domain/stockholm-time.js';
import { UNIT_CODES } from '../../domain/units.js';
import { access } from '../route-table/access.js';
import { defineRoute, jsonBody, jsonResponse, reply } from '../route-table/route.js';
import { idParam } from '../schemas.js';
import {
  addCoordinator,
  changeCoordinator,
  coordinatorChangeRequest,
  listCoordinators,
  newCoordinatorRequest,
  revokeCoordinator,
  sendWelcomeEmail,
  type CoordinatorAccount,
} from '../use-cases/coordinators.js';
import { addIntakeSource, listIntakeSources, newIntakeSourceRequest, rotateIntakeSourceKey, type IntakeSourceView } from '../use-cases/intake-sources.js';

const coordinatorAccount = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    unit: z.enum(UNIT_CODES),
    role: z.enum(ROLES),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'CoordinatorAccount' });
const intakeSourceView = z
  .object({ id: z.uuid(), name: z.string(), kind: z.enum(SOURCE_KINDS), municipality: z.string().nullable(), createdAt: z.string(), revokedAt: z.string().nullable() })
  .meta({ id: 'IntakeSource' });
const newIntakeKey = z
  .object({ id: z.uuid(), name: z.string(), kind: z.enum(SOURCE_KINDS), municipality: z.string().nullable(), key: z.string().meta({ description: 'Shown only in this answer' }) })
  .meta({ id: 'IntakeSourceKey' });

const accountView = (account: CoordinatorAccount) => ({
  ...account,
  createdAt: toStockholmIso(account.createdAt),
  revokedAt: account.revokedAt ? toStockholmIso(account.revokedAt) : null,
});
const sourceView = (source: IntakeSourceView) => ({
  ...source,
  createdAt: toStockholmIso(source.createdAt),
  revokedAt: source.revokedAt ? toStockholmIso(source.revokedAt) : null,
});

export const accountRoutes = [
  defineRoute({
    method: 'get',
    path: '/admin/coordinators',
    operationId: 'listCoordinators',
    summary: 'Every staff account, active ones first (admins)',
    tags: ['administration'],
    access: access.admins,
    responses: { 200: jsonResponse('Accounts', z.object({ coordinators: z.array(coordinatorAccount) })) },
    async handler(_input, { db }) {
      return reply.json({ coordinators: (await listCoordinators(db)).map(accountView) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/admin/coordinators',
    operationId: 'addCoordinator',
    summary: 'Add an account (admins); its API token is in the answer only, and the person gets a welcome email with a sign-in link',
    tags: ['administration'],
    access: access.admins,
    body: jsonBody(newCoordinatorRequest.meta({ id: 'NewCoordinator' })),
    responses: {
      201: jsonResponse(
        'Created',
        z.object({ id: z.uuid(), name: z.string(), email: z.string(), unit: z.enum(UNIT_CODES), role: z.enum(ROLES), token: z.string(), welcomeEmailSent: z.boolean() }),
      ),
    },
    async handler({ body, caller }, deps) {
      const created = await addCoordinator(deps.db, { ...body, addedById: caller.coordinator.id });
      // The welcome email's link signs in to the web app; without the app there is nothing to sign in to.
      if (deps.web) await sendWelcomeEmail({ db: deps.db, mailer: deps.web.mailer, publicBaseUrl: deps.publicBaseUrl }, created.id);
      return reply.json({ ...created, welcomeEmailSent: Boolean(deps.web) }, { status: 201, location: `/api/v1/admin/coordinators/${created.id}` });
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/admin/coordinators/{id}',
    operationId: 'changeCoordinator',
    summary: "Change an account's unit or role (admins); open sessions follow at once",
    tags: ['administration'],
    access: access.admins,
    params: idParam,
    body: jsonBody(coordinatorChangeRequest.meta({ id: 'CoordinatorChange' })),
    responses: { 200: jsonResponse('Changed', coordinatorAccount) },
    errors: [404, 409],
    async handler({ params, body, caller }, { db }) {
      return reply.json(accountView(await changeCoordinator(db, { id: params.id, ...body, changedById: caller.coordinator.id })));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/admin/coordinators/{id}/revoke',
    operationId: 'revokeCoordinator',
    summary: 'Revoke an account (admins): its token stops working and its web sessions end; revoking twice is one revocation',
    tags: ['administration'],
    access: access.admins,
    params: idParam,
    responses: { 200: jsonResponse('Revoked', coordinatorAccount) },
    errors: [404],
    async handler({ params, caller }, { db }) {
      return reply.json(accountView(await revokeCoordinator(db, { id: params.id, revokedById: caller.coordinator.id })));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/admin/intake-sources',
    operationId: 'listIntakeSources',
    summary: 'Every intake source, without keys (admins)',
    tags: ['administration'],
    access: access.admins,
    responses: { 200: jsonResponse('Sources', z.object({ sources: z.array(intakeSourceView) })) },
    async handler(_input, { db }) {
      return reply.json({ sources: (await listIntakeSources(db)).map(sourceView) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/admin/intake-sources',
    operationId: 'addIntakeSource',
    summary: 'Add an intake source (admins); its key is in the answer only',
    tags: ['administration'],
    access: access.admins,
    body: jsonBody(newIntakeSourceRequest.meta({ id: 'NewIntakeSource' })),
    responses: { 201: jsonResponse('Created', newIntakeKey) },
    async handler({ body, caller }, { db }) {
      const created = await addIntakeSource(db, { ...body, addedById: caller.coordinator.id });
      return reply.json(created, { status: 201 });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/admin/intake-sources/{id}/rotate-key',
    operationId: 'rotateIntakeSourceKey',
    summary: 'Give the source a new key (admins); the old key is refused at once; the new one is in the answer only',
    tags: ['administration'],
    access: access.admins,
    params: idParam,
    responses: { 200: jsonResponse('The new key', newIntakeKey) },
    errors: [404],
    async handler({ params, caller }, { db }) {
      return reply.json(await rotateIntakeSourceKey(db, { id: params.id, rotatedById: caller.coordinator.id }));
    },
  }),
];
