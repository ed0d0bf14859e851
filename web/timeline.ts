// One timeline per contact card, newest first: dialog (activities, including captured
// emails, newsletters, invitations and RSVPs logged as notes) and what happened to the
// person's cases (received, transferred, escalated, answered, closed).
import type { Prisma } from '../prisma/generated/client.js';

export type TimelineEntry =
  | { kind: 'activity'; at: Date; type: string; direction: string | null; outcome: string | null; summary: string; author: string | null }
  | { kind: 'received'; at: Date; caseNumber: number; unit: string }
  | { kind: 'transfer'; at: Date; caseNumber: number; fromUnit: string; toUnit: string; note: string; author: string }
  | { kind: 'escalation'; at: Date; caseNumber: number; level: number }
  | { kind: 'first-reply'; at: Date; caseNumber: number; slaOutcome: string }
  | { kind: 'closed'; at: Date; caseNumber: number; author: string | null };

export const TIMELINE_PAGE_SIZE = 25;

type ActivityRow = Prisma.ActivityGetPayload<object>;
type CaseRow = Prisma.CaseGetPayload<object>;
type TransferRow = Prisma.CaseTransferGetPayload<object>;
type DeliveryRow = Prisma.EmailDeliveryGetPayload<object>;
type CoordinatorRow = Prisma.CoordinatorGetPayload<object>;

// The columns the timeline reads. Prisma rows (with the authors' names included) have them,
// and so do the rows of the card page's one statement (contact-card-page-query.ts).
export type TimelineActivityRow = Pick<ActivityRow, 'occurredAt' | 'type' | 'direction' | 'outcome' | 'summary'> & { author: { name: string } | null };
export type TimelineTransferRow = Pick<TransferRow, 'fromUnit' | 'toUnit' | 'note' | 'transferredAt'> & { author: { name: string } };
export type TimelineCaseRow = Pick<CaseRow, 'id' | 'number' | 'receivedAt' | 'responsibleUnit' | 'firstReplyAt' | 'slaOutcome' | 'closedAt' | 'closedById'> & {
  /** Oldest first: the first transfer says which unit the case was received at. */
  transfers: TimelineTransferRow[];
};
/** An escalation email of one of the cases (its idempotency key holds `:escalation-<level>`). */
export type EscalationDeliveryRow = Pick<DeliveryRow, 'caseId' | 'idempotencyKey' | 'sentAt' | 'createdAt'>;
/** Who closed one of the cases. */
export type CloserRow = Pick<CoordinatorRow, 'id' | 'name'>;

export interface TimelineRows {
  activities: TimelineActivityRow[];
  cases: TimelineCaseRow[];
  escalations: EscalationDeliveryRow[];
  closers: CloserRow[];
}

/**
 * Every entry, newest first. The sort is stable, so entries at the same instant keep the
 * order they are listed in here: dialog before case events, and each kind in the order of
 * its rows.
 */
export function timelineEntries({ activities, cases, escalations, closers }: TimelineRows): TimelineEntry[] {
  const numberOf = new Map(cases.map((row) => [row.id, row.number]));
  const closerName = new Map(closers.map((row) => [row.id, row.name]));
  const entries: TimelineEntry[] = [
    ...activities.map((row) => ({
      kind: 'activity' as const,
      at: row.occurredAt,
      type: row.type,
      direction: row.direction,
      outcome: row.outcome,
      summary: row.summary,
      author: row.author?.name ?? null,
    })),
    ...cases.flatMap((row) => [
      { kind: 'received' as const, at: row.receivedAt, caseNumber: row.number, unit: row.transfers[0]?.fromUnit ?? row.responsibleUnit },
      ...row.transfers.map((transfer) => ({
        kind: 'transfer' as const,
        at: transfer.transferredAt,
        caseNumber: row.number,
        fromUnit: transfer.fromUnit,
        toUnit: transfer.toUnit,
        note: transfer.note,
        author: transfer.author.name,
      })),
      ...(row.firstReplyAt ? [{ kind: 'first-reply' as const, at: row.firstReplyAt, caseNumber: row.number, slaOutcome: row.slaOutcome }] : []),
      ...(row.closedAt ? [{ kind: 'closed' as const, at: row.closedAt, caseNumber: row.number, author: row.closedById ? (closerName.get(row.closedById) ?? null) : null }] : []),
    ]),
    ...escalations.map((row) => ({
      kind: 'escalation' as const,
      at: row.sentAt ?? row.createdAt,
      caseNumber: numberOf.get(row.caseId ?? '') ?? 0,
      level: Number(row.idempotencyKey.split(':escalation-')[1] ?? 1),
    })),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** One page of the timeline; a page past the end shows the last one. */
export function pageOfTimeline(rows: TimelineRows, page: number) {
  const entries = timelineEntries(rows);
  const pages = Math.max(1, Math.ceil(entries.length / TIMELINE_PAGE_SIZE));
  const current = Math.min(page, pages);
  return { entries: entries.slice((current - 1) * TIMELINE_PAGE_SIZE, current * TIMELINE_PAGE_SIZE), page: current, pages, total: entries.length };
}
