import type { ActivityType, CallOutcome, Direction } from './codes.js';

export interface LoggedDialog {
  type: ActivityType;
  direction?: Direction | null;
  outcome?: CallOutcome | null;
}

/**
 * MISSION.md §3.2: an email sent to the person, or a call or meeting in which they were
 * reached, is a first reply. Unanswered call attempts, inbound emails and notes are
 * documented but do not stop the clock.
 */
export function countsAsFirstReply(dialog: LoggedDialog): boolean {
  if (dialog.type === 'email') return dialog.direction === 'outbound';
  if (dialog.type === 'phone' || dialog.type === 'meeting') return dialog.outcome === 'reached';
  return false;
}
