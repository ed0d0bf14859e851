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

/** Active guides (coordinators and regional coordinators) of every unit, from one read. */
async function activeGuides(db: Database) {
  return db.coordinator.findMany({
    where: { role: { in: ['coordinator', 'regional'] }, revokedAt: null },
    select: { email: true, unit: true, role: true },
  });
}

type Guide = Awaited<ReturnType<typeof activeGuides>>[number];

/** A unit without guides must not swallow a case: the region's guides get it. */
function guidesResponsibleFor(guides: Guide[], unit: UnitCode): Guide[] {
  const ofUnit = (code: UnitCode) => guides.filter((guide) => guide.unit === code);
  return ofUnit(unit).length > 0 ? ofUnit(unit) : ofUnit(REGION);
}

const emailsOf = (guides: Guide[]) => [...new Set(guides.map((guide) => guide.email))].sort();

/** The guides who hear of a unit's new, reminded or transferred case. */
export async function unitGuideEmails(db: Database, unit: UnitCode): Promise<string[]> {
  return emailsOf(guidesResponsibleFor(await activeGuides(db), unit));
}

/**
 * Who hears of an overdue case: at level 1 the unit's guides (the region's when the unit
 * has none) and every regional coordinator; at level 2 the administrators.
 */
export async function escalationRecipients(db: Database, unit: UnitCode, level: 1 | 2): Promise<string[]> {
  if (level === 2) return coordinatorEmails(db, { roles: ['admin'] });
  const guides = await activeGuides(db);
  return emailsOf([...guidesResponsibleFor(guides, unit), ...guides.filter((guide) => guide.role === 'regional')]);
}
