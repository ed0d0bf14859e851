// Issue 15 and MISSION.md §1: the person's own requests, without an account. They type
// their address and get a one-time link (only its hash stored; an unknown address gets
// the same answer and no email); the link opens a short session in which they see a copy
// of what is held (the administrators' export), change their newsletter subscription or
// erase everything. Every request is a note on the card's timeline and an access-log
// entry with no coordinator (the person).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Mailer } from '../../activities/mailer.js';
import type { Database } from '../../platform/database.js';
import { emailAddress } from '../schemas.js';
import { logAccess, type AccessAction } from './personal-data.js';

export const OWN_DATA_LINK_LIFETIME_MS = 30 * 60_000;
export const OWN_DATA_SESSION_LIFETIME_MS = 30 * 60_000;

const newSecret = () => randomBytes(32).toString('base64url');
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface OwnDataLinkEmail {
  subject: string;
  body: string;
}

/** Sends the link when a card has this address; says nothing either way. */
export async function requestOwnDataLink(
  deps: { db: Database; mailer: Mailer; publicBaseUrl: string },
  input: { email: string; linkPath: string; words: OwnDataLinkEmail; timelineNote: string },
  now = new Date(),
): Promise<void> {
  const parsed = emailAddress.safeParse(input.email);
  if (!parsed.success) return;
  const contact = await deps.db.contact.findUnique({ where: { email: parsed.data }, select: { id: true, email: true } });
  if (!contact?.email) return;
  const secret = newSecret();
  const tokenHash = hashOf(secret);
  await deps.db.$transaction([
    deps.db.personLink.create({ data: { tokenHash, kind: 'link', contactId: contact.id, expiresAt: new Date(now.getTime() + OWN_DATA_LINK_LIFETIME_MS) } }),
    deps.db.activity.create({ data: { id: randomUUID(), contactId: contact.id, type: 'note', occurredAt: now, summary: input.timelineNote } }),
  ]);
  const link = `${deps.publicBaseUrl}${input.linkPath}?token=${secret}`;
  // No delivery record: the address would outlive an erasure in it (the key names only the hash).
  await deps.mailer.send({ idempotencyKey: `own-data-link:${tokenHash}`, to: [contact.email], subject: input.words.subject, text: `${input.words.body}\n\n${link}\n` });
}

/** Uses the link up (once, atomically) and opens a session; null when it is not valid. */
export async function redeemOwnDataLink(db: Database, secret: string, now = new Date()): Promise<{ sessionSecret: string } | null> {
  const tokenHash = hashOf(secret);
  const claimed = await db.personLink.updateMany({ where: { tokenHash, kind: 'link', usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (claimed.count !== 1) return null;
  const link = await db.personLink.findUnique({ where: { tokenHash } });
  if (!link) return null;
  const sessionSecret = newSecret();
  await db.personLink.create({
    data: { tokenHash: hashOf(sessionSecret), kind: 'session', contactId: link.contactId, expiresAt: new Date(now.getTime() + OWN_DATA_SESSION_LIFETIME_MS) },
  });
  return { sessionSecret };
}

/** The card whose session this is, or null (expired, erased, never). */
export async function ownDataSession(db: Database, secret: string | undefined, now = new Date()): Promise<{ contactId: string } | null> {
  if (!secret || secret.length > 100) return null;
  const session = await db.personLink.findUnique({ where: { tokenHash: hashOf(secret) } });
  if (!session || session.kind !== 'session' || session.expiresAt <= now) return null;
  return { contactId: session.contactId };
}

export async function endOwnDataSession(db: Database, secret: string | undefined): Promise<void> {
  if (!secret || secret.length > 100) return;
  await db.personLink.deleteMany({ where: { tokenHash: hashOf(secret), kind: 'session' } });
}

/** On the timeline (for the guides) and in the access log (for accountability). */
export async function recordOwnDataRequest(db: Database, contactId: string, action: AccessAction, timelineNote: string, now = new Date()): Promise<void> {
  await db.activity.create({ data: { id: randomUUID(), contactId, type: 'note', occurredAt: now, summary: timelineNote } });
  await logAccess(db, null, contactId, action);
}
