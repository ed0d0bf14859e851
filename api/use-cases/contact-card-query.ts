// The contact card's rows in one SQL statement, which also writes the access-log entry for
// the read. Three Prisma reads plus an insert spent most of the card's CPU in Prisma's
// query compiler and per-field result mapping, and needed two round trips after the
// authentication lookup; PostgreSQL builds the nested rows as JSON in one (bench/card.ts).
// The rows come back in the shapes views.ts reads, so the card's JSON answer is the same.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/database.js';
import type { ActivityViewRow, CaseViewRow, ContactCardRow } from './views.js';

/** A timestamp (or date) column as epoch milliseconds: exact for timestamptz(3), and no zone text to parse. */
export const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::bigint`;

// The pieces below are shared with the guides' card page (web/contact-card-page-query.ts),
// so that both statements read and log a card the same way and map the same shapes.
// Every value is a bound parameter: $1 contact id, $2 access-log id, $3 reader.

/** The contact as `card`; `logged` writes the access-log entry for reading it. */
export const CARD_WITH_READ_LOGGED = `
WITH card AS (
  SELECT * FROM contacts WHERE id = $1::uuid
), logged AS (
  -- Only a card that exists is logged as read, as when the insert followed the read.
  INSERT INTO access_log (id, coordinator_id, contact_id, action)
  SELECT $2::uuid, $3::uuid, id, 'read' FROM card
)`;

/** The contact of `card` as a ContactJson, or null. */
export const CONTACT_JSON = `(SELECT json_build_object(
      'id', c.id, 'firstName', c.first_name, 'lastName', c.last_name, 'email', c.email, 'phone', c.phone,
      'preferredContactMethod', c.preferred_contact_method, 'chosenMunicipalities', c.chosen_municipalities,
      'moveStatus', c.move_status, 'lastActivityAt', ${ms('c.last_activity_at')}, 'interests', c.interests,
      'message', c.message, 'householdAdults', c.household_adults, 'householdChildren', c.household_children,
      'currentLocation', c.current_location, 'moveTimeframe', c.move_timeframe, 'language', c.language,
      'consentAt', ${ms('c.consent_at')}, 'consentSource', c.consent_source, 'newsletterStatus', c.newsletter_status,
      'possibleDuplicateOfId', c.possible_duplicate_of_id, 'movedToMunicipality', c.moved_to_municipality,
      'movedOn', ${ms('c.moved_on')}, 'createdAt', ${ms('c.created_at')})
   FROM card c)`;

/** json_build_object arguments of a CaseJson but its transfers, for case `k` joined to its source `s`. */
export const CASE_JSON_FIELDS = `'id', k.id, 'workflowId', k.workflow_id, 'contactId', k.contact_id, 'responsibleUnit', k.responsible_unit,
      'status', k.status, 'slaOutcome', k.sla_outcome, 'overdue', k.overdue, 'escalationLevel', k.escalation_level,
      'receivedAt', ${ms('k.received_at')}, 'firstReplyDueAt', ${ms('k.first_reply_due_at')},
      'firstReplyAt', ${ms('k.first_reply_at')}, 'closedAt', ${ms('k.closed_at')},
      'source', json_build_object('id', s.id, 'name', s.name, 'kind', s.kind),
      'chosenMunicipalities', k.chosen_municipalities, 'interests', k.interests, 'message', k.message`;

/** json_build_object arguments of a TransferJson, for transfer `t`. */
export const TRANSFER_JSON_FIELDS = `'fromUnit', t.from_unit, 'toUnit', t.to_unit, 'note', t.note,
          'transferredAt', ${ms('t.transferred_at')}, 'authorId', t.author_id`;

/** An ActivityJson, for activity `a` left-joined to its author `co`. */
export const ACTIVITY_JSON = `json_build_object(
      'id', a.id, 'caseId', a.case_id, 'type', a.type, 'direction', a.direction, 'outcome', a.outcome,
      'occurredAt', ${ms('a.occurred_at')}, 'summary', a.summary,
      'author', CASE WHEN co.id IS NULL THEN NULL ELSE json_build_object('id', co.id, 'name', co.name) END
    )`;

// Constant text. The orders are those of the Prisma reads the card used before: cases
// newest first, transfers oldest first, the dialog newest first.
const CARD_SQL = `${CARD_WITH_READ_LOGGED}
SELECT
  ${CONTACT_JSON} AS contact,
  (SELECT coalesce(json_agg(json_build_object(
      ${CASE_JSON_FIELDS},
      'transfers', (SELECT coalesce(json_agg(json_build_object(
          ${TRANSFER_JSON_FIELDS}) ORDER BY t.transferred_at), '[]')
        FROM case_transfers t WHERE t.case_id = k.id)
    ) ORDER BY k.received_at DESC), '[]')
   FROM cases k JOIN intake_sources s ON s.id = k.source_id WHERE k.contact_id = $1::uuid) AS cases,
  (SELECT coalesce(json_agg(${ACTIVITY_JSON} ORDER BY a.occurred_at DESC, a.created_at DESC), '[]')
   FROM activities a LEFT JOIN coordinators co ON co.id = a.author_id WHERE a.contact_id = $1::uuid) AS activities
