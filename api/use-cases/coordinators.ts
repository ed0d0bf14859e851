// Staff accounts (MISSION.md §1: administrators manage users): coordinators, regional
// coordinators, administrators and the decision makers' read-only `viewer`. Used by the
// administration pages and the CLI alike. The API token is shown once and stored hashed;
// a new account is welcomed by email with a one-time sign-in link.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Mailer } from '../../activities/mailer.js';
import { ROLES, type Role } from '../../domain/codes.js';
import { conflict, notFound, rejected } from '../../domain/errors.js';
import { hashSecret, newSecret } from '../../domain/secrets.js';
import { UNIT_CODES, unitDisplayName, type UnitCode } from '../../domain/units.js';
import type { Database } from '../../platform/database.js';
import { oneLineText } from '../schemas.js';
import { createSignInLink, signInLinkUrl } from './sign-in-links.js';

/** Longer than a requested sign-in link (15 minutes): a new colleague may read it the next day. */
export const WELCOME_LINK_LIFETIME_MS = 3 * 24 * 60 * 60_000;

export const coordinatorFields = {
  name: oneLineText(200).min(1),
  email: z.email().max(254).transform((value) => value.toLowerCase()),
  unit: z.enum(UNIT_CODES),
  role: z.enum(ROLES),
};
export const newCoordinatorRequest = z.strictObject(coordinatorFields);
export type NewCoordinator = z.infer<typeof newCoordinatorRequest>;
export const coordinatorChangeRequest = z.strictObject({ unit: coordinatorFields.unit, role: coordinatorFields.role });
export type CoordinatorChange = z.infer<typeof coordinatorChangeRequest>;

export interface CoordinatorAccount {
  id: string;
  name: string;
  email: string;
  unit: UnitCode;
  role: Role;
  createdAt: Date;
  revokedAt: Date | null;
}

const accountOf = (row: { id: string; name: string; email: string; unit: string; role: string; createdAt: Date; revokedAt: Date | null }): CoordinatorAccount => ({
  id: row.id,
  name: row.name,
  email: row.email,
  unit: row.unit as UnitCode,
  role: row.role as Role,
  createdAt: row.createdAt,
  revokedAt: row.revokedAt,
});

/** Active accounts first, then revoked ones; each group by name. */
export async function listCoordinators(db: Database): Promise<CoordinatorAccount[]> {
  const rows = await db.coordinator.findMany({ orderBy: [{ name: 'asc' }, { email: 'asc' }] });
  return rows.map(accountOf).sort((left, right) => Number(left.revokedAt !== null) - Number(right.revokedAt !== null));
}

async function audit(db: Database, kind: string, subjectId: string, actorId: string | undefined, details: Record<string, string | null>) {
  await db.auditRecord.create({ data: { id: randomUUID(), kind, subjectId, actorId: actorId ?? null, details } });
}

/** Creates the account; its API token is in the answer and nowhere else. */
export async function addCoordinator(
  db: Database,
  input: { name: string; email: string; unit: UnitCode; role: Role; validDays?: number; addedById?: string },
) {
  const email = input.email.trim().toLowerCase();
  if (await db.coordinator.findUnique({ where: { email } })) {
    throw rejected('An account with this email address exists already', [{ field: 'email', message: 'an account with this email address exists already' }]);
  }
  const token = newSecret('ivc');
  const coordinator = await db.coordinator.create({
    data: {
      id: randomUUID(),
      name: input.name,
      email,
      unit: input.unit,
      role: input.role,
      tokenHash: hashSecret(token),
      tokenExpiresAt: input.validDays ? new Date(Date.now() + input.validDays * 86_400_000) : null,
    },
  });
  await audit(db, 'coordinator-added', coordinator.id, input.addedById, { unit: input.unit, role: input.role });
  return { id: coordinator.id, name: coordinator.name, email: coordinator.email, unit: input.unit, role: input.role, token };
}

const ROLE_NAMES: Record<Role, string> = {
  coordinator: 'vägledare',
  regional: 'regional samordnare',
  admin: 'administratör',
  viewer: 'läsbehörighet till nyckeltalen',
};

