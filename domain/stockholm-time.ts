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

const HOUR_MS = 3_600_000;
const two = (value: number) => String(value).padStart(2, '0');

/** The Stockholm wall clock at a whole-second instant, field by field, as ICU's time zone data has it. */
function wallClockAt(seconds: number) {
  const part: Record<string, number> = {};
  for (const { type, value } of stockholmParts.formatToParts(seconds)) {
    if (type !== 'literal') part[type] = Number(value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = part;
  // The wall-clock time read as if it were UTC, minus the instant, is the zone's offset.
  const offsetMs = Date.UTC(year, month - 1, day, hour, minute, second) - seconds;
  return { year, month, day, hour, minute, second, offsetMs };
}

/** `+01:00`: the offset rounded to whole minutes, as ISO-8601 writes it. */
function offsetText(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${two(Math.floor(Math.abs(minutes) / 60))}:${two(Math.abs(minutes) % 60)}`;
}

/** One ICU call per instant: the reference the cached path below agrees with. */
function formatFromWallClock(seconds: number): string {
  const { year, month, day, hour, minute, second, offsetMs } = wallClockAt(seconds);
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${offsetText(offsetMs)}`;
}

// ICU's formatToParts was most of the cost of a contact card's timestamps, yet the offset
// only changes at the DST switches (01:00 UTC on the last Sundays of March and October).
// It is therefore looked up once per UTC hour and reused for every instant in that hour.
// An hour is cached only when the offset at its first and last second agree, so an hour
// with a change inside it (historical zone data) keeps the exact path. So do instants
// before 1900 (eras, calendar reforms) and from the last day of 9999, whose local time
// may be in year 10000, which toISOString writes as +010000.
const CACHED_FROM = Date.UTC(1900, 0, 1);
const CACHED_UNTIL = Date.UTC(9999, 11, 31);
const MAX_CACHED_HOURS = 50_000; // about six years of distinct hours, a few MB at most
type HourOffset = { offsetMs: number; text: string } | null;
const offsetByUtcHour = new Map<number, HourOffset>();

function hourOffset(seconds: number): HourOffset {
  const hour = Math.floor(seconds / HOUR_MS);
  let cached = offsetByUtcHour.get(hour);
  if (cached === undefined) {
    const start = hour * HOUR_MS;
    const { offsetMs } = wallClockAt(start);
    cached = offsetMs === wallClockAt(start + HOUR_MS - 1000).offsetMs ? { offsetMs, text: offsetText(offsetMs) } : null;
    if (offsetByUtcHour.size >= MAX_CACHED_HOURS) offsetByUtcHour.clear();
    offsetByUtcHour.set(hour, cached);
  }
  return cached;
}

/** ISO-8601 in Stockholm time with its offset, truncated to whole seconds. */
export function toStockholmIso(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('instant is an invalid Date');
  const seconds = Math.floor(ms / 1000) * 1000;
  const cached = seconds >= CACHED_FROM && seconds < CACHED_UNTIL ? hourOffset(seconds) : null;
  if (!cached) return formatFromWallClock(seconds);
  // The wall clock is the instant shifted by the offset; its UTC ISO form has the digits wanted.
  return new Date(seconds + cached.offsetMs).toISOString().slice(0, 19) + cached.text;
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
