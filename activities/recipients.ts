import type { Role } from '../domain/codes.js';
import { REGION, type UnitCode } from '../domain/units.js';
import type { Database } from '../platform/database.js';

/** Email addresses of active coordinators, filtered by unit and role. */
export async function coordinatorEmails(db: Database, filter: { units?: UnitCode[]; roles: Role[] }): Promise<string[]> {
  const rows = await db.coordinator.findMany({
    where: {
      role: { in: filter.roles },
      ...(filter.units ? { unit: { in: filter.units } } : {}),
      revokedAt: null,
    },
    select: { email: true },
    orderBy: { email: 'asc' },
  });
  return rows.map((row) => row.email);
}

/**
 * Who hears of an overdue case, from one read of the staff list: at level 1 the unit's
 * guides (the region's when the unit has none) and every regional coordinator; at level 2
 * the administrators.
 */
export async function escalationRecipients(db: Database, unit: UnitCode, level: 1 | 2): Promise<string[]> {
  if (level === 2) return coordinatorEmails(db, { roles: ['admin'] });
  const guides = await db.coordinator.findMany({
    where: { role: { in: ['coordinator', 'regional'] }, revokedAt: null },
    select: { email: true, unit: true, role: true },
  });
  const ofUnit = (code: UnitCode) => guides.filter((guide) => guide.unit === code);
  const responsible = ofUnit(unit).length > 0 ? ofUnit(unit) : ofUnit(REGION);
  const regional = guides.filter((guide) => guide.role === 'regional');
  return [...new Set([...responsible, ...regional].map((guide) => guide.email))].sort();
}
