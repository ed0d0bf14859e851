// In-migration (MISSION.md §8): contacts recorded as moved in, per municipality and
// intake source, and how long it took from the first contact to the move.
import type { Database } from '../../platform/database.js';
import { SOURCE_KINDS, type SourceKind } from '../../domain/codes.js';
import { MUNICIPALITIES, MUNICIPALITY_CODES, type MunicipalityCode } from '../../domain/units.js';
import { toStockholmIso } from '../../domain/stockholm-time.js';
import { SOURCE_KIND_LABELS_SV } from './report-labels.js';

/** A move recorded without a (known) municipality. */
export const UNKNOWN_MUNICIPALITY = 'unknown';
/** A contact card without any case, e.g. entered before the product existed. */
export const NO_CASE = 'no-case';

export type MoveDestination = MunicipalityCode | typeof UNKNOWN_MUNICIPALITY;
export type MoveOrigin = SourceKind | typeof NO_CASE;

export interface MoveFigures {
  moves: number;
  medianDaysFromFirstContactToMove: number | null;
}

export interface InMigrationReport {
  report: 'in-migration';
  year: number;
  generatedAt: string;
  municipalities: Array<{ municipality: MoveDestination; name: string; bySourceKind: Record<string, number> } & MoveFigures>;
  sourceKinds: Array<{ sourceKind: MoveOrigin; name: string } & MoveFigures>;
  total: MoveFigures;
}

interface GroupRow {
  municipality: string | null;
  source_kind: string | null;
  /** Bit 1: municipality rolled up, bit 0: source kind rolled up (PostgreSQL GROUPING). */
  rolled_up: number;
  moves: number;
  median_days: number | null;
}

const BY_BOTH = 0;
const BY_MUNICIPALITY = 1;
const BY_SOURCE_KIND = 2;
const OVERALL = 3;

export function moveOriginLabel(origin: MoveOrigin): string {
  return origin === NO_CASE ? 'Utan ärende' : SOURCE_KIND_LABELS_SV[origin];
}

export function moveDestinationLabel(destination: MoveDestination): string {
  return destination === UNKNOWN_MUNICIPALITY ? 'Okänd kommun' : MUNICIPALITIES[destination];
}

/**
 * The first contact is the Stockholm day the contact's earliest case was received: for
 * contacts imported from the old CRM that is the back-dated original date, whereas the
 * card's created_at would be the import day. Only a card without any case falls back to
 * created_at. Medians are taken in SQL (percentile_cont: the mean of the two middle
 * values), so no row leaves the database.
 */
export async function inMigrationReport(db: Database, input: { year: number; now: Date }): Promise<InMigrationReport> {
  const { year, now } = input;
  const firstDay = `${year}-01-01`;
  const lastDay = `${year}-12-31`;
  const municipalityCodes: string[] = [...MUNICIPALITY_CODES];

  const rows = await db.$queryRaw<GroupRow[]>`
    WITH moved AS (
      SELECT id, created_at, moved_on,
             CASE WHEN moved_to_municipality = ANY(${municipalityCodes}::text[]) THEN moved_to_municipality
                  ELSE ${UNKNOWN_MUNICIPALITY}::text END AS municipality
      FROM contacts
      WHERE move_status = 'moved' AND moved_on BETWEEN ${firstDay}::date AND ${lastDay}::date
    ),
    first_case AS (
      SELECT DISTINCT ON (cases.contact_id) cases.contact_id, cases.source_kind, cases.received_at
      FROM cases JOIN moved ON moved.id = cases.contact_id
      ORDER BY cases.contact_id, cases.received_at, cases.number
    ),
    moves AS (
      SELECT moved.municipality,
             COALESCE(first_case.source_kind, ${NO_CASE}::text) AS source_kind,
             moved.moved_on - (COALESCE(first_case.received_at, moved.created_at) AT TIME ZONE 'Europe/Stockholm')::date AS days
      FROM moved LEFT JOIN first_case ON first_case.contact_id = moved.id
    )
    SELECT municipality, source_kind, GROUPING(municipality, source_kind)::int AS rolled_up,
           count(*)::int AS moves,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days
    FROM moves
    GROUP BY GROUPING SETS ((municipality, source_kind), (municipality), (source_kind), ())`;

  const figuresOf = (row: GroupRow | undefined): MoveFigures => ({
    moves: row?.moves ?? 0,
    medianDaysFromFirstContactToMove: row?.median_days ?? null,
  });
  const rowsAt = (level: number) => rows.filter((row) => row.rolled_up === level);

  // Every municipality and source kind is listed; the two catch-all rows only when used.
  const destinations: MoveDestination[] = [...MUNICIPALITY_CODES];
  if (rowsAt(BY_MUNICIPALITY).some((row) => row.municipality === UNKNOWN_MUNICIPALITY)) destinations.push(UNKNOWN_MUNICIPALITY);
  const origins: MoveOrigin[] = [...SOURCE_KINDS];
  if (rowsAt(BY_SOURCE_KIND).some((row) => row.source_kind === NO_CASE)) origins.push(NO_CASE);

  return {
    report: 'in-migration',
    year,
    generatedAt: toStockholmIso(now),
    municipalities: destinations.map((municipality) => ({
      municipality,
      name: moveDestinationLabel(municipality),
      ...figuresOf(rowsAt(BY_MUNICIPALITY).find((row) => row.municipality === municipality)),
      bySourceKind: Object.fromEntries(
        origins.map((origin) => [
          origin,
          rowsAt(BY_BOTH).find((row) => row.municipality === municipality && row.source_kind === origin)?.moves ?? 0,
        ]),
      ),
    })),
    sourceKinds: origins.map((sourceKind) => ({
      sourceKind,
      name: moveOriginLabel(sourceKind),
      ...figuresOf(rowsAt(BY_SOURCE_KIND).find((row) => row.source_kind === sourceKind)),
    })),
    total: figuresOf(rowsAt(OVERALL)[0]),
  };
}
