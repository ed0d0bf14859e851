// A guide corrects a contact's details or records a move; each change is written on the
// contact card's timeline with who and when (MISSION.md §5: all dialog is documented).
import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/database.js';
import type { ContactMethod } from '../../domain/codes.js';
import type { AuthenticatedCoordinator } from '../route-table/caller.js';
import { conflict, notFound, rejected } from '../../domain/errors.js';
import { recordMoveStatus, type MoveStatusChange } from './move-status.js';

export interface ContactCorrection {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  preferredContactMethod: ContactMethod;
}

const FIELD_LABELS: Record<keyof ContactCorrection, string> = {
  firstName: 'förnamn',
  lastName: 'efternamn',
  email: 'e-post',
  phone: 'telefon',
  preferredContactMethod: 'vill bli kontaktad per',
};

export async function correctContactDetails(
  db: Database,
  input: { contactId: string; correction: ContactCorrection; author: AuthenticatedCoordinator },
) {
  const { correction } = input;
  if (!correction[correction.preferredContactMethod]) {
    throw rejected('The request is not valid', [
      { field: correction.preferredContactMethod, message: 'the preferred way of contact needs a value' },
    ]);
  }
  return db.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: input.contactId } });
    if (!contact) throw notFound('Contact');
    if (correction.email && correction.email !== contact.email) {
      const other = await tx.contact.findUnique({ where: { email: correction.email }, select: { id: true } });
      if (other) throw conflict('Another contact card already has this email address.');
    }
    const changes = (Object.keys(FIELD_LABELS) as Array<keyof ContactCorrection>)
      .filter((field) => (contact[field] ?? null) !== (correction[field] ?? null))
      .map((field) => `${FIELD_LABELS[field]}: ${contact[field] ?? '–'} → ${correction[field] ?? '–'}`);
    if (changes.length === 0) return { changed: 0 };
    const now = new Date();
    await tx.contact.update({ where: { id: contact.id }, data: { ...correction, lastActivityAt: now } });
    await tx.activity.create({
      data: { id: randomUUID(), contactId: contact.id, type: 'note', occurredAt: now, summary: `Rättade kontaktuppgifter – ${changes.join('; ')}`, authorId: input.author.id },
    });
    return { changed: changes.length };
  });
}

const MOVE_STATUS_SV: Record<MoveStatusChange['moveStatus'], string> = {
  considering: 'funderar',
  moved: 'har flyttat hit',
  'moved-elsewhere': 'flyttade någon annanstans',
  'not-moving': 'flyttar inte',
  unknown: 'okänt',
};

/** recordMoveStatus, plus the change on the timeline. */
export async function changeMoveStatus(db: Database, input: { contactId: string; change: MoveStatusChange; author: AuthenticatedCoordinator }) {
  const before = await db.contact.findUnique({ where: { id: input.contactId }, select: { moveStatus: true } });
  if (!before) throw notFound('Contact');
  const result = await recordMoveStatus(db, input);
  const where = input.change.moveStatus === 'moved' ? ` (${input.change.municipality}, ${input.change.movedOn})` : '';
  await db.activity.create({
    data: {
      id: randomUUID(),
      contactId: input.contactId,
      type: 'note',
      occurredAt: new Date(),
      summary: `Flyttstatus: ${MOVE_STATUS_SV[before.moveStatus as MoveStatusChange['moveStatus']] ?? before.moveStatus} → ${MOVE_STATUS_SV[input.change.moveStatus]}${where}`,
      authorId: input.author.id,
    },
  });
  return result;
}
