// The in-migration report (MISSION.md §7–8, issue 16): moves this year so far against
// the goals, the same point last year, the goal's pace today, several years side by
// side, and the breakdowns by source, by time from first contact to move and by month.
// A viewer's breakdowns hide counts of 1–4; totals per municipality and year stay exact.
import { DateTime } from 'luxon';
import type { Database } from '../../platform/database.js';
import {
  figuresAsOf,
  goalPace,
  maskSmallCount,
  maskSmallGroupMedian,
  MASKED_COUNT,
  samePointLastYear,
  shareOfGoal,
  TIME_TO_MOVE_BANDS,
  type MaskedCount,
  type TimeToMoveBand,
} from '../../domain/goal-rules.js';
import { MUNICIPALITY_CODES, REGION } from '../../domain/units.js';
import { STOCKHOLM_ZONE, toStockholmIso } from '../../domain/stockholm-time.js';
import {
  moveDestinationLabel,
  moveFiguresByMunicipalityAndSource,
  NO_CASE,
  UNKNOWN_MUNICIPALITY,
  type MoveDestination,
  type MoveOrigin,
} from './in-migration-report.js';
import { moveOriginLabel } from './in-migration-report.js';

/** Years shown side by side: the report's year and the four before it. */
export const YEARS_SIDE_BY_SIDE = 5;

export interface GoalValue {
  people: number;
  households: number | null;
}

type MaskedMedian = number | null | typeof MASKED_COUNT;

export interface GoalFigures {
  /** Households (contact cards) recorded as moved in during the year up to `asOf`. */
  moves: number;
  /** People in those households (adults and children on the card, at least one). */
  people: number;
  medianDaysFromFirstContactToMove: MaskedMedian;
  goal: GoalValue | null;
  /** people ÷ goal.people */
  shareOfGoal: number | null;
  /** moves ÷ goal.households */
  householdShareOfGoal: number | null;
  /** People the goal's even pace would have reached by `asOf`. */
  goalPaceToday: number | null;
  lastYearSamePoint: { moves: number; people: number };
}

export interface InMigrationReport {
  report: 'in-migration';
  year: number;
  generatedAt: string;
  /** The last day counted; null for a year that has not begun. */
  asOf: string | null;
  lastYearAsOf: string | null;
  /** True when breakdown counts of 1–4 are shown as "< 5" (viewers). */
  masked: boolean;
  municipalities: Array<
    { municipality: MoveDestination; name: string } & GoalFigures & {
        bySourceKind: Record<string, MaskedCount>;
        byTimeToMove: Record<TimeToMoveBand, MaskedCount>;
        byMonth: Record<string, MaskedCount>;
      }
  >;
  sourceKinds: Array<{ sourceKind: MoveOrigin; name: string; moves: MaskedCount; medianDaysFromFirstContactToMove: MaskedMedian }>;
  timeToMove: Array<{ band: TimeToMoveBand; name: string; moves: MaskedCount }>;
  months: Array<{ month: string; moves: MaskedCount }>;
  total: GoalFigures;
  years: Array<{
    year: number;
    total: { moves: number; people: number; goal: GoalValue | null };
    municipalities: Array<{ municipality: MoveDestination; moves: number; people: number; goal: GoalValue | null }>;
  }>;
}

interface YearRow {
  year: number;
  municipality: string | null;
  moves: number;
  people: number;
  moves_to_point: number;
  people_to_point: number;
}

interface BreakdownRow {
  municipality: string | null;
  band_index: number | null;
  month: string | null;
  /** Bit 2 municipality, bit 1 band, bit 0 month rolled up. */
  rolled_up: number;
  moves: number;
}

const MUNICIPALITY_BY_BAND = 1;
const BY_BAND = 5;
const MUNICIPALITY_BY_MONTH = 2;
const BY_MONTH = 6;

function monthsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, index) => `${year}-${String(index + 1).padStart(2, '0')}`);
}

