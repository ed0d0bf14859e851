// MISSION.md §4.1–4.2: find or create the contact card, create the case, route it and
// start its workflow, all or nothing.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { describeDifferences, matchContact, mergeSubmission, type CardDifference } from '../../domain/contact-matching.js';
import { lockUntilTransactionEnds } from '../../platform/advisory-lock.js';
import type { Database } from '../../platform/database.js';
import type { Prisma } from '../../prisma/generated/client.js';
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
import { withinTemporalDeadline } from './temporal-deadline.js';
import { rememberAnswer, replayIdempotent, requestHash, type StoredAnswer } from './idempotency.js';

export interface IntakeDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  workflowIdPrefix: string;
  /** Issue 12, item 20: the same form again within this window is the same case (INTAKE_REPEAT_WINDOW). */
  intakeRepeatWindowMs?: number;
  now?: () => Date;
}

export const DEFAULT_INTAKE_REPEAT_WINDOW_MS = 10 * 60_000;

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

// A double click, or a form that retries without an Idempotency-Key, sends the same body:
// it is remembered under a digest of the parsed body (no personal data in the key).
const REPEAT_SCOPE = 'intake-repeat';

export async function createIntake(
  deps: IntakeDeps,
  input: { source: AuthenticatedSource; body: IntakeRequest; idempotencyKey?: string },
): Promise<StoredAnswer<IntakeAnswer>> {
  const { db } = deps;
  const { source, body } = input;
  const scope = `intake:${source.id}`;
  const hash = requestHash(body);
  const now = deps.now?.() ?? new Date();
  const repeatWindowMs = deps.intakeRepeatWindowMs ?? DEFAULT_INTAKE_REPEAT_WINDOW_MS;
  // MISSION.md §4.1: only a back-dated import from the old CRM may set the receipt time.
  const receivedAt = source.kind === 'import' && body.receivedAt ? new Date(body.receivedAt) : now;

  return db.$transaction(
    async (tx) => {
      if (input.idempotencyKey) {
        const prior = await replayIdempotent<IntakeAnswer>(tx, scope, input.idempotencyKey, hash);
        if (prior) return prior;
      }
      // The same body, and the same person, are serialised in one round trip: the repeat
      // check below, and two forms from one person at once ending on one card.
      const contactLocks = [body.email && `contact:email:${body.email}`, body.phone && `contact:phone:${body.phone}`].filter((key): key is string => !!key);
      await lockUntilTransactionEnds(tx, ...(repeatWindowMs > 0 ? [repeatLockKey(hash)] : []), ...contactLocks);
      const repeated = await replayRepeat(tx, hash, now, repeatWindowMs);
      if (repeated) {
        if (input.idempotencyKey) await rememberAnswer(tx, scope, input.idempotencyKey, hash, repeated);
        return repeated;
      }
      // The workflow start (a gRPC round trip as long as all the statements below) runs
      // beside them, not after: the case's id and number are all it needs. It is awaited
      // before commit, so a failed start still rolls everything back; a workflow that
      // looks for its row before the commit retries (loadCasePlan), and one whose commit
      // failed finds none and ends itself.
      const { responsibleUnit } = routeContact(body.municipalities);
      const [{ number }] = await tx.$queryRaw<[{ number: bigint }]>`SELECT nextval(pg_get_serial_sequence('cases', 'number')) AS number`;
      const caseId = randomUUID();
      const workflowId = `${deps.workflowIdPrefix}case-${responsibleUnit}-${String(number).padStart(6, '0')}`;
      const dueAt = firstReplyDueAt(receivedAt);
      const started = startCaseWorkflow(deps, { caseId, workflowId, responsibleUnit, dueAt, sourceKind: source.kind });
      // Until it is awaited below, a failed start must not surface as an unhandled rejection.
      started.catch(() => undefined);

      const sameEmail = body.email ? await tx.contact.findUnique({ where: { email: body.email } }) : null;
      const samePhone =
        !sameEmail && body.phone
          ? await tx.contact.findMany({ where: { phone: body.phone }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 50 })
          : [];
      const match = matchContact(body, sameEmail, samePhone);
      const existing = match.kind === 'same-card' ? (sameEmail ?? samePhone.find((card) => card.id === match.cardId)!) : null;

      const submitted = {
        firstName: body.firstName,
        lastName: body.lastName,
        email: body.email ?? null,
        phone: body.phone ?? null,
        preferredContactMethod: body.preferredContactMethod,
        householdAdults: body.household?.adults ?? null,
        householdChildren: body.household?.children ?? null,
        currentLocation: body.currentLocation ?? null,
        moveTimeframe: body.moveTimeframe ?? null,
        language: body.language,
      };
      let differences: CardDifference[] = [];
      let contact;
      if (existing) {
        // Issue 12, item 2: a later form fills what the card lacks and never overwrites
        // what it holds; what differs is written on the timeline below.
        const merged = mergeSubmission(existing, submitted);
        differences = merged.differences;
        contact = await tx.contact.update({
          where: { id: existing.id },
          data: {
            ...(merged.fill as Prisma.ContactUpdateInput),
            ...(existing.message ? {} : { message: body.message ?? null }),
            chosenMunicipalities: union(existing.chosenMunicipalities, body.municipalities),
            interests: union(existing.interests, body.interests),
            lastActivityAt: existing.lastActivityAt > receivedAt ? existing.lastActivityAt : receivedAt,
          },
        });
      } else {
        contact = await tx.contact.create({
          data: {
            id: randomUUID(),
            ...submitted,
            message: body.message ?? null,
            chosenMunicipalities: body.municipalities,
            interests: body.interests,
            consentAt: receivedAt,
            consentSource: `${source.kind}:${source.name}`,
            lastActivityAt: receivedAt,
            possibleDuplicateOfId: match.kind === 'possible-duplicate' ? match.ofCardId : null,
          },
        });
      }

      if (body.newsletter) {
        await requestSubscription(deps, tx, contact, `intake:${source.kind}:${source.name}`);
      }

      await tx.$executeRaw`
        INSERT INTO cases (id, number, workflow_id, contact_id, source_id, source_kind, responsible_unit,
                           chosen_municipalities, interests, message, received_at, first_reply_due_at)
        VALUES (${caseId}::uuid, ${Number(number)}, ${workflowId}, ${contact.id}::uuid, ${source.id}::uuid, ${source.kind}, ${responsibleUnit},
                ${body.municipalities}::text[], ${body.interests}::text[], ${body.message ?? null}, ${receivedAt}, ${dueAt})`;

      if (differences.length > 0) {
        await tx.activity.create({
          data: {
            id: randomUUID(),
            contactId: contact.id,
            caseId,
            type: 'note',
            occurredAt: now,
            summary: `Nytt formulär (${workflowId}) med uppgifter som skiljer sig från kortet. Kortet behåller sina; formuläret angav:\n${describeDifferences(differences)}`,
          },
        });
      }
      if (match.kind === 'possible-duplicate') {
        await tx.activity.create({
          data: {
            id: randomUUID(),
            contactId: contact.id,
            caseId,
            type: 'note',
            occurredAt: now,
            summary: `Möjlig dubblett: kontaktkortet ${match.ofCardId} har samma telefonnummer men en annan e-postadress. Slå ihop korten om det är samma person.`,
          },
        });
      }

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
      await rememberRepeat(tx, hash, answer, now);
      await started;
      return answer;
    },
    { timeout: 20_000, maxWait: 10_000 },
  );
}

