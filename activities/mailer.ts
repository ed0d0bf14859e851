import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Database } from '../platform/database.js';

export interface OutgoingEmail {
  /** Same key → the email is sent at most once more, whoever retries. */
  idempotencyKey: string;
  to: string[];
  subject: string;
  text: string;
  replyTo?: string;
  caseId?: string;
  html?: string;
  headers?: Record<string, string>;
  /** RFC 2369 List-Unsubscribe target. */
  unsubscribeUrl?: string;
}

export interface Mailer {
  /**
   * Sends without a delivery record, for callers that keep their own (campaign recipients);
   * the Message-ID still comes from the idempotency key.
   */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  sendOnce(email: OutgoingEmail): Promise<{ messageId: string; alreadySent: boolean }>;
  verify(): Promise<void>;
  close(): void;
}

export function messageIdFor(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@inflyttarvagledning>`;
}

/**
 * Sends through SMTP and records each email by its idempotency key. A crash between the
 * SMTP hand-off and the record can repeat one email on retry; it then carries the same
 * Message-ID, so mail clients collapse it.
 */
export function createMailer(options: { db: Database; smtpUrl: string; from: string; poolSize?: number }): Mailer {
  // Pooled: campaigns send thousands of messages over a few kept-open connections.
  const url = new URL(options.smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  if (options.poolSize !== undefined && !url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', String(options.poolSize));
  const transport = nodemailer.createTransport(url.toString());
  const { db } = options;
  const deliver = async (email: OutgoingEmail, messageId: string) => {
    await transport.sendMail({
      from: options.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      replyTo: email.replyTo,
      headers: email.headers,
      list: email.unsubscribeUrl ? { unsubscribe: email.unsubscribeUrl } : undefined,
      messageId,
    });
  };
  return {
    async send(email) {
      const messageId = messageIdFor(email.idempotencyKey);
      await deliver(email, messageId);
      return { messageId };
    },
    async sendOnce(email) {
      const messageId = messageIdFor(email.idempotencyKey);
      // The common case, a first attempt, is one statement; only a retry reads the row.
      const inserted = await db.$queryRaw<Array<{ status: string }>>`
        INSERT INTO email_deliveries (idempotency_key, message_id, recipients, subject, status, case_id)
        VALUES (${email.idempotencyKey}, ${messageId}, ${email.to}, ${email.subject}, 'sending', ${email.caseId ?? null}::uuid)
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING status`;
      if (inserted.length === 0) {
        const existing = await db.emailDelivery.findUnique({ where: { idempotencyKey: email.idempotencyKey }, select: { status: true } });
        if (existing?.status === 'sent') return { messageId, alreadySent: true };
      }
      await deliver(email, messageId);
      await db.$executeRaw`UPDATE email_deliveries SET status = 'sent', sent_at = ${new Date()} WHERE idempotency_key = ${email.idempotencyKey}`;
      return { messageId, alreadySent: false };
    },
    async verify() {
      await transport.verify();
    },
    close() {
      transport.close();
    },
  };
}
