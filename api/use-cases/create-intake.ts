// MISSION.md §4.1–4.2: find or create the contact card, create the case, route it and
// start its workflow, all or nothing.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { lockUntilTransactionEnds } from '../../platform/advisory-lock.js';
import type { Database } from '../../platform/database.js';
import { routeContact } from '../../domain/routing.js';
import { unitDisplayName } from '../../domain/units.js';
import { firstReplyDueAt } from '../../domain/working-days.js';
import { toStockholmIso } from '../../domain/stockholm-time.js';
import { CASE_WORKFLOW_TYPE, type CaseWorkflowInput } from '../../workflows/definitions.js';
import {
  CASE_STATUS,
  ESCALATION_LEVEL,
  FIRST_REPLY_DUE_AT,
  INTAKE_SOURCE,
  OVERDUE,
  UNIT,
} from '../../workflows/search-attributes.js';
import type { AuthenticatedSource } from '../route-table/caller.js';
import type { IntakeRequest } from '../schemas.js';
import { requestSubscription } from './newsletter-subscription.js';
import { rememberAnswer, replayIdempotent, requestHash, type StoredAnswer } from './idempotency.js';

export interface IntakeDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  workflowIdPrefix: string;
  now?: () => Date;
}

export interface IntakeAnswer {
  contactId: string;
  caseId: string;
  workflowId: string;
  assignedTo: { unit: string; name: string };
  receivedAt: string;
  firstReplyDueAt: string;
  duplicateContact: boolean;
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

export async function createIntake(
  deps: IntakeDeps,
  input: { source: AuthenticatedSource; body: IntakeRequest; idempotencyKey?: string },
): Promise<StoredAnswer<IntakeAnswer>> {
  const { db, temporal } = deps;
  const { source, body } = input;
  const scope = `intake:${source.id}`;
  const hash = requestHash(body);
  const now = deps.now?.() ?? new Date();
  // MISSION.md §4.1: only a back-dated import from the old CRM may set the receipt time.
  const receivedAt = source.kind === 'import' && body.receivedAt ? new Date(body.receivedAt) : now;

  return db.$transaction(
    async (tx) => {
      if (input.idempotencyKey) {
        const prior = await replayIdempotent<IntakeAnswer>(tx, scope, input.idempotencyKey, hash);
        if (prior) return prior;
      }
      // Two forms from the same person at once must still end on one card.
      for (const key of [body.email && `email:${body.email}`, body.phone && `phone:${body.phone}`]) {
        if (key) await lockUntilTransactionEnds(tx, `contact:${key}`);
      }
      const existing =
        (body.email ? await tx.contact.findUnique({ where: { email: body.email } }) : null) ??
        (body.phone
          ? await tx.contact.findFirst({ where: { phone: body.phone }, orderBy: { createdAt: 'asc' } })
          : null);

      const profile = {
        firstName: body.firstName,
        lastName: body.lastName,
        preferredContactMethod: body.preferredContactMethod,
        message: body.message ?? null,
        ...(body.household ? { householdAdults: body.household.adults, householdChildren: body.household.children } : {}),
        ...(body.currentLocation ? { currentLocation: body.currentLocation } : {}),
        ...(body.moveTimeframe ? { moveTimeframe: body.moveTimeframe } : {}),
        language: body.language,
      };
      const contact = existing
        ? await tx.contact.update({
            where: { id: existing.id },
            data: {
              ...profile,
              email: existing.email ?? body.email ?? null,
              phone: existing.phone ?? body.phone ?? null,
              chosenMunicipalities: union(existing.chosenMunicipalities, body.municipalities),
              interests: union(existing.interests, body.interests),
              lastActivityAt: existing.lastActivityAt > receivedAt ? existing.lastActivityAt : receivedAt,
            },
          })
        : await tx.contact.create({
            data: {
              id: randomUUID(),
              ...profile,
              email: body.email ?? null,
              phone: body.phone ?? null,
              chosenMunicipalities: body.municipalities,
              interests: body.interests,
              consentAt: receivedAt,
              consentSource: `${source.kind}:${source.name}`,
              lastActivityAt: receivedAt,
            },
          });

      if (body.newsletter) {
        await requestSubscription(deps, tx, contact, `intake:${source.kind}:${source.name}`);
      }

      const { responsibleUnit } = routeContact(body.municipalities);
      const [{ number }] = await tx.$queryRaw<[{ number: bigint }]>`SELECT nextval(pg_get_serial_sequence('cases', 'number')) AS number`;
      const caseId = randomUUID();
      const workflowId = `${deps.workflowIdPrefix}case-${responsibleUnit}-${String(number).padStart(6, '0')}`;
      const dueAt = firstReplyDueAt(receivedAt);
      await tx.case.create({
        data: {
          id: caseId,
          number: Number(number),
          workflowId,
          contactId: contact.id,
          sourceId: source.id,
          sourceKind: source.kind,
          responsibleUnit,
          chosenMunicipalities: body.municipalities,
          interests: body.interests,
          message: body.message ?? null,
          receivedAt,
          firstReplyDueAt: dueAt,
        },
      });

      // Started before commit: if the commit fails, the workflow finds no case and ends
      // itself; if the start fails, nothing is written. Either way nothing is half done.
      await temporal.workflow.start(CASE_WORKFLOW_TYPE, {
        taskQueue: deps.taskQueue,
        workflowId,
        args: [{ caseId } satisfies CaseWorkflowInput],
        workflowIdConflictPolicy: 'USE_EXISTING',
        typedSearchAttributes: [
          { key: UNIT, value: responsibleUnit },
          { key: CASE_STATUS, value: 'awaiting-reply' },
          { key: FIRST_REPLY_DUE_AT, value: dueAt },
          { key: OVERDUE, value: false },
          { key: INTAKE_SOURCE, value: source.kind },
          { key: ESCALATION_LEVEL, value: 0 },
        ],
      });

      const answer: StoredAnswer<IntakeAnswer> = {
        status: 202,
        body: {
          contactId: contact.id,
          caseId,
          workflowId,
          assignedTo: { unit: responsibleUnit, name: unitDisplayName(responsibleUnit) },
          receivedAt: toStockholmIso(receivedAt),
          firstReplyDueAt: toStockholmIso(dueAt),
          duplicateContact: existing !== null,
        },
      };
      if (input.idempotencyKey) await rememberAnswer(tx, scope, input.idempotencyKey, hash, answer);
      return answer;
    },
    { timeout: 20_000, maxWait: 10_000 },
  );
}