function startCaseWorkflow(
  deps: IntakeDeps,
  planned: { caseId: string; workflowId: string; responsibleUnit: string; dueAt: Date; sourceKind: string },
) {
  const { temporal } = deps;
  return withinTemporalDeadline(temporal, () =>
    temporal.workflow.start(CASE_WORKFLOW_TYPE, {
      taskQueue: deps.taskQueue,
      workflowId: planned.workflowId,
      args: [{ caseId: planned.caseId } satisfies CaseWorkflowInput],
      workflowIdConflictPolicy: 'USE_EXISTING',
      typedSearchAttributes: [
        { key: UNIT, value: planned.responsibleUnit },
        { key: CASE_STATUS, value: 'awaiting-reply' },
        { key: FIRST_REPLY_DUE_AT, value: planned.dueAt },
        { key: OVERDUE, value: false },
        { key: INTAKE_SOURCE, value: planned.sourceKind },
        { key: ESCALATION_LEVEL, value: 0 },
      ],
    }),
  );
}

const repeatLockKey = (hash: string) => `${REPEAT_SCOPE}\n${hash}`;

/** The answer to the same body within the window, if any (the caller holds the body's lock). */
async function replayRepeat(tx: Prisma.TransactionClient, hash: string, now: Date, windowMs: number) {
  if (windowMs <= 0) return undefined;
  const [prior] = await tx.$queryRaw<Array<{ status: number; body: IntakeAnswer; createdAt: Date }>>`
    SELECT response_status AS status, response_body AS body, created_at AS "createdAt"
    FROM idempotency_records WHERE scope = ${REPEAT_SCOPE} AND key = ${hash}`;
  if (!prior || now.getTime() - prior.createdAt.getTime() > windowMs) return undefined;
  return { status: prior.status, body: prior.body };
}

async function rememberRepeat(tx: Prisma.TransactionClient, hash: string, answer: StoredAnswer<IntakeAnswer>, now: Date) {
  const body = JSON.stringify(answer.body);
  await tx.$executeRaw`
    INSERT INTO idempotency_records (scope, key, request_hash, response_status, response_body, created_at)
    VALUES (${REPEAT_SCOPE}, ${hash}, ${hash}, ${answer.status}, ${body}::jsonb, ${now})
    ON CONFLICT (scope, key) DO UPDATE
      SET request_hash = EXCLUDED.request_hash, response_status = EXCLUDED.response_status,
          response_body = EXCLUDED.response_body, created_at = EXCLUDED.created_at`;
}
