import type { Client } from '@temporalio/client';
import { notFound } from '../../domain/errors.js';
import type { UnitCode } from '../../domain/units.js';
import type { Database } from '../../platform/database.js';
import type { Prisma } from '../../prisma/generated/client.js';
import { caseInclude, caseView, liveCaseState } from './views.js';

/** One case with the live SLA state its workflow holds. */
export async function loadCaseView(deps: { db: Database; temporal: Client }, id: string) {
  const row = await deps.db.case.findUnique({ where: { id }, include: caseInclude });
  if (!row) throw notFound('Case');
  return caseView(row, await liveCaseState(deps.temporal, row));
}

export async function listCases(
  db: Database,
  query: { unit?: UnitCode; status?: string; overdue?: boolean; page: number; pageSize: number },
) {
  const where: Prisma.CaseWhereInput = {
    ...(query.unit ? { responsibleUnit: query.unit } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
  };
  const [total, rows] = await Promise.all([
    db.case.count({ where }),
    db.case.findMany({
      where,
      include: caseInclude,
      orderBy: [{ firstReplyDueAt: 'asc' }, { id: 'asc' }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return { items: rows.map((row) => caseView(row)), total, page: query.page, pageSize: query.pageSize };
}
