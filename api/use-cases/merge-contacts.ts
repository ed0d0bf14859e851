// Issue 12, item 2: two cards of one person (a possible duplicate, or a person who wrote
// from two addresses) become one, by a coordinator's decision. Nothing is lost: cases,
// dialog, review items and campaign deliveries move to the kept card, empty fields are
// filled, and what cannot be kept side by side (a second email, another name) is written
// in the merge note on the timeline, with who and when.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/database.js';
import { describeDifferences, mergeSubmission } from '../../domain/contact-matching.js';
import type { Prisma } from '../../prisma/generated/client.js';
import { notFound, rejected } from '../../domain/errors.js';
import type { AuthenticatedCoordinator } from '../route-table/caller.js';

const MOVE_STATUS_UNSET = ['considering', 'unknown'];
const NEWSLETTER_RANK: Record<string, number> = { none: 0, unsubscribed: 1, pending: 2, subscribed: 3 };

export async function mergeContacts(
  db: Database,
  input: { keepId: string; duplicateId: string; author: AuthenticatedCoordinator },
): Promise<{ keptId: string; activityId: string }> {
  if (input.keepId === input.duplicateId) {
    throw rejected('A card cannot be merged with itself.', [{ field: 'duplicateId', message: 'must be another contact card' }]);
  }
  return db.$transaction(
    async (tx) => {
      // Both rows locked, in id order, so two merges of the same pair cannot interleave.
      for (const id of [input.keepId, input.duplicateId].sort()) {
        await tx.$executeRaw`SELECT 1 FROM contacts WHERE id = ${id}::uuid FOR UPDATE`;
      }
      const [keep, duplicate] = await Promise.all([
        tx.contact.findUnique({ where: { id: input.keepId } }),
        tx.contact.findUnique({ where: { id: input.duplicateId } }),
      ]);
      if (!keep) throw notFound('Contact');
      if (!duplicate) throw notFound('Contact to merge');

      const { fill, differences } = mergeSubmission({ ...keep, preferredContactMethod: null }, { ...duplicate, preferredContactMethod: null });
      const takeNewsletter = (NEWSLETTER_RANK[duplicate.newsletterStatus] ?? 0) > (NEWSLETTER_RANK[keep.newsletterStatus] ?? 0);
      const takeMove = MOVE_STATUS_UNSET.includes(keep.moveStatus) && !MOVE_STATUS_UNSET.includes(duplicate.moveStatus);

      // Everything that hangs on the duplicate moves first: deleting it cascades.
      await tx.case.updateMany({ where: { contactId: duplicate.id }, data: { contactId: keep.id } });
      await tx.activity.updateMany({ where: { contactId: duplicate.id }, data: { contactId: keep.id } });
      await tx.accessLogEntry.updateMany({ where: { contactId: duplicate.id }, data: { contactId: keep.id } });
      await tx.contact.updateMany({ where: { possibleDuplicateOfId: duplicate.id, id: { not: keep.id } }, data: { possibleDuplicateOfId: keep.id } });
      // Rows keyed by contact move unless the kept card already has one for the same list or campaign.
      await tx.$executeRaw`UPDATE review_items AS item SET contact_id = ${keep.id}::uuid
        WHERE item.contact_id = ${duplicate.id}::uuid AND NOT EXISTS (
          SELECT 1 FROM review_items AS kept WHERE kept.review_id = item.review_id AND kept.unit = item.unit AND kept.contact_id = ${keep.id}::uuid)`;
      await tx.$executeRaw`UPDATE campaign_recipients AS recipient SET contact_id = ${keep.id}::uuid
        WHERE recipient.contact_id = ${duplicate.id}::uuid AND NOT EXISTS (
          SELECT 1 FROM campaign_recipients AS kept WHERE kept.campaign_id = recipient.campaign_id AND kept.contact_id = ${keep.id}::uuid)`;
      await tx.contact.delete({ where: { id: duplicate.id } });
      // The duplicate is gone before the kept card takes its unique email or newsletter token.
      const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
      await tx.contact.update({
        where: { id: keep.id },
        data: {
          ...(fill as Prisma.ContactUncheckedUpdateInput),
          ...(keep.message ? {} : { message: duplicate.message }),
          chosenMunicipalities: union(keep.chosenMunicipalities, duplicate.chosenMunicipalities),
          interests: union(keep.interests, duplicate.interests),
          consentAt: keep.consentAt < duplicate.consentAt ? keep.consentAt : duplicate.consentAt,
          lastActivityAt: new Date(),
          possibleDuplicateOfId: keep.possibleDuplicateOfId === duplicate.id ? null : keep.possibleDuplicateOfId,
          ...(takeNewsletter
            ? {
                newsletterStatus: duplicate.newsletterStatus,
                newsletterToken: duplicate.newsletterToken,
                newsletterConsentAt: duplicate.newsletterConsentAt,
                newsletterConsentSource: duplicate.newsletterConsentSource,
              }
            : {}),
          ...(takeMove
            ? { moveStatus: duplicate.moveStatus, movedToMunicipality: duplicate.movedToMunicipality, movedOn: duplicate.movedOn }
            : {}),
        },
      });


      const activityId = randomUUID();
      const kept = differences.length
        ? `\nKortet behåller sina uppgifter; det sammanslagna kortet hade också:\n${describeDifferences(differences)}`
        : '';
      await tx.activity.create({
        data: {
          id: activityId,
          contactId: keep.id,
          type: 'note',
          occurredAt: new Date(),
          authorId: input.author.id,
          summary: `Kontaktkortet ${duplicate.id} (${`${duplicate.firstName} ${duplicate.lastName}`.trim() || 'utan namn'}) slogs ihop med det här kortet av ${input.author.name}.${kept}`,
        },
      });
      await tx.auditRecord.create({
        data: {
          id: randomUUID(),
          kind: 'contact-merge',
          subjectId: keep.id,
          actorId: input.author.id,
          details: { keptId: keep.id, mergedId: duplicate.id },
        },
      });
      await tx.accessLogEntry.createMany({
        data: [keep.id, duplicate.id].map((contactId) => ({ id: randomUUID(), coordinatorId: input.author.id, contactId, action: 'write' })),
      });
      return { keptId: keep.id, activityId };
    },
    { timeout: 20_000, maxWait: 10_000 },
  );
}
