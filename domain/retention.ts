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
