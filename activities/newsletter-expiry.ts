// Unconfirmed subscription requests expire (issue 12): whoever typed an address into the
// public form did not give that person's consent, so nothing of it is kept for long.
import { msToNumber } from '@temporalio/common';
import type { Database } from '../platform/database.js';
import { deleteContactCards } from './contact-erasure.js';

const BATCH = 500;

export interface ExpiryResult {
  /** Newsletter-only cards nobody confirmed: deleted with their confirmation emails. */
  deletedCards: number;
  /** Cards with a case or dialog: only the pending subscription is withdrawn. */
  withdrawnRequests: number;
}

export function createNewsletterExpiryActivities({ db }: { db: Database }) {
  return {
    async expireUnconfirmedSubscriptions({ expireAfter }: { expireAfter: string }): Promise<ExpiryResult> {
      const cutoff = new Date(Date.now() - msToNumber(expireAfter as Parameters<typeof msToNumber>[0]));
      const result: ExpiryResult = { deletedCards: 0, withdrawnRequests: 0 };
      for (;;) {
        // Requests from before the request time was recorded count from the card's last change.
        const expired = await db.contact.findMany({
          where: {
            newsletterStatus: 'pending',
            OR: [{ newsletterRequestedAt: { lt: cutoff } }, { newsletterRequestedAt: null, updatedAt: { lt: cutoff } }],
          },
          select: { id: true, consentSource: true, _count: { select: { cases: true, activities: true } } },
          take: BATCH,
        });
        if (expired.length === 0) return result;
        const newsletterOnly = expired.filter(
          (contact) => contact.consentSource === 'newsletter-form' && contact._count.cases === 0 && contact._count.activities === 0,
        );
        const others = expired.filter((contact) => !newsletterOnly.includes(contact));
        await db.$transaction(async (tx) => {
          // The confirmation email's record holds the address and the token.
          for (const contact of expired) {
            await tx.emailDelivery.deleteMany({ where: { idempotencyKey: { startsWith: `newsletter:confirm:${contact.id}:` } } });
          }
          // Conditional on still pending: a confirmation that just arrived wins.
          const gone = await tx.contact.findMany({
            where: { id: { in: newsletterOnly.map((contact) => contact.id) }, newsletterStatus: 'pending' },
            select: { id: true },
          });
          await deleteContactCards(tx, gone.map((contact) => contact.id));
          const withdrawn = await tx.contact.updateMany({
            where: { id: { in: others.map((contact) => contact.id) }, newsletterStatus: 'pending' },
            data: { newsletterStatus: 'none', newsletterToken: null, newsletterConsentSource: null, newsletterRequestedAt: null },
          });
          result.deletedCards += gone.length;
          result.withdrawnRequests += withdrawn.count;
        });
      }
    },
  };
}
