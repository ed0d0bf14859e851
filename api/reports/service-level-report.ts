// Service level per responsible unit (MISSION.md §8): how many first replies came within
// five working days, how long they took, and what is overdue right now.
import type { Database } from '../../platform/database.js';
import { median, share } from '../../domain/report-rules.js';
import { UNIT_CODES, unitDisplayName, type UnitCode } from '../../domain/units.js';
import { workingDaysBetween } from '../../domain/working-days.js';
import { toStockholmIso } from '../../domain/stockholm-time.js';
import type { ReportPeriod } from './report-query.js';

export interface ServiceLevelFigures {
  /** Cases received in the period. */
  cases: number;
  /** … of which have a logged first reply. */
  replied: number;
  repliedWithinFiveWorkingDays: number;
  repliedLate: number;
  /** Not closed and not yet replied to, whether or not the deadline has passed. */
  openWithoutReply: number;
  /** No reply and the deadline passed while the case was open; a miss just like a late reply. */
  unansweredPastDeadline: number;
  /** within / (within + late + unansweredPastDeadline); null when nothing is measurable yet. */
  shareWithinFiveWorkingDays: number | null;
  medianWorkingDaysToFirstReply: number | null;
  /** Flagged overdue and not closed now, whenever received: the backlog today. */
  openOverdueNow: number;
}

export interface ServiceLevelReport {
  report: 'service-level';
  period: { from: string; to: string };
  unit: UnitCode | null;
  generatedAt: string;
  units: Array<{ unit: UnitCode; name: string } & ServiceLevelFigures>;
  total: ServiceLevelFigures;
}

interface CaseCountRow {
  unit: string;
  cases: number;
  replied: number;
  met: number;
  late: number;
  open_without_reply: number;
  unanswered_past_deadline: number;
}

type Counts = Omit<ServiceLevelFigures, 'shareWithinFiveWorkingDays' | 'medianWorkingDaysToFirstReply'>;

const NO_CASES: Counts = {
  cases: 0,
  replied: 0,
  repliedWithinFiveWorkingDays: 0,
  repliedLate: 0,
  openWithoutReply: 0,
  unansweredPastDeadline: 0,
  openOverdueNow: 0,
};

/**
 * The share counts every case whose deadline is behind us: replied in time, replied late,
 * or still unanswered after the deadline (counting only replied cases would make a unit
 * that leaves cases unanswered look better). Cases whose deadline is still ahead are left
 * out, since they may yet be answered in time, and so are cases closed without a reply
 * before their deadline (withdrawn or duplicates: no reply was owed).
 */
function figures(counts: Counts, workingDaysToReply: number[]): ServiceLevelFigures {
  const measured = counts.repliedWithinFiveWorkingDays + counts.repliedLate + counts.unansweredPastDeadline;
  return {
    ...counts,
    shareWithinFiveWorkingDays: share(counts.repliedWithinFiveWorkingDays, measured),
    medianWorkingDaysToFirstReply: median(workingDaysToReply),
  };
}

export async function serviceLevelReport(
  db: Database,
  input: { period: ReportPeriod; unit?: UnitCode; now: Date },
): Promise<ServiceLevelReport> {
  const { period, now } = input;
  const unit = input.unit ?? null;

  const [caseCounts, overdueCounts, replies] = await Promise.all([
    db.$queryRaw<CaseCountRow[]>`
      SELECT responsible_unit AS unit,
             count(*)::int AS cases,
             count(*) FILTER (WHERE first_reply_at IS NOT NULL)::int AS replied,
             count(*) FILTER (WHERE sla_outcome = 'met')::int AS met,
             count(*) FILTER (WHERE sla_outcome = 'late')::int AS late,
             count(*) FILTER (WHERE first_reply_at IS NULL AND status <> 'closed')::int AS open_without_reply,
             count(*) FILTER (
               WHERE sla_outcome = 'open' AND first_reply_due_at < COALESCE(closed_at, ${now}::timestamptz)
             )::int AS unanswered_past_deadline
      FROM cases
      WHERE received_at >= ${period.start}::timestamptz AND received_at < ${period.end}::timestamptz
        AND (${unit}::text IS NULL OR responsible_unit = ${unit}::text)
      GROUP BY responsible_unit`,
    db.$queryRaw<Array<{ unit: string; open_overdue: number }>>`
      SELECT responsible_unit AS unit, count(*)::int AS open_overdue
      FROM cases
      WHERE overdue AND status <> 'closed' AND (${unit}::text IS NULL OR responsible_unit = ${unit}::text)
      GROUP BY responsible_unit`,
    // Working days follow the Swedish holiday calendar, which lives in TypeScript; only
    // the two instants of the period's replied cases are read.
    db.$queryRaw<Array<{ unit: string; received_at: Date; first_reply_at: Date }>>`
      SELECT responsible_unit AS unit, received_at, first_reply_at
      FROM cases
      WHERE received_at >= ${period.start}::timestamptz AND received_at < ${period.end}::timestamptz
        AND first_reply_at IS NOT NULL
        AND (${unit}::text IS NULL OR responsible_unit = ${unit}::text)`,
  ]);

  const countsByUnit = new Map<string, Counts>();
  for (const row of caseCounts) {
    countsByUnit.set(row.unit, {
      ...NO_CASES,
      cases: row.cases,
      replied: row.replied,
      repliedWithinFiveWorkingDays: row.met,
      repliedLate: row.late,
      openWithoutReply: row.open_without_reply,
      unansweredPastDeadline: row.unanswered_past_deadline,
    });
  }
  const overdueByUnit = new Map(overdueCounts.map((row) => [row.unit, row.open_overdue]));
  const daysByUnit = new Map<string, number[]>();
  for (const reply of replies) {
    const unitDays = daysByUnit.get(reply.unit) ?? [];
    unitDays.push(workingDaysBetween(reply.received_at, reply.first_reply_at));
    daysByUnit.set(reply.unit, unitDays);
  }

  // Every unit is listed, also without cases, so that a missing row never hides a unit.
  const reportedUnits = unit ? [unit] : UNIT_CODES;
  const unitCounts = reportedUnits.map((code) => ({
    code,
    counts: { ...(countsByUnit.get(code) ?? NO_CASES), openOverdueNow: overdueByUnit.get(code) ?? 0 },
  }));
  const totalCounts = { ...NO_CASES };
  for (const { counts } of unitCounts) {
    for (const key of Object.keys(totalCounts) as Array<keyof Counts>) totalCounts[key] += counts[key];
  }

  return {
    report: 'service-level',
    period: { from: period.from, to: period.to },
    unit,
    generatedAt: toStockholmIso(now),
    units: unitCounts.map(({ code, counts }) => ({
      unit: code,
      name: unitDisplayName(code),
      ...figures(counts, daysByUnit.get(code) ?? []),
    })),
    // The total median is over all replies, not a median of the units' medians.
    total: figures(totalCounts, reportedUnits.flatMap((code) => daysByUnit.get(code) ?? [])),
  };
}
