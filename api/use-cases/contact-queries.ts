import { notFound } from '../../domain/errors.js';
import type { Database } from '../../platform/database.js';
import type { Prisma } from '../../prisma/generated/client.js';
import { contactSearchWhere } from './case-lists.js';
import { readContactCardRows } from './contact-card-query.js';
import { activityView, caseView, contactCardView, contactSummaryView } from './views.js';

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

/**
 * The contact card: data, cases, the dialog newest first, all from the database, and the
 * read written to the access log (by `readBy`, a coordinator) in the same statement. The
 * case rows are the source of truth (every change the workflow makes is written before it
 * is reported), so the card asks no workflow: it answers the same with or without a worker.
 */
export async function loadContactCard(deps: { db: Database }, id: string, readBy: string) {
  const { contact, cases, activities } = await readContactCardRows(deps.db, id, readBy);
  if (!contact) throw notFound('Contact');
  return contactCardView(contact, cases.map((row) => caseView(row)), activities.map(activityView));
}
