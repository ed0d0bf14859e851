import { DateTime } from 'luxon';
import { STOCKHOLM_ZONE } from './stockholm-time.js';

/**
 * MISSION.md §7: contacts with no registered activity in the last five years are deleted.
 * Which contacts that selects (newsletter subscribers stay) is the SQL in
 * activities/retention-activities.ts, which test/retention.test.ts runs against the database.
 */
export const RETENTION_YEARS = 5;

/**
 * The instant before which a contact's last activity must lie to be selected: the same
 * Stockholm wall-clock time five calendar years before the run. Last active five years
 * ago minus a day → kept; plus a day → selected.
 */
export function retentionCutoff(runStartedAt: Date): Date {
  return DateTime.fromJSDate(runStartedAt, { zone: STOCKHOLM_ZONE }).minus({ years: RETENTION_YEARS }).toJSDate();
}

/** Why a contact is in a retention run's selection, and whether it still qualifies now. */
export interface RetentionReason {
  /** The last activity the selection saw: before the cutoff. */
  lastActivityAt: Date;
  cutoff: Date;
  /** Newsletter subscribers are never selected; this is the status the card has now. */
  newsletterStatus: string;
  /** A contact that became active or subscribed after the selection is kept when the run deletes. */
  keptBecause: 'active-since' | 'subscribed-since' | null;
}

export function retentionReason(
  candidate: { lastActivityAt: Date },
  contact: { lastActivityAt: Date; newsletterStatus: string } | null,
  cutoff: Date,
): RetentionReason {
  const keptBecause = !contact
    ? null
    : contact.newsletterStatus === 'subscribed'
      ? 'subscribed-since'
      : contact.lastActivityAt >= cutoff
        ? 'active-since'
        : null;
  return { lastActivityAt: candidate.lastActivityAt, cutoff, newsletterStatus: contact?.newsletterStatus ?? 'none', keptBecause };
}
