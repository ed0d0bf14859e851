// The range of calendar dates the product accepts (issue 12, items 9 and 18). A date out of
// it is a typing mistake or a probe, never a fact about an in-mover: the register starts in
// 2000, and a meetup is planned at most two years ahead.
import { DateTime } from 'luxon';
import { todayInStockholm } from './stockholm-time.js';

/** Earliest date of anything recorded: moves, receipts, dialog, selection periods. */
export const EARLIEST_DATE = '2000-01-01';
/** Latest date a selection or report period may name. */
export const LATEST_PERIOD_DATE = '2100-12-31';
/** How far ahead a meetup invitation may be planned. */
export const MAX_EVENT_MONTHS_AHEAD = 24;

/** Why a past-facing date (a move, a receipt) is out of range, or undefined. */
export function pastDateProblem(date: string, now: Date = new Date()): string | undefined {
  if (date < EARLIEST_DATE) return `must be on or after ${EARLIEST_DATE}`;
  if (date > todayInStockholm(now)) return 'cannot be in the future';
  return undefined;
}

/** Why a day in a selection or report period is out of range, or undefined. */
export function periodDateProblem(date: string): string | undefined {
  if (date < EARLIEST_DATE || date > LATEST_PERIOD_DATE) return `must be between ${EARLIEST_DATE} and ${LATEST_PERIOD_DATE}`;
  return undefined;
}

/** Why a past-facing instant is out of range (a few minutes of clock skew allowed), or undefined. */
export function pastInstantProblem(instant: string, now: Date = new Date()): string | undefined {
  const at = Date.parse(instant);
  if (Number.isNaN(at)) return 'not a valid time';
  if (at < Date.parse(`${EARLIEST_DATE}T00:00:00Z`)) return `must be on or after ${EARLIEST_DATE}`;
  if (at > now.getTime() + 5 * 60_000) return 'cannot be in the future';
  return undefined;
}

/** Why an event time (a meetup) is out of range, or undefined: not past, at most 24 months ahead. */
export function eventInstantProblem(instant: string, now: Date = new Date()): string | undefined {
  const at = Date.parse(instant);
  if (Number.isNaN(at)) return 'not a valid time';
  if (at < now.getTime()) return 'the event is in the past';
  if (at > DateTime.fromJSDate(now).plus({ months: MAX_EVENT_MONTHS_AHEAD }).toMillis()) {
    return `the event is more than ${MAX_EVENT_MONTHS_AHEAD} months ahead`;
  }
  return undefined;
}
