// Demo accounts for a fresh local database: one coordinator per unit, an admin and one
// intake source of each kind, so the README's curl walk-through works at once.
import type { Database } from '../platform/database.js';
import { SOURCE_KINDS } from '../domain/codes.js';
import { REGION, UNIT_CODES, unitDisplayName } from '../domain/units.js';
import { addCoordinator, addIntakeSource } from './accounts.js';

export async function seedDemoData(db: Database) {
  if ((await db.coordinator.count()) > 0 || (await db.intakeSource.count()) > 0) return undefined;
  const coordinators = [];
  for (const unit of UNIT_CODES) {
    coordinators.push(
      await addCoordinator(db, {
        name: `Vägledare ${unitDisplayName(unit)}`,
        email: `${unit}@demo.inflyttarvagledning.local`,
        unit,
        role: unit === REGION ? 'regional' : 'coordinator',
      }),
    );
  }
  coordinators.push(
    await addCoordinator(db, { name: 'Administratör', email: 'admin@demo.inflyttarvagledning.local', unit: REGION, role: 'admin' }),
  );
  const sources = [];
  for (const kind of SOURCE_KINDS) {
    sources.push(
      await addIntakeSource(db, {
        name: kind === 'municipality-site' ? 'are.se' : kind === 'tasteget' ? 'tasteget.nu' : `demo-${kind}`,
        kind,
        ...(kind === 'municipality-site' ? { municipality: 'are' as const } : {}),
      }),
    );
  }
  return { coordinators, sources };
}