/**
 * The welcome email with a one-time sign-in link. Its idempotency key is the account's,
 * so a retried request sends it at most once.
 */
export async function sendWelcomeEmail(
  deps: { db: Database; mailer: Mailer; publicBaseUrl: string },
  coordinatorId: string,
  now = new Date(),
) {
  const coordinator = await deps.db.coordinator.findUnique({ where: { id: coordinatorId } });
  if (!coordinator || coordinator.revokedAt) throw notFound('Coordinator');
  const idempotencyKey = `coordinator:${coordinator.id}:welcome`;
  if ((await deps.db.emailDelivery.findUnique({ where: { idempotencyKey } }))?.status === 'sent') return { alreadySent: true };
  const { secret } = await createSignInLink(deps.db, { coordinatorId: coordinator.id, returnTo: '/', lifetimeMs: WELCOME_LINK_LIFETIME_MS, now });
  const link = signInLinkUrl(deps.publicBaseUrl, secret);
  const role = coordinator.role as Role;
  const text = [
    `Hej ${coordinator.name}!`,
    '',
    `Du har fått ett konto i Inflyttarvägledning (${unitDisplayName(coordinator.unit as UnitCode)}, ${ROLE_NAMES[role]}).`,
    'Logga in första gången med länken nedan. Den gäller i tre dygn och kan användas en gång.',
    'Sedan loggar du in med din e-postadress på inloggningssidan.',
    '',
    link,
    '',
    '---',
    `You have an account in Inflyttarvägledning. Sign in the first time with the link above (valid for three days, once).`,
    '',
  ].join('\n');
  const sent = await deps.mailer.sendOnce({ idempotencyKey, to: [coordinator.email], subject: 'Välkommen till Inflyttarvägledning', text });
  return { alreadySent: sent.alreadySent };
}

/** Moves the account to another unit or gives it another role; applies to open sessions at once. */
export async function changeCoordinator(db: Database, input: { id: string; unit: UnitCode; role: Role; changedById: string }) {
  const existing = await db.coordinator.findUnique({ where: { id: input.id } });
  if (!existing) throw notFound('Coordinator');
  if (existing.revokedAt) throw conflict('The account is revoked');
  // An administrator cannot take away their own administration (nobody might be left).
  if (input.id === input.changedById && input.role !== 'admin') {
    throw rejected('You cannot take away your own administrator role', [{ field: 'role', message: 'you cannot take away your own administrator role' }]);
  }
  if (existing.unit === input.unit && existing.role === input.role) return accountOf(existing);
  const updated = await db.coordinator.update({ where: { id: input.id }, data: { unit: input.unit, role: input.role } });
  await audit(db, 'coordinator-changed', input.id, input.changedById, { oldUnit: existing.unit, unit: input.unit, oldRole: existing.role, role: input.role });
  return accountOf(updated);
}

/** Revokes the account: its token stops working and its web sessions end. Revoking twice is one revocation. */
export async function revokeCoordinator(db: Database, input: ({ id: string } | { email: string }) & { revokedById?: string; now?: Date }) {
  const where = 'id' in input ? { id: input.id } : { email: input.email.trim().toLowerCase() };
  const existing = await db.coordinator.findUnique({ where });
  if (!existing) throw notFound('Coordinator');
  if (input.revokedById === existing.id) {
    throw rejected('You cannot revoke your own account', [{ field: 'id', message: 'you cannot revoke your own account' }]);
  }
  if (existing.revokedAt) return accountOf(existing);
  const [updated] = await db.$transaction([
    db.coordinator.update({ where: { id: existing.id }, data: { revokedAt: input.now ?? new Date() } }),
    db.webSession.deleteMany({ where: { coordinatorId: existing.id } }),
    db.signInLink.deleteMany({ where: { coordinatorId: existing.id, usedAt: null } }),
  ]);
  await audit(db, 'coordinator-revoked', existing.id, input.revokedById, {});
  return accountOf(updated);
}
