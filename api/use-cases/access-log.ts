// The access log (MISSION.md §1, GDPR): who read, changed, exported or erased which
// contact card, and when; newest first, filtered by contact and by coordinator, paged.
import type { Database } from '../../platform/database.js';

export interface AccessLogFilter {
  contactId?: string;
  coordinatorId?: string;
}

export async function listAccessLog(db: Database, filter: AccessLogFilter, paging: { page: number; pageSize: number }) {
  const where = { ...(filter.contactId ? { contactId: filter.contactId } : {}), ...(filter.coordinatorId ? { coordinatorId: filter.coordinatorId } : {}) };
  const [items, total] = await Promise.all([
    db.accessLogEntry.findMany({ where, orderBy: [{ at: 'desc' }, { id: 'asc' }], skip: (paging.page - 1) * paging.pageSize, take: paging.pageSize }),
    db.accessLogEntry.count({ where }),
  ]);
  return { items, total };
}

/** Names for the entries of one page: the coordinator's, and the contact's while the card exists. */
export async function accessLogNames(db: Database, items: Array<{ coordinatorId: string | null; contactId: string }>) {
  const [coordinators, contacts] = await Promise.all([
    db.coordinator.findMany({ where: { id: { in: [...new Set(items.flatMap((item) => (item.coordinatorId ? [item.coordinatorId] : [])))] } }, select: { id: true, name: true } }),
    db.contact.findMany({ where: { id: { in: [...new Set(items.map((item) => item.contactId))] } }, select: { id: true, firstName: true, lastName: true } }),
  ]);
  return {
    coordinators: new Map(coordinators.map((row) => [row.id, row.name])),
    contacts: new Map(contacts.map((row) => [row.id, `${row.firstName} ${row.lastName}`])),
  };
}
