// Pure rules behind in-migration goals and the figures decision makers read (issue 16).
import { share } from './report-rules.js';

/** ISO calendar date, YYYY-MM-DD. */
export type IsoDate = string;

function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

function dayOfYear(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number);
  return (Date.UTC(year!, month! - 1, day!) - Date.UTC(year!, 0, 1)) / 86_400_000 + 1;
}

/**
 * The last day a year's figures count up to: today in the current year, the whole year
 * for a past one, and null for a year that has not begun (nothing can have happened yet).
 */
export function figuresAsOf(year: number, today: IsoDate): IsoDate | null {
  const currentYear = Number(today.slice(0, 4));
  if (year < currentYear) return `${year}-12-31`;
  if (year > currentYear) return null;
  return today;
}

/**
 * The same point one year earlier, so that "so far this year" compares with "so far last
 * year"; 29 February falls back to the 28th.
 */
export function samePointLastYear(date: IsoDate): IsoDate {
  const year = Number(date.slice(0, 4)) - 1;
  const monthDay = date.slice(5);
  if (monthDay === '02-29') return `${year}-02-28`;
  return `${year}-${monthDay}`;
}

/**
 * Where the count would be if the goal were reached evenly over the year: the goal times
 * the share of the year's days that have passed up to and including `asOf`, rounded to
 * one decimal. Null without a goal; 0 before the year begins.
 */
export function goalPace(goal: number | null, year: number, asOf: IsoDate | null): number | null {
  if (goal === null) return null;
  if (asOf === null) return 0;
  const elapsed = Math.min(dayOfYear(asOf), daysInYear(year));
  return Math.round(((goal * elapsed) / daysInYear(year)) * 10) / 10;
}

/** Moves so far as a share of the year's goal; null without a (positive) goal. */
export function shareOfGoal(moves: number, goal: number | null): number | null {
  return goal === null ? null : share(moves, goal);
}

/** The smallest count a viewer sees exactly in a breakdown; 1 to 4 could single out a person. */
export const SMALLEST_SHOWN_COUNT = 5;
export const MASKED_COUNT = '< 5';
export type MaskedCount = number | typeof MASKED_COUNT;

/** 0 stays 0 (no one is singled out by nobody); 1–4 become "< 5". */
export function maskSmallCount(count: number): MaskedCount {
  return count > 0 && count < SMALLEST_SHOWN_COUNT ? MASKED_COUNT : count;
}

/**
 * A median over fewer than five people describes those people; a viewer gets none.
 * Masking leaves null (nothing measured) as it is.
 */
export function maskSmallGroupMedian(median: number | null, groupSize: number): number | null | typeof MASKED_COUNT {
  if (median === null) return null;
  return groupSize < SMALLEST_SHOWN_COUNT ? MASKED_COUNT : median;
}

/** Calendar days from first contact to move, in the bands the board asked about. */
export const TIME_TO_MOVE_BANDS = [
  { band: '0-90', label: 'Högst 3 månader', maxDays: 90 },
  { band: '91-180', label: '3–6 månader', maxDays: 180 },
  { band: '181-365', label: '6–12 månader', maxDays: 365 },
  { band: '366-730', label: '1–2 år', maxDays: 730 },
  { band: 'over-730', label: 'Mer än 2 år', maxDays: Number.POSITIVE_INFINITY },
] as const;
export type TimeToMoveBand = (typeof TIME_TO_MOVE_BANDS)[number]['band'];

/** A move dated before the first contact (a back-dated entry) counts as the first band. */
export function timeToMoveBand(days: number): TimeToMoveBand {
  return TIME_TO_MOVE_BANDS.find((band) => days <= band.maxDays)!.band;
}
