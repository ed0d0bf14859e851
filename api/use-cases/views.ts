// Database rows → the API's documented shapes (api/schemas.ts). Times are shown in
// Stockholm time, the zone every deadline is defined in.
import type { Client } from '@temporalio/client';
import type { Prisma } from '../../prisma/generated/client.js';
import { countsAsFirstReply } from '../../domain/first-reply.js';
import type { ActivityType, CallOutcome, Direction } from '../../domain/codes.js';
import { workingDaysBetween } from '../../domain/working-days.js';
import { toStockholmIso } from '../../domain/stockholm-time.js';
import { caseStateQuery, type CaseState } from '../../workflows/definitions.js';

export const caseInclude = {
  source: { select: { id: true, name: true, kind: true } },
  transfers: { orderBy: { transferredAt: 'asc' } },
} satisfies Prisma.CaseInclude;
type CaseRow = Prisma.CaseGetPayload<{ include: typeof caseInclude }>;

export const activityInclude = { author: { select: { id: true, name: true } } } satisfies Prisma.ActivityInclude;
type ActivityRow = Prisma.ActivityGetPayload<{ include: typeof activityInclude }>;

type ContactRow = Prisma.ContactGetPayload<object>;

// The columns each view reads. Prisma rows (with the includes above) have them, and so do
// the rows the contact card builds from its one SQL query (contact-card-query.ts).
export type CaseViewRow = Pick<
  CaseRow,
  | 'id'
  | 'workflowId'
  | 'contactId'
  | 'responsibleUnit'
  | 'status'
  | 'slaOutcome'
  | 'overdue'
  | 'escalationLevel'
  | 'receivedAt'
  | 'firstReplyDueAt'
  | 'firstReplyAt'
  | 'closedAt'
  | 'source'
  | 'chosenMunicipalities'
  | 'interests'
  | 'message'
> & { transfers: Array<Pick<CaseRow['transfers'][number], 'fromUnit' | 'toUnit' | 'note' | 'transferredAt' | 'authorId'>> };

export type ActivityViewRow = Pick<ActivityRow, 'id' | 'caseId' | 'type' | 'direction' | 'outcome' | 'occurredAt' | 'summary' | 'author'>;

export type ContactSummaryRow = Pick<
  ContactRow,
  'id' | 'firstName' | 'lastName' | 'email' | 'phone' | 'preferredContactMethod' | 'chosenMunicipalities' | 'moveStatus' | 'lastActivityAt'
>;

export type ContactCardRow = ContactSummaryRow &
  Pick<
    ContactRow,
    | 'interests'
    | 'message'
    | 'householdAdults'
    | 'householdChildren'
    | 'currentLocation'
    | 'moveTimeframe'
    | 'language'
    | 'consentAt'
    | 'consentSource'
    | 'newsletterStatus'
    | 'possibleDuplicateOfId'
    | 'movedToMunicipality'
    | 'movedOn'
    | 'createdAt'
  >;

const iso = (value: Date | null) => (value ? toStockholmIso(value) : null);

/** How long a read waits for a workflow's live state before it shows the row (no worker answers a query). */
export const LIVE_STATE_DEADLINE_MS = 250;

/**
 * The row is the source of truth: the workflow writes every change it makes through an
 * activity before it reports it. The live query only adds what is in flight, and gives up
 * at the deadline (one deadline for all cases of a read), because a query to a workflow
 * whose worker is down waits until the server gives up, tens of seconds later.
 */
export async function liveCaseState(
  temporal: Client,
  row: CaseRow,
  deadline: number = Date.now() + LIVE_STATE_DEADLINE_MS,
): Promise<Partial<CaseState>> {
  if (row.status === 'closed') return {};
  try {
    return await temporal.connection.withDeadline(deadline, () => temporal.workflow.getHandle(row.workflowId).query(caseStateQuery));
  } catch {
    return {};
  }
}