`;

/** A row as the JSON carries it: the named Date columns as epoch milliseconds. */
export type AsMs<Row, Dates extends keyof Row> = Omit<Row, Dates> & { [Column in Dates]: null extends Row[Column] ? number | null : number };

export type ContactJson = AsMs<ContactCardRow, 'lastActivityAt' | 'consentAt' | 'movedOn' | 'createdAt'>;
export type TransferJson = AsMs<CaseViewRow['transfers'][number], 'transferredAt'>;
export type CaseJson = AsMs<Omit<CaseViewRow, 'transfers'>, 'receivedAt' | 'firstReplyDueAt' | 'firstReplyAt' | 'closedAt'> & { transfers: TransferJson[] };
export type ActivityJson = AsMs<ActivityViewRow, 'occurredAt'>;

export const at = (epochMs: number) => new Date(epochMs);
export const atOrNull = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs));

export const contactRow = (json: ContactJson): ContactCardRow => ({
  ...json,
  lastActivityAt: at(json.lastActivityAt),
  consentAt: at(json.consentAt),
  movedOn: atOrNull(json.movedOn),
  createdAt: at(json.createdAt),
});

export const transferRow = (json: TransferJson): CaseViewRow['transfers'][number] => ({ ...json, transferredAt: at(json.transferredAt) });

export const caseRow = (json: CaseJson): CaseViewRow => ({
  ...json,
  receivedAt: at(json.receivedAt),
  firstReplyDueAt: at(json.firstReplyDueAt),
  firstReplyAt: atOrNull(json.firstReplyAt),
  closedAt: atOrNull(json.closedAt),
  transfers: json.transfers.map(transferRow),
});

export const activityRow = (json: ActivityJson): ActivityViewRow => ({ ...json, occurredAt: at(json.occurredAt) });

export interface ContactCardRows {
  contact: ContactCardRow | null;
  cases: CaseViewRow[];
  activities: ActivityViewRow[];
}

/**
 * The card's contact (null when there is none), its cases and its dialog, and, when the
 * contact exists, an access-log entry: `readBy` read it. One statement, one round trip.
 */
export async function readContactCardRows(db: Database, contactId: string, readBy: string): Promise<ContactCardRows> {
  const [row] = await db.$queryRawUnsafe<Array<{ contact: ContactJson | null; cases: CaseJson[]; activities: ActivityJson[] }>>(
    CARD_SQL,
    contactId,
    randomUUID(),
    readBy,
  );
  if (!row) throw new Error('the contact card query returned no row');
  return {
    contact: row.contact ? contactRow(row.contact) : null,
    cases: row.cases.map(caseRow),
    activities: row.activities.map(activityRow),
  };
}
