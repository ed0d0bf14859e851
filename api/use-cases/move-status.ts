// MISSION.md §7: a coordinator records a contact's move status; it updates the card, the
// contact's items in open review rounds, and counts as activity on the contact.
import type { Database } from '../../platform/database.js';
import type { AuthenticatedCoordinator } from '../route-table/caller.js';
import { notFound } from '../../domain/errors.js';

export interface MoveStatusChange {
  moveStatus: 'considering' | 'moved' | 'moved-elsewhere' | 'not-moving' | 'unknown';
  municipality?: string;
  movedOn?: string;
}

export async function recordMoveStatus(db: Database, input: { contactId: string; change: MoveStatusChange; author: AuthenticatedCoordinator }) {
  const now = new Date();
  return db.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: input.contactId }, select: { id: true } });
    if (!contact) throw notFound('Contact');
    const moved = input.change.moveStatus === 'moved';
    const updated = await tx.contact.update({
      where: { id: contact.id },
      data: {
        moveStatus: input.change.moveStatus,
        movedToMunicipality: moved ? input.change.municipality! : null,
        movedOn: moved ? new Date(`${input.change.movedOn!}T00:00:00Z`) : null,
        lastActivityAt: now,
      },
    });
    const reviewed = await tx.reviewItem.updateMany({
      where: { contactId: contact.id, review: { status: 'open' } },
      data: { outcome: input.change.moveStatus, reviewedAt: now, reviewedById: input.author.id },
    });
    return { contact: updated, reviewItemsUpdated: reviewed.count };
  });
}
