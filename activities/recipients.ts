import type { Role } from '../domain/codes.js';
import type { UnitCode } from '../domain/units.js';
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
