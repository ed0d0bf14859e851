// MISSION.md §3.2 and §5: document dialog on the contact card; a first reply stops the
// clock of the contact's open cases through a Temporal update, so the answer shows the
// case state the workflow has actually recorded.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Database } from '../../platform/database.js';
import { countsAsFirstReply } from '../../domain/first-reply.js';
import { recordFirstReplyUpdate } from '../../workflows/definitions.js';
import type { AuthenticatedCoordinator } from '../route-table/caller.js';
import { notFound, rejected } from '../../domain/errors.js';
import type { ActivityRequest } from '../schemas.js';
import { asWorkflowCommand } from './workflow-commands.js';
import { rememberAnswer, replayIdempotent, requestHash, type StoredAnswer } from './idempotency.js';
import { activityInclude, activityView, caseStateView } from './views.js';

const REPLY_TIME_SLACK_MS = 2 * 60_000;

export interface LogActivityDeps {
  db: Database;
  temporal: Client;
}

export async function logActivity(
  deps: LogActivityDeps,
  input: {
    contactId: string;
    /** null for dialog the product captured by itself, e.g. an email the person sent. */
    author: Pick<AuthenticatedCoordinator, 'id'> | null;
    body: ActivityRequest;
    idempotencyKey?: string;
    idempotencyScope?: string;
  },
) {
  const { db, temporal } = deps;
  const { body, author } = input;
  const scope = input.idempotencyScope ?? `activity:${author?.id ?? 'captured'}`;
  const hash = requestHash({ contactId: input.contactId, ...body });
  const occurredAt = body.occurredAt ? new Date(body.occurredAt) : new Date();
  const direction = body.direction ?? (body.type === 'phone' || body.type === 'meeting' ? 'outbound' : null);
  // A meeting that took place reached the person unless the coordinator says otherwise.
  const outcome = body.outcome ?? (body.type === 'meeting' ? 'reached' : null);

  const stored = await db.$transaction(async (tx) => {
    if (input.idempotencyKey) {
      const prior = await replayIdempotent<{ activityId: string }>(tx, scope, input.idempotencyKey, hash);
      if (prior) return prior;
    }
    const contact = await tx.contact.findUnique({ where: { id: input.contactId }, select: { id: true, lastActivityAt: true } });
    if (!contact) throw notFound('Contact');
    if (body.caseId) {
      const owner = await tx.case.findUnique({ where: { id: body.caseId }, select: { contactId: true } });
      if (!owner || owner.contactId !== contact.id) {
        throw rejected('', [{ field: 'caseId', message: 'no such case on this contact card' }]);
      }
    }
    const activity = await tx.activity.create({
      data: {
        id: randomUUID(),
        contactId: contact.id,
        caseId: body.caseId ?? null,
        type: body.type,
        direction: body.type === 'note' ? null : direction,
        outcome,
        occurredAt,
        summary: body.summary,
        authorId: author?.id ?? null,
      },
    });
    await tx.contact.update({
      where: { id: contact.id },
      data: { lastActivityAt: contact.lastActivityAt > occurredAt ? contact.lastActivityAt : occurredAt },
    });
    const answer: StoredAnswer<{ activityId: string }> = { status: 201, body: { activityId: activity.id } };
    if (input.idempotencyKey) await rememberAnswer(tx, scope, input.idempotencyKey, hash, answer);
    return answer;
  });

  const activity = await db.activity.findUniqueOrThrow({ where: { id: stored.body.activityId }, include: activityInclude });
  const cases: ReturnType<typeof caseStateView>[] = [];
  if (countsAsFirstReply({ type: activity.type as ActivityRequest['type'], direction: activity.direction as 'outbound' | null, outcome: activity.outcome as 'reached' | null })) {
    // A reply logged as happening before a case arrived cannot answer that case; the slack
    // covers email Date headers (whole seconds, whole minutes in forwards) and clock skew.
    const openCases = await db.case.findMany({
      where: {
        contactId: activity.contactId,
        status: 'awaiting-reply',
        receivedAt: { lte: new Date(activity.occurredAt.getTime() + REPLY_TIME_SLACK_MS) },
        ...(body.caseId ? { id: body.caseId } : {}),
      },
      orderBy: { receivedAt: 'asc' },
    });
    for (const openCase of openCases) {
      const state = await asWorkflowCommand(() =>
        temporal.workflow.getHandle(openCase.workflowId).executeUpdate(recordFirstReplyUpdate, {
          args: [{ activityId: activity.id, repliedAt: activity.occurredAt.toISOString() }],
          // The update id makes a retried request land once in the workflow's history.
          updateId: `first-reply-${activity.id}`,
        }),
      );
      cases.push(caseStateView(state));
    }
  }
  return { status: stored.status, activity: activityView(activity), cases };
}
