// Coordinators and intake sources. Their secrets are shown once and stored hashed.
import { randomUUID } from 'node:crypto';
import type { Database } from '../platform/database.js';
import type { Role, SourceKind } from '../domain/codes.js';
import { hashSecret, newSecret } from '../domain/secrets.js';
import type { MunicipalityCode, UnitCode } from '../domain/units.js';

export async function addCoordinator(
  db: Database,
  input: { name: string; email: string; unit: UnitCode; role: Role; validDays?: number },
) {
  const token = newSecret('ivc');
  const coordinator = await db.coordinator.create({
    data: {
      id: randomUUID(),
      name: input.name,
      email: input.email.toLowerCase(),
      unit: input.unit,
      role: input.role,
      tokenHash: hashSecret(token),
      tokenExpiresAt: input.validDays ? new Date(Date.now() + input.validDays * 86_400_000) : null,
    },
  });
  return { id: coordinator.id, name: coordinator.name, email: coordinator.email, unit: input.unit, role: input.role, token };
}

export async function addIntakeSource(
  db: Database,
  input: { name: string; kind: SourceKind; municipality?: MunicipalityCode },
) {
  const key = newSecret('ivs');
  const source = await db.intakeSource.create({
    data: {
      id: randomUUID(),
      name: input.name,
      kind: input.kind,
      municipality: input.kind === 'municipality-site' ? (input.municipality ?? null) : null,
      keyHash: hashSecret(key),
    },
  });
  return { id: source.id, name: source.name, kind: input.kind, municipality: source.municipality, key };
}
