// Intake volumes (MISSION.md §8): cases received per month and intake source kind.
import type { Database } from '../../platform/database.js';
import { SOURCE_KINDS, type SourceKind } from '../../domain/codes.js';
import { toStockholmIso } from '../../domain/stockholm-time.js';
import { monthsOfPeriod, type ReportPeriod } from './report-query.js';

export type CasesBySourceKind = Record<SourceKind, number>;

export interface IntakeReport {
  report: 'intake';
  period: { from: string; to: string };
  generatedAt: string;
  /** Every month the period touches (YYYY-MM, Stockholm time), also months without cases. */
  months: Array<{ month: string; bySourceKind: CasesBySourceKind; total: number }>;
  total: { bySourceKind: CasesBySourceKind; total: number };
}

function noCases(): CasesBySourceKind {
  return Object.fromEntries(SOURCE_KINDS.map((kind) => [kind, 0])) as CasesBySourceKind;
}

function sum(bySourceKind: CasesBySourceKind): number {
  return SOURCE_KINDS.reduce((total, kind) => total + bySourceKind[kind], 0);
}

export async function intakeReport(db: Database, input: { period: ReportPeriod; now: Date }): Promise<IntakeReport> {
  const { period, now } = input;
  const rows = await db.$queryRaw<Array<{ month: string; source_kind: string; cases: number }>>`
    SELECT to_char(received_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month, source_kind, count(*)::int AS cases
    FROM cases
    WHERE received_at >= ${period.start}::timestamptz AND received_at < ${period.end}::timestamptz
    GROUP BY 1, 2`;

  const byMonth = new Map(monthsOfPeriod(period).map((month) => [month, noCases()]));
  const total = noCases();
  for (const row of rows) {
    const kind = row.source_kind as SourceKind;
    const month = byMonth.get(row.month);
    if (!month || !(kind in total)) continue;
    month[kind] += row.cases;
    total[kind] += row.cases;
  }

  return {
    report: 'intake',
    period: { from: period.from, to: period.to },
    generatedAt: toStockholmIso(now),
    months: [...byMonth].map(([month, bySourceKind]) => ({ month, bySourceKind, total: sum(bySourceKind) })),
    total: { bySourceKind: total, total: sum(total) },
  };
}
