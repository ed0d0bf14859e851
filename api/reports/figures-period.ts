// The period picker of the figures page: a calendar year, a quarter or custom dates, and
// the periods before it that the service-level trend compares with.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { STOCKHOLM_ZONE } from '../../domain/stockholm-time.js';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR, resolvePeriod, type ReportPeriod } from './report-query.js';
import { formatSwedishDate } from './report-labels.js';

export const PERIOD_KINDS = ['year', 'quarter', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
/** The chosen period and the ones before it: four periods in the trend. */
export const TREND_PERIODS = 4;

const yearText = z
  .string()
  .regex(/^\d{4}$/, 'expected a year such as 2026')
  .transform(Number)
  .pipe(z.int().min(FIRST_REPORT_YEAR + 1).max(LAST_REPORT_YEAR));
const dateText = z.iso.date().refine((value) => {
  const year = Number(value.slice(0, 4));
  return year >= FIRST_REPORT_YEAR + 1 && year <= LAST_REPORT_YEAR;
}, `expected a date in the years ${FIRST_REPORT_YEAR + 1}–${LAST_REPORT_YEAR}`);

/** Empty form fields arrive as ""; they mean "not chosen". */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const figuresPageQuery = z
  .strictObject({
    period: optional(z.enum(PERIOD_KINDS)),
    year: optional(yearText),
    quarter: optional(z.enum(['1', '2', '3', '4']).transform(Number)),
    from: optional(dateText),
    to: optional(dateText),
  })
  .superRefine((query, ctx) => {
    if (query.period === 'custom') {
      if (!query.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'required for a custom period' });
      if (!query.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'required for a custom period' });
      if (query.from && query.to && query.from > query.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before "from"' });
    }
  });
export type FiguresPageQuery = z.output<typeof figuresPageQuery>;

export interface FiguresPeriod extends ReportPeriod {
  kind: PeriodKind;
  label: string;
}

export interface FiguresSelection {
  kind: PeriodKind;
  year: number;
  quarter: number;
  period: FiguresPeriod;
  /** Oldest first; the last one is `period`. */
  trend: FiguresPeriod[];
  /** The calendar year whose in-migration is held against its goal: the year the period ends in. */
  inMigrationYear: number;
}

function calendarPeriod(kind: PeriodKind, from: DateTime, to: DateTime, label: string, now: Date): FiguresPeriod {
  return { kind, label, ...resolvePeriod({ from: from.toISODate() ?? '', to: to.toISODate() ?? '' }, now) };
}

function yearPeriod(year: number, now: Date): FiguresPeriod {
  const start = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: STOCKHOLM_ZONE });
  return calendarPeriod('year', start, start.endOf('year'), String(year), now);
}

function quarterPeriod(year: number, quarter: number, now: Date): FiguresPeriod {
  const start = DateTime.fromObject({ year, month: (quarter - 1) * 3 + 1, day: 1 }, { zone: STOCKHOLM_ZONE });
  return calendarPeriod('quarter', start, start.endOf('quarter'), `Kvartal ${quarter} ${year}`, now);
}

function customPeriod(from: DateTime, to: DateTime, now: Date): FiguresPeriod {
  const label = `${formatSwedishDate(from.toISODate() ?? '')} – ${formatSwedishDate(to.toISODate() ?? '')}`;
  return calendarPeriod('custom', from, to, label, now);
}

export function resolveFiguresSelection(query: FiguresPageQuery, now: Date): FiguresSelection {
  const today = DateTime.fromJSDate(now, { zone: STOCKHOLM_ZONE }).startOf('day');
  const kind = query.period ?? 'year';
  const year = query.year ?? today.year;
  const quarter = query.quarter ?? Math.ceil(today.month / 3);
  const back = Array.from({ length: TREND_PERIODS }, (_, index) => TREND_PERIODS - 1 - index);
  let trend: FiguresPeriod[];
  if (kind === 'quarter') {
    trend = back.map((steps) => {
      const start = DateTime.fromObject({ year, month: (quarter - 1) * 3 + 1, day: 1 }, { zone: STOCKHOLM_ZONE }).minus({ months: 3 * steps });
      return quarterPeriod(start.year, start.quarter, now);
    });
  } else if (kind === 'custom') {
    const from = DateTime.fromISO(query.from!, { zone: STOCKHOLM_ZONE });
    const to = DateTime.fromISO(query.to!, { zone: STOCKHOLM_ZONE });
    const days = Math.round(to.diff(from, 'days').days) + 1;
    trend = back.map((steps) => customPeriod(from.minus({ days: days * steps }), to.minus({ days: days * steps }), now));
  } else {
    trend = back.map((steps) => yearPeriod(year - steps, now));
  }
  const period = trend.at(-1)!;
  return { kind, year, quarter, period, trend, inMigrationYear: Number(period.to.slice(0, 4)) };
}
