// Europe/Stockholm time, the only clock the product speaks to people in: every
// timestamp the API returns carries the Stockholm offset, and "today" is the Stockholm date.
import { DateTime } from 'luxon';

export const STOCKHOLM_ZONE = 'Europe/Stockholm';

// One formatter for the process: building a luxon DateTime per timestamp was a third of
// the API's CPU on a contact card with 200 entries (bench/results/card.md).
const stockholmParts = new Intl.DateTimeFormat('en-US', {
  timeZone: STOCKHOLM_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const two = (value: number) => String(value).padStart(2, '0');

/** ISO-8601 in Stockholm time with its offset, truncated to whole seconds. */
export function toStockholmIso(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('instant is an invalid Date');
  const seconds = Math.floor(ms / 1000) * 1000;
  const part: Record<string, number> = {};
  for (const { type, value } of stockholmParts.formatToParts(seconds)) {
    if (type !== 'literal') part[type] = Number(value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = part;
  // The wall-clock time read as if it were UTC, minus the instant, is the zone's offset.
  const offsetMinutes = Math.round((Date.UTC(year, month - 1, day, hour, minute, second) - seconds) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${two(Math.floor(Math.abs(offsetMinutes) / 60))}:${two(Math.abs(offsetMinutes) % 60)}`;
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${offset}`;
}

/** Like toStockholmIso, for optional instants. */
export const toStockholmIsoOrNull = (instant: Date | null | undefined): string | null => (instant ? toStockholmIso(instant) : null);

/** The Stockholm calendar date (YYYY-MM-DD) at an instant, by default now. */
export function todayInStockholm(now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone: STOCKHOLM_ZONE }).toISODate()!;
}

/** "1 december 2026 kl. 09:30", as the report page shows it. */
export function formatStockholmDateTime(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: STOCKHOLM_ZONE }).setLocale('sv').toFormat("d MMMM yyyy 'kl.' HH:mm");
}
