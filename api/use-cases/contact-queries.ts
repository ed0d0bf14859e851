import type { Client } from '@temporalio/client';
import { notFound } from '../../domain/errors.js';
import type { Database } from '../../platform/database.js';
import type { Prisma } from '../../prisma/generated/client.js';
import { contactSearchWhere } from './case-lists.js';
import { activityInclude, activityView, caseInclude, caseView, contactCardView, contactSummaryView, liveCaseState } from './views.js';

export async function searchContacts(
  db: Database,
  query: { q?: string; municipality?: string; moveStatus?: string; page: number; pageSize: number },
) {
  // The text means what it means in the web app's search box (case-lists.ts).
  const where: Prisma.ContactWhereInput = {
    ...(query.municipality ? { chosenMunicipalities: { has: query.municipality } } : {}),
    ...(query.moveStatus ? { moveStatus: query.moveStatus } : {}),
    ...(query.q?.trim() ? { AND: [await contactSearchWhere(db, query.q)] } : {}),
  };
  const [total, rows] = await Promise.all([
    db.contact.count({ where }),
    db.contact.findMany({
      where,
      orderBy: [{ lastActivityAt: 'desc' }, { id: 'asc' }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  return { items: rows.map(contactSummaryView), total, page: query.page, pageSize: query.pageSize };
}

/** The contact card: data, cases with their live SLA state, the dialog newest first. */
export async function loadContactCard(deps: { db: Database; temporal: Client }, id: string) {
  const { db, temporal } = deps;
  const contact = await db.contact.findUnique({ where: { id } });
  if (!contact) throw notFound('Contact');
  const [cases, activities] = await Promise.all([
    db.case.findMany({ where: { contactId: id }, include: caseInclude, orderBy: { receivedAt: 'desc' } }),
    db.activity.findMany({
      where: { contactId: id },
      include: activityInclude,
      orderBy: [{ occurredAt: 'desc' }, { createdAt: 'desc' }],
    }),
  ]);
  const liveCases = await Promise.all(cases.map(async (row) => caseView(row, await liveCaseState(temporal, row))));
  return contactCardView(contact, liveCases, activities.map(activityView));
}
