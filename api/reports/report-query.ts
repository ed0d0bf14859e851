// Query parameters of the report endpoints and the periods they stand for. Dates are
// Europe/Stockholm calendar dates, the way coordinators and decision makers count.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { UNIT_CODES } from '../../domain/units.js';
import { STOCKHOLM_ZONE } from '../../domain/stockholm-time.js';

export const FIRST_REPORT_YEAR = 2000;
export const LAST_REPORT_YEAR = 2100;

export const REPORT_FORMATS = ['json', 'csv', 'svg'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const format = z.enum(REPORT_FORMATS).optional().meta({ description: 'Overrides the Accept header' });

const calendarDate = z.iso
  .date()
  .refine((value) => {
    const year = Number(value.slice(0, 4));
    return year >= FIRST_REPORT_YEAR && year <= LAST_REPORT_YEAR;
  }, `expected a date in the years ${FIRST_REPORT_YEAR}–${LAST_REPORT_YEAR}`)
  .meta({ example: '2026-01-31' });

const reportYear = z
  .string()
  .regex(/^\d{4}$/, 'expected a year such as 2026')
  .transform(Number)
  .pipe(z.int().min(FIRST_REPORT_YEAR).max(LAST_REPORT_YEAR));

const periodFields = { from: calendarDate.optional(), to: calendarDate.optional() };

function fromNotAfterTo(query: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  // ISO dates compare correctly as strings.
  if (query.from && query.to && query.from > query.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before "from"' });
  }
}

export const serviceLevelQuery = z
  .strictObject({ ...periodFields, unit: z.enum(UNIT_CODES).optional(), format })
  .superRefine(fromNotAfterTo);

export const intakeQuery = z.strictObject({ ...periodFields, format }).superRefine(fromNotAfterTo);

export const inMigrationQuery = z.strictObject({ year: reportYear.optional(), format });

/** The overview page: the same periods as the reports, all optional. */
export const reportPageQuery = z.strictObject({ ...periodFields, year: reportYear.optional() }).superRefine(fromNotAfterTo);

/** Inclusive Stockholm calendar dates and the instants that bound them, [start, end). */
export interface ReportPeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

function stockholmToday(now: Date): DateTime {
  return DateTime.fromJSDate(now, { zone: STOCKHOLM_ZONE }).startOf('day');
}

function isoDate(day: DateTime): string {
  return day.toISODate() ?? '';
}

/**
 * Without dates: the current year so far. With only `from`: up to today, or just that
 * day when it lies ahead. With only `to`: from the first of January of that year.
 */
export function resolvePeriod(query: { from?: string; to?: string }, now: Date): ReportPeriod {
  const today = stockholmToday(now);
  const to = query.to ?? (query.from && query.from > isoDate(today) ? query.from : isoDate(today));
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  const startOfDay = (date: string) => DateTime.fromISO(date, { zone: STOCKHOLM_ZONE }).startOf('day');
  return {
    from,
    to,
    start: startOfDay(from).toJSDate(),
    end: startOfDay(to).plus({ days: 1 }).toJSDate(),
  };
}

export function currentStockholmYear(now: Date): number {
  return stockholmToday(now).year;
}

/** Every month (YYYY-MM) that the period touches, in order. */
export function monthsOfPeriod(period: Pick<ReportPeriod, 'from' | 'to'>): string[] {
  const months: string[] = [];
  const last = period.to.slice(0, 7);
  for (let month = DateTime.fromISO(`${period.from.slice(0, 7)}-01`, { zone: 'utc' }); ; month = month.plus({ months: 1 })) {
    const label = month.toFormat('yyyy-MM');
    months.push(label);
    if (label >= last) return months;
  }
}
