// MISSION.md §5: captured email that matched no contact, or came from a sender the product
// could not trust, waits in a review queue. An administrator reads it and either puts it
// on the right contact card (as the person's or as a guide's email) or discards it. Each
// decision leaves an audit record with ids only; an attached message is on the timeline.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { conflict, notFound } from '../../domain/errors.js';
import { toStockholmIso, toStockholmIsoOrNull } from '../../domain/stockholm-time.js';
import type { Database } from '../../platform/database.js';
import type { AuthenticatedCoordinator } from '../route-table/caller.js';
import type { ActivityRequest } from '../schemas.js';
import { logActivity } from './log-activity.js';

export const QUEUE_STATUSES = ['review', 'logged'] as const;
export const REVIEW_DIRECTIONS = ['inbound', 'outbound'] as const;

const SUMMARY_LIMIT = 20_000;
const EARLIEST = new Date('2000-01-01T00:00:00Z');

function queueItem(row: Awaited<ReturnType<Database['inboundEmail']['findFirstOrThrow']>>, textLimit?: number) {
  return {
    id: row.id,
    status: row.status,
    reason: row.reason,
    messageId: row.messageId,
    from: row.fromAddress,
    subject: row.subject,
    sentAt: toStockholmIsoOrNull(row.sentAt),
    receivedAt: toStockholmIso(row.receivedAt),
    receivedVia: row.receivedVia,
    text: textLimit === undefined ? row.text : row.text.slice(0, textLimit),
    attachments: row.attachments,
    activityIds: row.activityIds,
    duplicateCount: row.duplicateCount,
    partyAddresses: row.partyAddresses,
  };
}

export async function inboundEmailQueue(db: Database, query: { status: (typeof QUEUE_STATUSES)[number]; page: number; pageSize: number; textLimit?: number }) {
  const where = { status: query.status };
  const [total, rows] = await Promise.all([
    db.inboundEmail.count({ where }),
    db.inboundEmail.findMany({ where, orderBy: [{ receivedAt: 'desc' }, { id: 'asc' }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
  ]);
  return { items: rows.map((row) => queueItem(row, query.textLimit ?? 2000)), total, page: query.page, pageSize: query.pageSize };
}

export async function queuedEmail(db: Database, id: string) {
  const row = await db.inboundEmail.findUnique({ where: { id } });
  if (!row) throw notFound('Inbound email');
  return queueItem(row);
}

async function requireQueued(db: Database, id: string) {
  const row = await db.inboundEmail.findUnique({ where: { id } });
  if (!row) throw notFound('Inbound email');
  if (row.status !== 'review') throw conflict(`The message is already handled (${row.status}).`);
  return row;
}

/**
 * Logs a queued message on a contact card as the person's (inbound) or a guide's
 * (outbound) email. Outbound counts as a first reply, as a captured one does: the
 * administrator vouches for it. Its author is the guide who sent it when the sender is
 * a guide, else the administrator who attached it.
 */
export async function attachQueuedEmail(
  deps: { db: Database; temporal: Client },
  input: { emailId: string; contactId: string; direction: (typeof REVIEW_DIRECTIONS)[number]; actor: Pick<AuthenticatedCoordinator, 'id'> },
) {
  const email = await requireQueued(deps.db, input.emailId);
  const sender =
    input.direction === 'outbound' && email.fromAddress
      ? await deps.db.coordinator.findFirst({ where: { email: email.fromAddress, revokedAt: null, role: { not: 'viewer' } }, select: { id: true } })
      : null;
  const sentAt = email.sentAt && email.sentAt >= EARLIEST && email.sentAt <= new Date() ? email.sentAt : email.receivedAt;
  // Built as the capture builds it (the text was already checked when it arrived).
  const body: ActivityRequest = {
    type: 'email',
    direction: input.direction,
    occurredAt: sentAt.toISOString(),
    summary: `${email.subject || '(utan ämne)'}\n\n${email.text}`.slice(0, SUMMARY_LIMIT),
  };
  const logged = await logActivity(deps, {
    contactId: input.contactId,
    author: input.direction === 'outbound' ? (sender ?? input.actor) : null,
    body,
    // One message lands on one card: a second attach (another card, a double click) is refused.
    idempotencyKey: email.id,
    idempotencyScope: 'inbound-email-review',
  });
  const claimed = await deps.db.$transaction(async (tx) => {
    const updated = await tx.inboundEmail.updateMany({ where: { id: email.id, status: 'review' }, data: { status: 'logged', activityIds: [logged.activity.id] } });
    if (updated.count === 0) return false;
    await tx.auditRecord.create({
      data: {
        id: randomUUID(),
        kind: 'inbound-email-review',
        subjectId: email.id,
        actorId: input.actor.id,
        details: { action: 'attached', contactId: input.contactId, direction: input.direction, activityId: logged.activity.id },
      },
    });
    return true;
  });
  if (!claimed) throw conflict('The message is already handled.');
  return { id: email.id, status: 'logged' as const, contactId: input.contactId, activity: logged.activity, cases: logged.cases };
}

/**
 * Discards a queued message (spam, a wrong address). Its content and addresses are
 * removed; the row keeps only its hashes, so the same message captured again is counted
 * as a duplicate instead of queued again.
 */
export async function discardQueuedEmail(deps: { db: Database }, input: { emailId: string; actor: Pick<AuthenticatedCoordinator, 'id'> }) {
  const email = await requireQueued(deps.db, input.emailId);
  const discarded = await deps.db.$transaction(async (tx) => {
    const updated = await tx.inboundEmail.updateMany({
      where: { id: email.id, status: 'review' },
      data: { status: 'discarded', subject: '', text: '', fromAddress: null, partyAddresses: [], attachments: [] },
    });
    if (updated.count === 0) return false;
    await tx.auditRecord.create({
      data: { id: randomUUID(), kind: 'inbound-email-review', subjectId: email.id, actorId: input.actor.id, details: { action: 'discarded', reason: email.reason } },
    });
    return true;
  });
  if (!discarded) throw conflict('The message is already handled.');
  return { id: email.id, status: 'discarded' as const };
}