export async function inMigrationReport(
  db: Database,
  input: { year: number; now: Date; masked?: boolean },
): Promise<InMigrationReport> {
  const { year, now } = input;
  const masked = input.masked ?? false;
  const today = DateTime.fromJSDate(now, { zone: STOCKHOLM_ZONE }).toISODate() ?? '';
  const asOf = figuresAsOf(year, today);
  const lastYearAsOf = asOf === null ? null : samePointLastYear(asOf);
  const firstYear = year - YEARS_SIDE_BY_SIDE + 1;
  const municipalityCodes: string[] = [...MUNICIPALITY_CODES];
  // Band i holds days up to bounds[i]; the index is how many bounds lie below the days.
  const bandBounds = TIME_TO_MOVE_BANDS.slice(0, -1).map((band) => band.maxDays);
  const people = 'GREATEST(1, COALESCE(household_adults, 1) + COALESCE(household_children, 0))';

  const [bySource, yearRows, breakdownRows, goals] = await Promise.all([
    moveFiguresByMunicipalityAndSource(db, { year }),
    db.$queryRawUnsafe<YearRow[]>(
      `SELECT EXTRACT(YEAR FROM moved_on)::int AS year,
              CASE WHEN moved_to_municipality = ANY($1::text[]) THEN moved_to_municipality ELSE $2::text END AS municipality,
              count(*)::int AS moves, sum(${people})::int AS people,
              count(*) FILTER (WHERE moved_on <= $5::date)::int AS moves_to_point,
              COALESCE(sum(${people}) FILTER (WHERE moved_on <= $5::date), 0)::int AS people_to_point
       FROM contacts
       WHERE move_status = 'moved' AND moved_on BETWEEN $3::date AND $4::date
       GROUP BY GROUPING SETS ((1, 2), (1))`,
      municipalityCodes,
      UNKNOWN_MUNICIPALITY,
      `${firstYear}-01-01`,
      `${year}-12-31`,
      lastYearAsOf ?? `${year - 1}-12-31`,
    ),
    db.$queryRaw<BreakdownRow[]>`
      WITH moved AS (
        SELECT id, created_at, moved_on,
               CASE WHEN moved_to_municipality = ANY(${municipalityCodes}::text[]) THEN moved_to_municipality
                    ELSE ${UNKNOWN_MUNICIPALITY}::text END AS municipality
        FROM contacts
        WHERE move_status = 'moved' AND moved_on BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date
      ),
      first_case AS (
        SELECT DISTINCT ON (cases.contact_id) cases.contact_id, cases.received_at
        FROM cases JOIN moved ON moved.id = cases.contact_id
        ORDER BY cases.contact_id, cases.received_at, cases.number
      ),
      moves AS (
        SELECT moved.municipality, to_char(moved.moved_on, 'YYYY-MM') AS month,
               moved.moved_on - (COALESCE(first_case.received_at, moved.created_at) AT TIME ZONE 'Europe/Stockholm')::date AS days
        FROM moved LEFT JOIN first_case ON first_case.contact_id = moved.id
      ),
      banded AS (
        SELECT municipality, month,
               (SELECT count(*) FROM unnest(${bandBounds}::int[]) AS bound WHERE moves.days > bound)::int AS band_index
        FROM moves
      )
      SELECT municipality, band_index, month, GROUPING(municipality, band_index, month)::int AS rolled_up, count(*)::int AS moves
      FROM banded
      GROUP BY GROUPING SETS ((municipality, band_index), (band_index), (municipality, month), (month))`,
    db.inMigrationGoal.findMany({ where: { year: { gte: firstYear, lte: year } } }),
  ]);

  const count = (value: number): MaskedCount => (masked ? maskSmallCount(value) : value);
  const median = (value: number | null, groupSize: number): MaskedMedian => (masked ? maskSmallGroupMedian(value, groupSize) : value);
  const goalOf = (goalYear: number, scope: string): GoalValue | null => {
    const goal = goals.find((row) => row.year === goalYear && row.scope === scope);
    return goal ? { people: goal.people, households: goal.households } : null;
  };
  const yearFigures = (figuresYear: number, municipality: string | null) =>
    yearRows.find((row) => row.year === figuresYear && row.municipality === municipality);

  const goalFigures = (scope: string | null, medianDays: number | null): GoalFigures => {
    const thisYear = yearFigures(year, scope);
    const lastYear = yearFigures(year - 1, scope);
    // The region's goal is for the region as a whole, so it is held against the total.
    const goal = goalOf(year, scope ?? REGION);
    const moves = thisYear?.moves ?? 0;
    const peopleMoved = thisYear?.people ?? 0;
    return {
      moves,
      people: peopleMoved,
      medianDaysFromFirstContactToMove: median(medianDays, moves),
      goal,
      shareOfGoal: shareOfGoal(peopleMoved, goal?.people ?? null),
      householdShareOfGoal: shareOfGoal(moves, goal?.households ?? null),
      goalPaceToday: goalPace(goal?.people ?? null, year, asOf),
      lastYearSamePoint: { moves: lastYear?.moves_to_point ?? 0, people: lastYear?.people_to_point ?? 0 },
    };
  };

  const breakdown = (level: number, match: (row: BreakdownRow) => boolean) =>
    breakdownRows.find((row) => row.rolled_up === level && match(row))?.moves ?? 0;
  const months = monthsOfYear(year);
  const destinations = [...bySource.destinations];
  if (!destinations.includes(UNKNOWN_MUNICIPALITY) && yearRows.some((row) => row.municipality === UNKNOWN_MUNICIPALITY)) {
    destinations.push(UNKNOWN_MUNICIPALITY);
  }

  return {
    report: 'in-migration',
    year,
    generatedAt: toStockholmIso(now),
    asOf,
    lastYearAsOf,
    masked,
    municipalities: destinations.map((municipality) => ({
      municipality,
      name: moveDestinationLabel(municipality),
      ...goalFigures(municipality, bySource.municipality(municipality).medianDaysFromFirstContactToMove),
      bySourceKind: Object.fromEntries(bySource.origins.map((origin) => [origin, count(bySource.cell(municipality, origin))])),
      byTimeToMove: Object.fromEntries(
        TIME_TO_MOVE_BANDS.map((band, index) => [
          band.band,
          count(breakdown(MUNICIPALITY_BY_BAND, (row) => row.municipality === municipality && row.band_index === index)),
        ]),
      ) as Record<TimeToMoveBand, MaskedCount>,
      byMonth: Object.fromEntries(
        months.map((month) => [month, count(breakdown(MUNICIPALITY_BY_MONTH, (row) => row.municipality === municipality && row.month === month))]),
      ),
    })),
    sourceKinds: bySource.origins.map((sourceKind) => {
      const figures = bySource.origin(sourceKind);
      return {
        sourceKind,
        name: moveOriginLabel(sourceKind),
        moves: count(figures.moves),
        medianDaysFromFirstContactToMove: median(figures.medianDaysFromFirstContactToMove, figures.moves),
      };
    }),
    timeToMove: TIME_TO_MOVE_BANDS.map((band, index) => ({
      band: band.band,
      name: band.label,
      moves: count(breakdown(BY_BAND, (row) => row.band_index === index)),
    })),
    months: months.map((month) => ({ month, moves: count(breakdown(BY_MONTH, (row) => row.month === month)) })),
    total: goalFigures(null, bySource.total.medianDaysFromFirstContactToMove),
    years: Array.from({ length: YEARS_SIDE_BY_SIDE }, (_, index) => firstYear + index).map((figuresYear) => ({
      year: figuresYear,
      total: {
        moves: yearFigures(figuresYear, null)?.moves ?? 0,
        people: yearFigures(figuresYear, null)?.people ?? 0,
        goal: goalOf(figuresYear, REGION),
      },
      municipalities: destinations.map((municipality) => ({
        municipality,
        moves: yearFigures(figuresYear, municipality)?.moves ?? 0,
        people: yearFigures(figuresYear, municipality)?.people ?? 0,
        goal: goalOf(figuresYear, municipality),
      })),
    })),
  };
}

export { NO_CASE };
