// Intake sources: tasteget.nu, each municipality site's form, manual entry and imports,
// each with its own `X-Api-Key` (MISSION.md §1: administrators manage them). A key is
// shown once, when it is made; only its SHA-256 is stored, as the intake authenticator
// looks it up. Rotating replaces the hash, so the old key is refused at once.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SOURCE_KINDS, type SourceKind } from '../../domain/codes.js';
import { notFound } from '../../domain/errors.js';
import { hashSecret, newSecret } from '../../domain/secrets.js';
import { MUNICIPALITY_CODES, type MunicipalityCode } from '../../domain/units.js';
import type { Database } from '../../platform/database.js';
import { oneLineText } from '../schemas.js';

const MUNICIPALITY_RULE = 'required for kind municipality-site, and only for it';

export const newIntakeSourceRequest = z
  .strictObject({
    name: oneLineText(200).min(1),
    kind: z.enum(SOURCE_KINDS),
    municipality: z.enum(MUNICIPALITY_CODES).optional(),
  })
  .refine((source) => (source.kind === 'municipality-site') === Boolean(source.municipality), { message: MUNICIPALITY_RULE, path: ['municipality'] });
export type NewIntakeSource = z.infer<typeof newIntakeSourceRequest>;

export interface IntakeSourceView {
  id: string;
  name: string;
  kind: SourceKind;
  municipality: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export async function listIntakeSources(db: Database): Promise<IntakeSourceView[]> {
  const rows = await db.intakeSource.findMany({ orderBy: [{ kind: 'asc' }, { name: 'asc' }] });
  return rows.map(({ keyHash: _hidden, ...source }) => ({ ...source, kind: source.kind as SourceKind }));
}

async function audit(db: Database, kind: string, subjectId: string, actorId: string | undefined) {
  await db.auditRecord.create({ data: { id: randomUUID(), kind, subjectId, actorId: actorId ?? null, details: {} } });
}

/** The key is in the answer and nowhere else. */
export async function addIntakeSource(db: Database, input: { name: string; kind: SourceKind; municipality?: MunicipalityCode; addedById?: string }) {
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
  await audit(db, 'intake-source-added', source.id, input.addedById);
  return { id: source.id, name: source.name, kind: input.kind, municipality: source.municipality, key };
}

/** A new key for the source; the old one stops working at once. */
export async function rotateIntakeSourceKey(db: Database, input: { id: string; rotatedById?: string }) {
  const key = newSecret('ivs');
  const updated = await db.intakeSource.updateMany({ where: { id: input.id }, data: { keyHash: hashSecret(key) } });
  if (updated.count !== 1) throw notFound('Intake source');
  await audit(db, 'intake-key-rotated', input.id, input.rotatedById);
  const source = await db.intakeSource.findUniqueOrThrow({ where: { id: input.id } });
  return { id: source.id, name: source.name, kind: source.kind as SourceKind, municipality: source.municipality, key };
}
