// Activities of the newsletter workflows. Recipients are fixed in campaign_recipients when
// sending starts; each row goes pending → sent (or failed after retries) exactly once.
import { randomBytes } from 'node:crypto';
import type { Database } from '../platform/database.js';
import type { Mailer } from './mailer.js';
import { campaignEmail, campaignMessageFor, confirmationEmail, newsletterLinkUrl } from './newsletter-emails.js';
import { activeSubscribers } from '../platform/contact-selection-query.js';
import { selectionFilter, type SelectionFilter } from '../domain/selection.js';
import { ApplicationFailure } from '@temporalio/common';
import type { CampaignProgress } from '../workflows/newsletter-definitions.js';

export interface NewsletterActivityDeps {
  db: Database;
  mailer: Mailer;
  publicBaseUrl: string;
}

const MAX_ATTEMPTS = 5;
const SEND_CONCURRENCY = 5;
const PAGE = 1000;

export function createNewsletterActivities(deps: NewsletterActivityDeps) {
  const { db, mailer } = deps;
  const link = (path: 'confirm' | 'unsubscribe' | 'rsvp', token: string) => newsletterLinkUrl(deps.publicBaseUrl, path, token);

  async function progressOf(campaignId: string): Promise<CampaignProgress> {
    const [campaign, counts] = await Promise.all([
      db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true } }),
      db.campaignRecipient.groupBy({ by: ['status'], where: { campaignId }, _count: true }),
    ]);
    const count = (status: string) => counts.find((row) => row.status === status)?._count ?? 0;
    return {
      campaignId,
      status: campaign.status === 'draft' ? 'sending' : (campaign.status as CampaignProgress['status']),
      sent: count('sent'),
      failed: count('failed'),
      remaining: count('pending'),
    };
  }

  return {
    async sendNewsletterConfirmation({ contactId }: { contactId: string }) {
      const contact = await db.contact.findUnique({ where: { id: contactId } });
      if (!contact?.email || !contact.newsletterToken || contact.newsletterStatus !== 'pending') return;
      await mailer.sendOnce({
        idempotencyKey: `newsletter:confirm:${contactId}:${contact.newsletterToken}`,
        to: [contact.email],
        ...confirmationEmail({ language: contact.language as 'sv' | 'en', confirmUrl: link('confirm', contact.newsletterToken) }),
      });
    },

    async fixCampaignRecipients({ campaignId }: { campaignId: string }): Promise<CampaignProgress> {
      const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
      // A filter stored before today's rules (e.g. a year-0001 date) cannot be evaluated: no retry helps.
      if (campaign.status === 'draft' && !selectionFilter.safeParse(campaign.filter).success) {
        throw ApplicationFailure.nonRetryable('The campaign filter is not valid', 'InvalidCampaign');
      }
      if (campaign.status === 'draft') {
        // Paged by id, so memory stays flat for any number of subscribers.
        let after: string | undefined;
        for (;;) {
          const page = await db.contact.findMany({
            where: { AND: [activeSubscribers(campaign.filter as unknown as SelectionFilter), { email: { not: null } }], ...(after ? { id: { gt: after } } : {}) },
            orderBy: { id: 'asc' },
            take: PAGE,
            select: { id: true },
          });
          if (page.length === 0) break;
          await db.campaignRecipient.createMany({
            data: page.map((contact) => ({ campaignId, contactId: contact.id, rsvpToken: randomBytes(18).toString('base64url') })),
            skipDuplicates: true,
          });
          after = page.at(-1)!.id;
        }
        // Conditional: a cancel that arrived meanwhile stays cancelled.
        await db.campaign.updateMany({ where: { id: campaignId, status: 'draft' }, data: { status: 'sending', startedAt: new Date() } });
      }
      return progressOf(campaignId);
    },

    async sendCampaignBatch({ campaignId, batchSize }: { campaignId: string; batchSize: number }): Promise<CampaignProgress> {
      const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
      const batch = await db.campaignRecipient.findMany({
        where: { campaignId, status: 'pending' },
        orderBy: [{ attempts: 'asc' }, { contactId: 'asc' }],
        take: batchSize,
        include: { contact: { select: { email: true, language: true, newsletterStatus: true, newsletterToken: true } } },
      });
      const summary = `${campaign.kind === 'invitation' ? 'Inbjudan' : 'Nyhetsbrev'} skickat: ${campaign.title}`;
      const sendTo = async (recipient: (typeof batch)[number]) => {
        const { contact } = recipient;
        // Someone who unsubscribed after the start is skipped, not mailed.
        if (contact.newsletterStatus !== 'subscribed' || !contact.email || !contact.newsletterToken) {
          await db.campaignRecipient.update({ where: { campaignId_contactId: { campaignId, contactId: recipient.contactId } }, data: { status: 'skipped' } });
          return;
        }
        const message = campaignEmail(
          campaignMessageFor(campaign, contact, { publicBaseUrl: deps.publicBaseUrl, rsvpToken: recipient.rsvpToken, unsubscribeToken: contact.newsletterToken }),
        );
        try {
          await mailer.send({
            idempotencyKey: `campaign:${campaignId}:${recipient.contactId}`,
            to: [contact.email],
            ...message,
            unsubscribeUrl: link('unsubscribe', contact.newsletterToken),
            // RFC 8058: mail providers may unsubscribe with one POST, without a visit.
            headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          });
        } catch (error) {
          // The server refused this address for good: count it. Anything else (connection
          // lost, 4xx) fails the batch, which Temporal retries with backoff; rows already
          // marked sent are not sent again.
          const code = (error as { responseCode?: number }).responseCode ?? 0;
          if (code < 500) throw error;
          const attempts = recipient.attempts + 1;
          await db.campaignRecipient.update({
            where: { campaignId_contactId: { campaignId, contactId: recipient.contactId } },
            data: { attempts, status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', error: (error as Error).message.slice(0, 500) },
          });
          return;
        }
        // One statement, so the card shows the message in the same step that records it as sent.
        await db.$executeRaw`
          WITH sent AS (
            UPDATE campaign_recipients SET status = 'sent', sent_at = now(), attempts = attempts + 1
            WHERE campaign_id = ${campaignId}::uuid AND contact_id = ${recipient.contactId}::uuid
            RETURNING contact_id)
          INSERT INTO activities (id, contact_id, type, occurred_at, summary)
          SELECT gen_random_uuid(), contact_id, 'note', now(), ${summary} FROM sent`;
      };
      await inLanes(batch, SEND_CONCURRENCY, sendTo);
      return progressOf(campaignId);
    },

    async setCampaignStatus({ campaignId, status }: { campaignId: string; status: 'sending' | 'paused' | 'completed' | 'cancelled' | 'failed' }) {
      await db.campaign.update({
        where: { id: campaignId },
        data: { status, ...(status === 'completed' || status === 'cancelled' || status === 'failed' ? { completedAt: new Date() } : {}) },
      });
      return progressOf(campaignId);
    },
  };
}

/**
 * `work` for each item, `lanes` at a time, each lane taking the next item as soon as its
 * last is done (so the pooled SMTP connections never wait on the slowest of a group).
 * After a failure no lane takes another item, and it throws once every lane has stopped:
 * a retry of the batch then never runs beside sends of this attempt.
 */
async function inLanes<T>(items: T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      await work(item).catch((error: unknown) => {
        failure ??= { error };
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
  if (failure) throw failure.error;
}
