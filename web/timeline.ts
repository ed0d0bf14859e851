// One timeline per contact card, newest first: dialog (activities, including captured
// emails, newsletters, invitations and RSVPs logged as notes) and what happened to the
// person's cases (received, transferred, escalated, answered, closed).
import type { Database } from '../platform/database.js';

export type TimelineEntry =
  | { kind: 'activity'; at: Date; type: string; direction: string | null; outcome: string | null; summary: string; author: string | null }
  | { kind: 'received'; at: Date; caseNumber: number; unit: string }
  | { kind: 'transfer'; at: Date; caseNumber: number; fromUnit: string; toUnit: string; note: string; author: string }
  | { kind: 'escalation'; at: Date; caseNumber: number; level: number }
  | { kind: 'first-reply'; at: Date; caseNumber: number; slaOutcome: string }
  | { kind: 'closed'; at: Date; caseNumber: number; author: string | null };

export const TIMELINE_PAGE_SIZE = 25;

export async function contactTimeline(db: Database, contactId: string, page: number) {
  const [activities, cases] = await Promise.all([
    db.activity.findMany({ where: { contactId }, include: { author: { select: { name: true } } } }),
    db.case.findMany({ where: { contactId }, include: { transfers: { include: { author: { select: { name: true } } } } } }),
  ]);
  const caseIds = cases.map((row) => row.id);
  const [escalations, closers] = await Promise.all([
    db.emailDelivery.findMany({ where: { caseId: { in: caseIds }, idempotencyKey: { contains: ':escalation-' } }, select: { caseId: true, idempotencyKey: true, sentAt: true, createdAt: true } }),
    db.coordinator.findMany({ where: { id: { in: cases.flatMap((row) => (row.closedById ? [row.closedById] : [])) } }, select: { id: true, name: true } }),
  ]);
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
  entries.sort((a, b) => b.at.getTime() - a.at.getTime());
  const pages = Math.max(1, Math.ceil(entries.length / TIMELINE_PAGE_SIZE));
  const current = Math.min(page, pages);
  return { entries: entries.slice((current - 1) * TIMELINE_PAGE_SIZE, current * TIMELINE_PAGE_SIZE), page: current, pages, total: entries.length };
}
