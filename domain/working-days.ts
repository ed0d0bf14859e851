import { DateTime } from 'luxon';

/**
 * Swedish working-day calendar used for case deadlines.
 *
 * Rule (product mission): the first-reply deadline is the end (23:59:59,
 * Europe/Stockholm) of the fifth working day after the local calendar day of
 * receipt; the day of receipt never counts. Working days are Monday–Friday
 * except Swedish public holidays on weekdays and the eves that are not worked
 * in practice (midsommarafton, julafton, nyårsafton).
 */

import { STOCKHOLM_ZONE } from './stockholm-time.js';

export const FIRST_REPLY_WORKING_DAYS = 5;

export type CalendarDate = { year: number; month: number; day: number };

export type SwedishHoliday = { date: string; name: string };

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// Calendar arithmetic is done on UTC midnights so that DST never shifts a day.
function calendarDateTime(date: CalendarDate): DateTime {
  const dateTime = DateTime.utc(date.year, date.month, date.day);
  if (!dateTime.isValid || dateTime.day !== date.day) {
    throw new RangeError(`Invalid calendar date: ${JSON.stringify(date)}`);
  }
  return dateTime;
}

function toCalendarDate(dateTime: DateTime): CalendarDate {
  return { year: dateTime.year, month: dateTime.month, day: dateTime.day };
}

function formatIsoDate(date: CalendarDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function parseIsoDate(isoDate: string): CalendarDate {
  const match = ISO_DATE_PATTERN.exec(isoDate);
  if (!match) {
    throw new RangeError(`Expected an ISO date 'YYYY-MM-DD', got '${isoDate}'`);
  }
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  calendarDateTime(date);
  return date;
}

/** Easter Sunday by the anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

// Midsommarafton is the Friday in 19–25 June.
function midsummerEve(year: number): CalendarDate {
  const june19 = DateTime.utc(year, 6, 19);
  const FRIDAY = 5;
  const daysUntilFriday = (FRIDAY - june19.weekday + 7) % 7;
  return toCalendarDate(june19.plus({ days: daysUntilFriday }));
}

/**
 * The public holidays and non-worked eves that the rule lists, for one year,
 * sorted by date. Each is included whichever weekday it falls on; holidays that
 * always fall on a weekend (påskdagen, pingstdagen, midsommardagen, alla
 * helgons dag) are left out because they can never remove a working day.
 */
export function swedishNonWorkingWeekdayHolidays(year: number): SwedishHoliday[] {
  const easter = calendarDateTime(easterSunday(year));
  const relativeToEaster = (days: number) => toCalendarDate(easter.plus({ days }));
  const fixed = (month: number, day: number): CalendarDate => ({ year, month, day });

  const holidays: Array<{ date: CalendarDate; name: string }> = [
    { date: fixed(1, 1), name: 'nyårsdagen' },
    { date: fixed(1, 6), name: 'trettondedag jul' },
    { date: relativeToEaster(-2), name: 'långfredagen' },
    { date: relativeToEaster(1), name: 'annandag påsk' },
    { date: fixed(5, 1), name: 'första maj' },
    { date: relativeToEaster(39), name: 'Kristi himmelsfärdsdag' },
    { date: fixed(6, 6), name: 'nationaldagen' },
    { date: midsummerEve(year), name: 'midsommarafton' },
    { date: fixed(12, 24), name: 'julafton' },
    { date: fixed(12, 25), name: 'juldagen' },
    { date: fixed(12, 26), name: 'annandag jul' },
    { date: fixed(12, 31), name: 'nyårsafton' },
  ];

  return holidays
    .map(({ date, name }) => ({ date: formatIsoDate(date), name }))
    .sort((left, right) => left.date.localeCompare(right.date));
}

// Deadlines and working-day counts ask about one day at a time, and working out a year's
// holidays (Easter, midsummer, luxon arithmetic) cost more than everything else in a case
// view (CPU profile of bench/card.ts); each year's dates are worked out once per process.
const holidayDatesByYear = new Map<number, ReadonlySet<string>>();

function holidayDates(year: number): ReadonlySet<string> {
  let dates = holidayDatesByYear.get(year);
  if (!dates) {
    dates = new Set(swedishNonWorkingWeekdayHolidays(year).map((holiday) => holiday.date));
    if (holidayDatesByYear.size >= 1000) holidayDatesByYear.clear(); // dates typed in can name any year
    holidayDatesByYear.set(year, dates);
  }
  return dates;
}

export function isSwedishWorkingDay(date: CalendarDate): boolean {
  const SATURDAY = 6;
  if (calendarDateTime(date).weekday >= SATURDAY) {
    return false;
  }
  return !holidayDates(date.year).has(formatIsoDate(date));
}

export function isSwedishWorkingDayIso(isoDate: string): boolean {
  return isSwedishWorkingDay(parseIsoDate(isoDate));
}

function requireValidDate(instant: Date, label: string): void {
  if (Number.isNaN(instant.getTime())) {
    throw new RangeError(`${label} is an invalid Date`);
  }
}

function stockholmCalendarDay(instant: Date): DateTime {
  const local = DateTime.fromJSDate(instant, { zone: STOCKHOLM_ZONE });
  return DateTime.utc(local.year, local.month, local.day);
}

function nextDay(day: DateTime): DateTime {
  return day.plus({ days: 1 });
}

/**
 * End (23:59:59.000 Europe/Stockholm) of the Nth working day after the
 * Stockholm calendar day of `receivedAt`. The receipt day never counts,
 * whatever time or weekday it is.
 */
export function addWorkingDaysEndOfDay(receivedAt: Date, workingDays: number): Date {
  requireValidDate(receivedAt, 'receivedAt');
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new RangeError(`workingDays must be a positive integer, got ${workingDays}`);
  }

  let day = stockholmCalendarDay(receivedAt);
  let counted = 0;
  while (counted < workingDays) {
    day = nextDay(day);
    if (isSwedishWorkingDay(toCalendarDate(day))) {
      counted += 1;
    }
  }

  // DST switches happen at 02:00/03:00, so 23:59:59 always exists exactly once.
  return DateTime.fromObject(
    { ...toCalendarDate(day), hour: 23, minute: 59, second: 59, millisecond: 0 },
    { zone: STOCKHOLM_ZONE },
  ).toJSDate();
}

export function firstReplyDueAt(receivedAt: Date): Date {
  return addWorkingDaysEndOfDay(receivedAt, FIRST_REPLY_WORKING_DAYS);
}

/**
 * Working days after the Stockholm day of `from`, up to and including the
 * Stockholm day of `to`; 0 when both are the same day or `to` is earlier.
 * Counts the same way as the deadline, so a reply at the deadline scores 5.
 */
export function workingDaysBetween(from: Date, to: Date): number {
  requireValidDate(from, 'from');
  requireValidDate(to, 'to');

  const lastDay = stockholmCalendarDay(to).toMillis();
  let day = stockholmCalendarDay(from);
  let count = 0;
  while (day.toMillis() < lastDay) {
    day = nextDay(day);
    if (isSwedishWorkingDay(toCalendarDate(day))) {
      count += 1;
    }
  }
  return count;
}
