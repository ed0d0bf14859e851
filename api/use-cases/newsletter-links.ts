// The links in newsletter emails: confirm (double opt-in), unsubscribe, RSVP. The secret
// token in the link identifies the person; an unknown token changes nothing.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/database.js';

export type LinkOutcome = 'done' | 'unknown-link';

export async function confirmSubscription(db: Database, token: string | undefined): Promise<LinkOutcome> {
  const contact = token ? await db.contact.findUnique({ where: { newsletterToken: token } }) : null;
  if (!contact || contact.newsletterStatus === 'unsubscribed') return 'unknown-link';
  if (contact.newsletterStatus !== 'subscribed') {
    const now = new Date();
    await db.contact.update({ where: { id: contact.id }, data: { newsletterStatus: 'subscribed', newsletterConsentAt: now, lastActivityAt: now } });
  }
  return 'done';
}

export async function unsubscribe(db: Database, token: string | undefined): Promise<LinkOutcome> {
  const contact = token ? await db.contact.findUnique({ where: { newsletterToken: token } }) : null;
  if (!contact) return 'unknown-link';
  if (contact.newsletterStatus !== 'unsubscribed') {
    const now = new Date();
    await db.$transaction([
      db.contact.update({ where: { id: contact.id }, data: { newsletterStatus: 'unsubscribed', lastActivityAt: now } }),
      db.activity.create({
        data: { id: randomUUID(), contactId: contact.id, type: 'note', occurredAt: now, summary: 'Avslutade prenumerationen på nyhetsbrevet' },
      }),
    ]);
  }
  return 'done';
}

export async function answerInvitation(db: Database, token: string | undefined, answer: 'yes' | 'no' | undefined): Promise<LinkOutcome> {
  const recipient =
    token && answer
      ? await db.campaignRecipient.findUnique({ where: { rsvpToken: token }, include: { campaign: { select: { title: true } } } })
      : null;
  if (!recipient || !answer) return 'unknown-link';
  if (recipient.rsvp !== answer) {
    const now = new Date();
    await db.$transaction([
      db.campaignRecipient.update({
        where: { campaignId_contactId: { campaignId: recipient.campaignId, contactId: recipient.contactId } },
        data: { rsvp: answer, rsvpAt: now },
      }),
      db.contact.update({ where: { id: recipient.contactId }, data: { lastActivityAt: now } }),
      db.activity.create({
        data: {
          id: randomUUID(),
          contactId: recipient.contactId,
          type: 'note',
          occurredAt: now,
          summary: `Svar på inbjudan "${recipient.campaign.title}": ${answer === 'yes' ? 'kommer' : 'kommer inte'}`,
        },
      }),
    ]);
  }
  return 'done';
}
