// Dates as mail clients print them, in Date headers and in quoted headers of forwards.
import { DateTime, FixedOffsetZone, type Zone } from 'luxon';
import { STOCKHOLM_ZONE } from '../domain/stockholm-time.js';

const MONTH_BY_NAME = new Map<string, number>([
  ['jan', 1], ['january', 1], ['januari', 1], ['januar', 1],
  ['feb', 2], ['february', 2], ['februari', 2], ['februar', 2],
  ['mar', 3], ['march', 3], ['mars', 3],
  ['apr', 4], ['april', 4],
  ['may', 5], ['maj', 5], ['mai', 5],
  ['jun', 6], ['june', 6], ['juni', 6],
  ['jul', 7], ['july', 7], ['juli', 7],
  ['aug', 8], ['august', 8], ['augusti', 8],
  ['sep', 9], ['sept', 9], ['september', 9],
  ['oct', 10], ['october', 10], ['okt', 10], ['oktober', 10],
  ['nov', 11], ['november', 11],
  ['dec', 12], ['december', 12], ['des', 12], ['desember', 12],
]);

const OFFSET_MINUTES_BY_ZONE_NAME = new Map<string, number>([
  ['ut', 0], ['utc', 0], ['gmt', 0], ['wet', 0], ['west', 60], ['bst', 60], ['cet', 60], ['met', 60],
  ['cest', 120], ['mest', 120], ['eet', 120], ['eest', 180], ['est', -300], ['edt', -240], ['cst', -360],
  ['cdt', -300], ['mst', -420], ['mdt', -360], ['pst', -480], ['pdt', -420],
]);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const DAY_MONTH_YEAR = /(?<![\p{L}\d])(\d{1,2})(?:\.|st|nd|rd|th)?\s+(\p{L}+)\.?,?\s+(\d{4})(?!\d)/gu;
const MONTH_DAY_YEAR = /(?<![\p{L}\d])(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/gu;
const NUMERIC_DATE = /(?<!\d)(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})([./])(\d{1,2})\5(\d{4}))(?!\d)/u;
const TIME = /(?<!\d)(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\s*([ap])\.?m\.?(?!\p{L}))?/iu;
const NUMERIC_OFFSET = /(?<![\p{L}\d])(?:gmt|utc|ut)?\s*([+-])(\d{1,2})(?::?(\d{2}))?(?!\d)/iu;
const ZONE_NAME = /(?<!\p{L})(\p{L}{2,4})(?!\p{L})/gu;

interface CalendarDay {
  year: number;
  month: number;
  day: number;
  rest: string;
}

/**
 * Dates as mail clients print them: RFC 5322 headers and the localised forms of quoted
 * headers ("Monday, March 3, 2025 10:12 AM", "den 3 mars 2025 10:12", "3 March 2025 at
 * 10:12:00 CET"). Quoted headers rarely name a zone; the coordinators are in Sweden, so
 * Stockholm time is assumed rather than whatever zone the server runs in.
 */
export function parseLooseDate(value: string): Date | null {
  const trimmed = value.trim();
  if (ISO_INSTANT.test(trimmed)) return new Date(trimmed);
  const lower = trimmed.toLowerCase();
  const day = namedMonthDay(lower) ?? numericDay(lower);
  if (!day) return null;

  const time = TIME.exec(day.rest);
  let hour = time ? Number(time[1]) : 0;
  const meridiem = time?.[4];
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  const afterTime = time ? day.rest.slice(0, time.index) + ' ' + day.rest.slice(time.index + time[0].length) : day.rest;

  const dateTime = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute: Number(time?.[2] ?? 0), second: Number(time?.[3] ?? 0) },
    { zone: zoneIn(afterTime) },
  );
  return dateTime.isValid ? dateTime.toJSDate() : null;
}

function namedMonthDay(lower: string): CalendarDay | null {
  for (const match of lower.matchAll(DAY_MONTH_YEAR)) {
    const month = MONTH_BY_NAME.get(match[2] ?? '');
    if (month) return { year: Number(match[3]), month, day: Number(match[1]), rest: without(lower, match) };
  }
  for (const match of lower.matchAll(MONTH_DAY_YEAR)) {
    const month = MONTH_BY_NAME.get(match[1] ?? '');
    if (month) return { year: Number(match[3]), month, day: Number(match[2]), rest: without(lower, match) };
  }
  return null;
}

function numericDay(lower: string): CalendarDay | null {
  const match = NUMERIC_DATE.exec(lower);
  if (!match) return null;
  const rest = without(lower, match);
  if (match[1] !== undefined) return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), rest };
  const first = Number(match[4]);
  const second = Number(match[6]);
  // 03.04.2025 is European day-first; 3/4/2025 is Outlook's US month-first unless that is impossible.
  const dayFirst = match[5] === '.' || first > 12;
  return { year: Number(match[7]), month: dayFirst ? second : first, day: dayFirst ? first : second, rest };
}

function without(text: string, match: RegExpMatchArray): string {
  const start = match.index ?? 0;
  return `${text.slice(0, start)} ${text.slice(start + match[0].length)}`;
}

function zoneIn(text: string): Zone | string {
  const offset = NUMERIC_OFFSET.exec(text);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
    if (minutes <= 14 * 60) return FixedOffsetZone.instance(offset[1] === '-' ? -minutes : minutes);
  }
  for (const match of text.matchAll(ZONE_NAME)) {
    const minutes = OFFSET_MINUTES_BY_ZONE_NAME.get(match[1] ?? '');
    if (minutes !== undefined) return FixedOffsetZone.instance(minutes);
  }
  return STOCKHOLM_ZONE;
}
