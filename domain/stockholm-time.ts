// Europe/Stockholm time, the only clock the product speaks to people in: every
// timestamp the API returns carries the Stockholm offset, and "today" is the Stockholm date.
import { DateTime } from 'luxon';

export const STOCKHOLM_ZONE = 'Europe/Stockholm';

/** ISO-8601 in Stockholm time with its offset, truncated to whole seconds. */
export function toStockholmIso(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError('instant is an invalid Date');
  const iso = DateTime.fromJSDate(instant, { zone: STOCKHOLM_ZONE }).startOf('second').toISO({ suppressMilliseconds: true });
  if (iso === null) throw new RangeError('Could not format instant as ISO-8601');
  return iso;
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
