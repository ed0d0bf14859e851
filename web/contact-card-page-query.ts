// The guides' contact card page in one SQL statement, which also writes the access-log
// entry for the read. The page used six Prisma reads and an insert, three round trips one
// after the other (contact then cases beside the timeline's activities and cases again,
// then its escalation emails and closers, then the insert); PostgreSQL builds the same rows
// as JSON in one, like the JSON API's card (api/use-cases/contact-card-query.ts), whose
// pieces this statement shares.
import { randomUUID } from 'node:crypto';
import {
  ACTIVITY_JSON,
  activityRow,
  at,
  atOrNull,
  CARD_WITH_READ_LOGGED,
  CASE_JSON_FIELDS,
  caseRow,
  CONTACT_JSON,
  contactRow,
  ms,
  TRANSFER_JSON_FIELDS,
  transferRow,
  type ActivityJson,
  type AsMs,
  type CaseJson,
  type ContactJson,
  type TransferJson,
} from '../api/use-cases/contact-card-query.js';
import type { CaseViewRow, ContactCardRow } from '../api/use-cases/views.js';
import type { Database } from '../platform/database.js';
import type { Prisma } from '../prisma/generated/client.js';
import type { CloserRow, EscalationDeliveryRow, TimelineCaseRow, TimelineRows, TimelineTransferRow } from './timeline.js';

// Constant text: $1 contact id, $2 access-log id, $3 reader. Cases newest first and their
// transfers oldest first, as the card lists them; the timeline reads the same rows. The
// timeline's stable sort by time leaves the other orders to decide only between entries at
// the same instant: rows in the order they were written, which is the table order the
// unordered Prisma reads gave for rows that are only ever inserted.
const CARD_PAGE_SQL = `${CARD_WITH_READ_LOGGED}
SELECT
  ${CONTACT_JSON} AS contact,
  (SELECT coalesce(json_agg(json_build_object(
      ${CASE_JSON_FIELDS},
      'number', k.number, 'sourceKind', k.source_kind, 'closedById', k.closed_by_id,
      'transfers', (SELECT coalesce(json_agg(json_build_object(
          ${TRANSFER_JSON_FIELDS},
          'author', json_build_object('name', ta.name)) ORDER BY t.transferred_at), '[]')
        FROM case_transfers t JOIN coordinators ta ON ta.id = t.author_id WHERE t.case_id = k.id)
    ) ORDER BY k.received_at DESC), '[]')
   FROM cases k JOIN intake_sources s ON s.id = k.source_id WHERE k.contact_id = $1::uuid) AS cases,
  (SELECT coalesce(json_agg(${ACTIVITY_JSON} ORDER BY a.created_at, a.id), '[]')
   FROM activities a LEFT JOIN coordinators co ON co.id = a.author_id WHERE a.contact_id = $1::uuid) AS activities,
  -- activities/case-activities.ts keys each escalation email case:<id>:escalation-<level>.
  (SELECT coalesce(json_agg(json_build_object(
      'caseId', d.case_id, 'idempotencyKey', d.idempotency_key,
      'sentAt', ${ms('d.sent_at')}, 'createdAt', ${ms('d.created_at')}) ORDER BY d.created_at, d.idempotency_key), '[]')
   FROM email_deliveries d JOIN cases k ON k.id = d.case_id
   WHERE k.contact_id = $1::uuid AND d.idempotency_key LIKE '%:escalation-%') AS escalations,
  (SELECT coalesce(json_agg(json_build_object('id', co.id, 'name', co.name)), '[]')
   FROM coordinators co WHERE co.id IN (SELECT k.closed_by_id FROM cases k WHERE k.contact_id = $1::uuid)) AS closers
`;

/** What the card shows of a case besides its view and the timeline's columns. */
type CardPageCaseColumns = Pick<Prisma.CaseGetPayload<object>, 'number' | 'sourceKind' | 'closedById'>;

/** A case as the card lists it (its view) and as the timeline reads it. */
export type CardPageCaseRow = Omit<CaseViewRow, 'transfers'> &
  Omit<TimelineCaseRow, 'transfers'> &
  CardPageCaseColumns & { transfers: Array<CaseViewRow['transfers'][number] & TimelineTransferRow> };

type CardPageTransferJson = TransferJson & Pick<TimelineTransferRow, 'author'>;
type CardPageCaseJson = Omit<CaseJson, 'transfers'> & CardPageCaseColumns & { transfers: CardPageTransferJson[] };
type EscalationJson = AsMs<EscalationDeliveryRow, 'sentAt' | 'createdAt'>;

const cardPageCaseRow = (json: CardPageCaseJson): CardPageCaseRow => ({
  ...caseRow(json),
  number: json.number,
  sourceKind: json.sourceKind,
  closedById: json.closedById,
  transfers: json.transfers.map((transfer) => ({ ...transferRow(transfer), author: transfer.author })),
});

const escalationRow = (json: EscalationJson): EscalationDeliveryRow => ({ ...json, sentAt: atOrNull(json.sentAt), createdAt: at(json.createdAt) });

export interface ContactCardPageRows {
  contact: ContactCardRow | null;
  /** Newest first. */
  cases: CardPageCaseRow[];
  timeline: TimelineRows;
}

/**
 * The card page's contact (null when there is none), its cases and its timeline's rows,
 * and, when the contact exists, an access-log entry: `readBy` read it. One statement, one
 * round trip.
 */
export async function readContactCardPageRows(db: Database, contactId: string, readBy: string): Promise<ContactCardPageRows> {
  const [row] = await db.$queryRawUnsafe<
    Array<{ contact: ContactJson | null; cases: CardPageCaseJson[]; activities: ActivityJson[]; escalations: EscalationJson[]; closers: CloserRow[] }>
  >(CARD_PAGE_SQL, contactId, randomUUID(), readBy);
  if (!row) throw new Error('the contact card page query returned no row');
  const cases = row.cases.map(cardPageCaseRow);
  return {
    contact: row.contact ? contactRow(row.contact) : null,
    cases,
    timeline: { activities: row.activities.map(activityRow), cases, escalations: row.escalations.map(escalationRow), closers: row.closers },
  };
}
