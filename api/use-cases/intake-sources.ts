// Intake sources: tasteget.nu, each municipality site's form, manual entry and imports,
// each with its own `X-Api-Key` (MISSION.md §1: administrators manage them). A key is
// shown once, when it is made; only its SHA-256 is stored, as the intake authenticator
// looks it up. Rotating replaces the hash, so the old key is refused at once.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Prisma } from '../../prisma/generated/client.js';
import { SOURCE_KINDS, type SourceKind } from '../../domain/codes.js';
import { DomainError, conflict, notFound } from '../../domain/errors.js';
import { hashSecret, newSecret } from '../../domain/secrets.js';
import { MUNICIPALITY_CODES, type MunicipalityCode } from '../../domain/units.js';
import type { Database } from '../../platform/database.js';
import { oneLineText } from '../schemas.js';
import { rememberAnswer, replayIdempotent, requestHash } from './idempotency.js';

type Transaction = Prisma.TransactionClient;

export const intakeSourceFields = {
  name: oneLineText(200).min(1),
  kind: z.enum(SOURCE_KINDS),
  municipality: z.enum(MUNICIPALITY_CODES).optional(),
};
/** A municipality belongs to a municipality site's source, and only to it. */
export const municipalityRule: [(source: { kind: SourceKind; municipality?: MunicipalityCode }) => boolean, { message: string; path: string[] }] = [
  (source) => (source.kind === 'municipality-site') === Boolean(source.municipality),
  { message: 'required for kind municipality-site, and only for it', path: ['municipality'] },
];

export const newIntakeSourceRequest = z.strictObject(intakeSourceFields).refine(...municipalityRule);
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

async function audit(db: Transaction, kind: string, subjectId: string, actorId: string | undefined) {
  await db.auditRecord.create({ data: { id: randomUUID(), kind, subjectId, actorId: actorId ?? null, details: {} } });
}

// A form that shows a new key may be sent twice (the browser reloads the page that showed
// it). The form carries a one-time key; its first use is remembered in the same transaction
// as the change, so a second use changes nothing, whichever API instance it reaches. The
// stored answer never holds the intake key: the key is shown once.
const ONE_TIME_SCOPE = 'intake-source-form';

const ALREADY_SENT = 'This form was sent already; its key was shown then and is not shown again';

async function useOnce(tx: Transaction, oneTimeKey: string | undefined, request: unknown, sourceId: () => string): Promise<() => Promise<void>> {
  if (!oneTimeKey) return async () => {};
  const hash = requestHash(request);
  // Used before, with this request or (another tab, an edited form) with another: refused alike.
  const usedBefore = await replayIdempotent(tx, ONE_TIME_SCOPE, oneTimeKey, hash).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'conflict') return true;
    throw error;
  });
  if (usedBefore) throw conflict(ALREADY_SENT);
  return () => rememberAnswer(tx, ONE_TIME_SCOPE, oneTimeKey, hash, { status: 200, body: { sourceId: sourceId() } });
}

/** The key is in the answer and nowhere else. `oneTimeKey`: a second call with it is refused (conflict). */
export async function addIntakeSource(
  db: Database,
  input: { name: string; kind: SourceKind; municipality?: MunicipalityCode; addedById?: string; oneTimeKey?: string },
) {
  const key = newSecret('ivs');
  const id = randomUUID();
  return db.$transaction(async (tx) => {
    const remember = await useOnce(tx, input.oneTimeKey, { add: { name: input.name, kind: input.kind, municipality: input.municipality ?? null } }, () => id);
    const source = await tx.intakeSource.create({
      data: {
        id,
        name: input.name,
        kind: input.kind,
        municipality: input.kind === 'municipality-site' ? (input.municipality ?? null) : null,
        keyHash: hashSecret(key),
      },
    });
    await audit(tx, 'intake-source-added', source.id, input.addedById);
    await remember();
    return { id: source.id, name: source.name, kind: input.kind, municipality: source.municipality, key };
  });
}

/** A new key for the source; the old one stops working at once. `oneTimeKey`: as for addIntakeSource. */
export async function rotateIntakeSourceKey(db: Database, input: { id: string; rotatedById?: string; oneTimeKey?: string }) {
  const key = newSecret('ivs');
  return db.$transaction(async (tx) => {
    const remember = await useOnce(tx, input.oneTimeKey, { rotate: input.id }, () => input.id);
    const updated = await tx.intakeSource.updateMany({ where: { id: input.id }, data: { keyHash: hashSecret(key) } });
    if (updated.count !== 1) throw notFound('Intake source');
    await audit(tx, 'intake-key-rotated', input.id, input.rotatedById);
    await remember();
    const source = await tx.intakeSource.findUniqueOrThrow({ where: { id: input.id } });
    return { id: source.id, name: source.name, kind: source.kind as SourceKind, municipality: source.municipality, key };
  });
}