/** A workflow's case state as the API shows it: Stockholm times, no internal timer fields. */
export function caseStateView(state: CaseState) {
  const local = (value: string | null) => (value ? toStockholmIso(new Date(value)) : null);
  return {
    caseId: state.caseId,
    unit: state.unit,
    status: state.status,
    slaOutcome: state.slaOutcome,
    overdue: state.overdue,
    escalationLevel: state.escalationLevel,
    receivedAt: toStockholmIso(new Date(state.receivedAt)),
    firstReplyDueAt: toStockholmIso(new Date(state.firstReplyDueAt)),
    firstReplyAt: local(state.firstReplyAt),
    closedAt: local(state.closedAt),
  };
}

export function caseView(row: CaseViewRow, live: Partial<CaseState> = {}, now = new Date()) {
  const firstReplyAt = live.firstReplyAt ?? iso(row.firstReplyAt);
  const dueAt = live.firstReplyDueAt ? new Date(live.firstReplyDueAt) : row.firstReplyDueAt;
  const status = live.status ?? row.status;
  return {
    id: row.id,
    caseId: row.id,
    workflowId: row.workflowId,
    contactId: row.contactId,
    unit: live.unit ?? row.responsibleUnit,
    status,
    slaOutcome: live.slaOutcome ?? row.slaOutcome,
    overdue: live.overdue ?? row.overdue,
    escalationLevel: live.escalationLevel ?? row.escalationLevel,
    receivedAt: toStockholmIso(row.receivedAt),
    firstReplyDueAt: toStockholmIso(dueAt),
    firstReplyAt: firstReplyAt ? toStockholmIso(new Date(firstReplyAt)) : null,
    closedAt: live.closedAt ? toStockholmIso(new Date(live.closedAt)) : iso(row.closedAt),
    workingDaysLeft:
      firstReplyAt || status === 'closed' ? null : now > dueAt ? 0 : Math.max(0, workingDaysBetween(now, dueAt)),
    source: row.source,
    chosenMunicipalities: row.chosenMunicipalities,
    interests: row.interests,
    message: row.message,
    transfers: row.transfers.map((transfer) => ({
      fromUnit: transfer.fromUnit,
      toUnit: transfer.toUnit,
      note: transfer.note,
      at: toStockholmIso(transfer.transferredAt),
      authorId: transfer.authorId,
    })),
  };
}

export function activityView(row: ActivityViewRow) {
  return {
    id: row.id,
    caseId: row.caseId,
    type: row.type,
    direction: row.direction,
    outcome: row.outcome,
    occurredAt: toStockholmIso(row.occurredAt),
    summary: row.summary,
    countsAsFirstReply: countsAsFirstReply({
      type: row.type as ActivityType,
      direction: row.direction as Direction | null,
      outcome: row.outcome as CallOutcome | null,
    }),
    author: row.author,
  };
}

export function contactSummaryView(row: ContactSummaryRow) {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    preferredContactMethod: row.preferredContactMethod,
    chosenMunicipalities: row.chosenMunicipalities,
    moveStatus: row.moveStatus,
    lastActivityAt: toStockholmIso(row.lastActivityAt),
  };
}

export function contactCardView(
  row: ContactCardRow,
  cases: ReturnType<typeof caseView>[],
  activities: ReturnType<typeof activityView>[],
) {
  const preferredValue = row.preferredContactMethod === 'phone' ? row.phone : row.email;
  return {
    ...contactSummaryView(row),
    preferredContact: { method: row.preferredContactMethod, value: preferredValue ?? '' },
    interests: row.interests,
    message: row.message,
    household: { adults: row.householdAdults, children: row.householdChildren },
    currentLocation: row.currentLocation,
    moveTimeframe: row.moveTimeframe,
    language: row.language,
    consent: { at: toStockholmIso(row.consentAt), source: row.consentSource },
    newsletterStatus: row.newsletterStatus,
    possibleDuplicateOf: row.possibleDuplicateOfId,
    movedTo: { municipality: row.movedToMunicipality, on: row.movedOn?.toISOString().slice(0, 10) ?? null },
    createdAt: toStockholmIso(row.createdAt),
    cases,
    activities,
  };
}
