// toStockholmIso reuses one offset per UTC hour instead of asking ICU for every instant.
// It must format every instant exactly as the one-ICU-call-per-instant version did: that
// version is kept below as the reference, and the table rows were written by hand.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { toStockholmIso } from '../domain/stockholm-time.js';

const referenceParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Stockholm',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const two = (value: number) => String(value).padStart(2, '0');

/** The implementation before the per-hour cache, verbatim. */
function referenceStockholmIso(instant: Date): string {
  const seconds = Math.floor(instant.getTime() / 1000) * 1000;
  const part: Record<string, number> = {};
  for (const { type, value } of referenceParts.formatToParts(seconds)) {
    if (type !== 'literal') part[type] = Number(value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = part;
  const offsetMinutes = Math.round((Date.UTC(year, month - 1, day, hour, minute, second) - seconds) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${two(Math.floor(Math.abs(offsetMinutes) / 60))}:${two(Math.abs(offsetMinutes) % 60)}`;
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${offset}`;
}

/** The last Sunday of a month, at 01:00 UTC: when Stockholm switches (EU rule since 1996, and 1981–1995 in March). */
function lastSundaySwitch(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Instants around a switch: every second for two minutes either side, then every 7 minutes 13 s for 26 hours either side. */
function aroundSwitch(at: number): number[] {
  const instants: number[] = [];
  for (let t = at - 2 * MINUTE; t <= at + 2 * MINUTE; t += SECOND) instants.push(t, t + 999, t - 1);
  for (let t = at - 26 * HOUR; t <= at + 26 * HOUR; t += 7 * MINUTE + 13 * SECOND) instants.push(t);
  return instants;
}

/** A small deterministic generator, so a failure can be reproduced. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('toStockholmIso', () => {
  it.each([
    // Winter and summer.
    { instant: '2026-12-30T22:59:59.000Z', expected: '2026-12-30T23:59:59+01:00' },
    { instant: '2026-07-01T10:00:00.000Z', expected: '2026-07-01T12:00:00+02:00' },
    // Spring forward, last Sunday of March 2026 (29 March): 02:00 local becomes 03:00.
    { instant: '2026-03-29T00:00:00.000Z', expected: '2026-03-29T01:00:00+01:00' },
    { instant: '2026-03-29T00:59:59.000Z', expected: '2026-03-29T01:59:59+01:00' },
    { instant: '2026-03-29T00:59:59.999Z', expected: '2026-03-29T01:59:59+01:00' },
    { instant: '2026-03-29T01:00:00.000Z', expected: '2026-03-29T03:00:00+02:00' },
    { instant: '2026-03-29T01:00:01.000Z', expected: '2026-03-29T03:00:01+02:00' },
    { instant: '2026-03-28T23:00:00.000Z', expected: '2026-03-29T00:00:00+01:00' },
    { instant: '2026-03-29T21:59:59.000Z', expected: '2026-03-29T23:59:59+02:00' },
    // Fall back, last Sunday of October 2026 (25 October): 02:00–03:00 local happens twice.
    { instant: '2026-10-25T00:00:00.000Z', expected: '2026-10-25T02:00:00+02:00' },
    { instant: '2026-10-25T00:30:00.000Z', expected: '2026-10-25T02:30:00+02:00' },
    { instant: '2026-10-25T00:59:59.000Z', expected: '2026-10-25T02:59:59+02:00' },
    { instant: '2026-10-25T01:00:00.000Z', expected: '2026-10-25T02:00:00+01:00' },
    { instant: '2026-10-25T01:30:00.000Z', expected: '2026-10-25T02:30:00+01:00' },
    { instant: '2026-10-25T01:59:59.999Z', expected: '2026-10-25T02:59:59+01:00' },
    { instant: '2026-10-25T02:00:00.000Z', expected: '2026-10-25T03:00:00+01:00' },
    // Other years' switches: 2027 (28 March, 31 October), 2024 leap year (31 March, 27 October).
    { instant: '2027-03-28T00:59:59.000Z', expected: '2027-03-28T01:59:59+01:00' },
    { instant: '2027-03-28T01:00:00.000Z', expected: '2027-03-28T03:00:00+02:00' },
    { instant: '2027-10-31T00:59:59.000Z', expected: '2027-10-31T02:59:59+02:00' },
    { instant: '2027-10-31T01:00:00.000Z', expected: '2027-10-31T02:00:00+01:00' },
    { instant: '2024-03-31T01:00:00.000Z', expected: '2024-03-31T03:00:00+02:00' },
    { instant: '2024-10-27T01:00:00.000Z', expected: '2024-10-27T02:00:00+01:00' },
    { instant: '2024-02-29T12:00:00.000Z', expected: '2024-02-29T13:00:00+01:00' },
    // Days, months and years rolling over in local time; milliseconds truncated.
    { instant: '2026-03-10T23:30:00.999Z', expected: '2026-03-11T00:30:00+01:00' },
    { instant: '2026-12-31T23:00:00.000Z', expected: '2027-01-01T00:00:00+01:00' },
    { instant: '2027-06-30T21:59:59.500Z', expected: '2027-06-30T23:59:59+02:00' },
    { instant: '1969-12-31T23:59:59.500Z', expected: '1970-01-01T00:59:59+01:00' },
    // Sweden's one summer time before 1980 (15 May – 30 September 1916) and a far future date.
    { instant: '1916-06-01T12:00:00.000Z', expected: '1916-06-01T14:00:00+02:00' },
    { instant: '2099-10-25T01:00:00.000Z', expected: '2099-10-25T02:00:00+01:00' },
  ])('formats $instant as $expected', ({ instant, expected }) => {
    expect(toStockholmIso(new Date(instant))).toBe(expected);
    expect(referenceStockholmIso(new Date(instant))).toBe(expected);
  });

  it('formats every instant around each March and October switch 1980–2045 as before', () => {
    const mismatches: string[] = [];
    for (let year = 1980; year <= 2045; year += 1) {
      for (const month of [3, 10]) {
        for (const ms of aroundSwitch(lastSundaySwitch(year, month))) {
          const instant = new Date(ms);
          if (toStockholmIso(instant) !== referenceStockholmIso(instant)) mismatches.push(instant.toISOString());
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('formats random instants 1850–2150 and far outside as before, whatever order they come in', () => {
    const random = seededRandom(14);
    const from = Date.UTC(1850, 0, 1);
    const to = Date.UTC(2150, 0, 1);
    const instants = Array.from({ length: 20_000 }, () => from + Math.floor(random() * (to - from)));
    instants.push(Date.UTC(1879, 0, 1), Date.UTC(1900, 0, 1) - 1, Date.UTC(1900, 0, 1), Date.UTC(9999, 11, 31, 23, 59, 59));
    instants.push(Date.UTC(10_000, 0, 1), Date.UTC(1, 0, 1), -62_198_755_200_000, 8.64e15, -8.64e15);
    const mismatches = instants.map((ms) => new Date(ms)).filter((instant) => toStockholmIso(instant) !== referenceStockholmIso(instant));
    expect(mismatches.map((instant) => instant.toISOString())).toEqual([]);
  });

  it('agrees with luxon, an independent time zone implementation, around the switches 1996–2040', () => {
    for (let year = 1996; year <= 2040; year += 1) {
      for (const month of [3, 10]) {
        const at = lastSundaySwitch(year, month);
        for (const ms of [at - HOUR, at - SECOND, at, at + SECOND, at + HOUR]) {
          const luxon = DateTime.fromMillis(ms, { zone: 'Europe/Stockholm' }).toISO({ suppressMilliseconds: true });
          expect(toStockholmIso(new Date(ms))).toBe(luxon);
        }
      }
    }
  });

  it('rejects an invalid date', () => {
    expect(() => toStockholmIso(new Date(Number.NaN))).toThrow(RangeError);
  });
});
