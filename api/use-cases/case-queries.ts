import type { Client } from '@temporalio/client';
import { notFound } from '../../domain/errors.js';
import type { UnitCode } from '../../domain/units.js';
import type { Database } from '../../platform/database.js';
import type { CaseStatus } from '../../domain/codes.js';
import { listCases as listCaseRows } from './case-lists.js';
import { caseInclude, caseView, liveCaseState } from './views.js';

/** One case with the live SLA state its workflow holds. */
export async function loadCaseView(deps: { db: Database; temporal: Client }, id: string) {
  const row = await deps.db.case.findUnique({ where: { id }, include: caseInclude });
  if (!row) throw notFound('Case');
  return caseView(row, await liveCaseState(deps.temporal, row));
}

/** GET /cases: the same list the web app's cases page shows, as JSON case views. */
export async function listCases(
  db: Database,
  query: { unit?: UnitCode; status?: string; overdue?: boolean; page: number; pageSize: number },
) {
  const { total, items } = await listCaseRows(db, { unit: query.unit, status: query.status as CaseStatus | undefined, overdue: query.overdue }, query);
  return { items: items.map((row) => caseView(row)), total, page: query.page, pageSize: query.pageSize };
}
