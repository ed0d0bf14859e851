// MISSION.md §5: a coordinator's email conversation lands on the contact card without
// retyping. Used by the SMTP capture listener and by POST /api/v1/inbound-email alike.
import { createHash, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Database } from '../../platform/database.js';
import { parseInboundEmail, type ParsedAddress, type ParsedInboundEmail } from '../../mail/parse-inbound-email.js';
import {
  conversationOf,
  decideInboundEmail,
  type AddressBook,
  type CapturedEmailShape,
  type InboundEmailDecision,
} from '../../domain/inbound-email-routing.js';
import { authenticateOrigin, type OriginTrust } from '../../activities/inbound-email-origin.js';
import { attachedMessageText } from '../../mail/attached-message.js';
import { conversationFingerprint, textBelowForwardHeader } from '../../domain/inbound-email-fingerprint.js';
import { Prisma } from '../../prisma/generated/client.js';
import { logActivity } from './log-activity.js';

/** The largest message accepted over SMTP or HTTP. */
export const INBOUND_EMAIL_MAX_BYTES = 25 * 1024 * 1024;

/** The settings part, as the API and the SMTP listener receive it from the configuration. */
export interface InboundEmailSettings extends OriginTrust {
  captureAddresses: string[];
  trustedCoordinatorDomains: string[];
  /** SHA-256 of the mail-ingest key for POST /inbound-email; undefined turns the endpoint off. */
  ingestKeyHash?: string;
}

export interface InboundEmailDeps extends InboundEmailSettings {
  db: Database;
  temporal: Client;
}

export interface InboundEmailResult {
  id: string;
  status: 'logged' | 'review' | 'discarded';
  reason: string | null;
  duplicate: boolean;
  activityIds: string[];
}

const SUMMARY_LIMIT = 20_000;
const FORWARD_PREFIX = /^\s*((fwd?|vb|fw|vs)\s*:\s*)+/i;

function sha256(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Same for the Bcc copy of a message and for a forward of it; different for two different messages. */
async function fingerprintOf(parsed: ParsedInboundEmail, raw: Buffer, forwarded: boolean): Promise<string | null> {
  const conversation =
    forwarded && parsed.forwarded
      ? { from: parsed.forwarded.from, to: parsed.forwarded.to, date: parsed.forwarded.date, subject: parsed.forwarded.subject ?? '' }
      : { from: parsed.from, to: [...parsed.to, ...parsed.cc], date: parsed.date, subject: parsed.subject };
  if (!conversation.from || !conversation.date) return null;
  const body = forwarded ? (textBelowForwardHeader(parsed.text) ?? (await attachedMessageText(raw)) ?? parsed.text) : parsed.text;
  return conversationFingerprint({
    from: conversation.from.address,
    recipients: conversation.to.map((party) => party.address),
    sentAt: conversation.date,
    subject: conversation.subject,
    body,
  });
}

/** Every address the message names, so that erasing a person finds the mail about them. */
function partyAddresses(parsed: ParsedInboundEmail): string[] {
  const parties = [parsed.from, ...parsed.to, ...parsed.cc, ...parsed.replyTo, parsed.forwarded?.from ?? null, ...(parsed.forwarded?.to ?? [])];
  return [...new Set(parties.filter((party): party is ParsedAddress => party !== null).map((party) => party.address))];
}

function shapeOf(parsed: ParsedInboundEmail): CapturedEmailShape {
  return {
    from: parsed.from,
    recipients: [...parsed.to, ...parsed.cc],
    forwarded: parsed.forwarded ? { from: parsed.forwarded.from, recipients: parsed.forwarded.to } : null,
  };
}

/** Which of the message's addresses are coordinators, contacts or the capture address. */
async function addressBook(deps: InboundEmailDeps, parsed: ParsedInboundEmail, raw: Buffer): Promise<AddressBook> {
  const parties = [parsed.from, ...parsed.to, ...parsed.cc, parsed.forwarded?.from ?? null, ...(parsed.forwarded?.to ?? [])];
  const addresses = [...new Set(parties.filter((party): party is ParsedAddress => party !== null).map((party) => party.address))];
  const [coordinators, contacts] = await Promise.all([
    // A viewer (decision maker) never writes on a contact card, so their mail is not a guide's.
    deps.db.coordinator.findMany({ where: { email: { in: addresses }, revokedAt: null, role: { not: 'viewer' } }, select: { email: true } }),
    deps.db.contact.findMany({ where: { email: { in: addresses } }, select: { email: true } }),
  ]);
  const coordinatorSet = new Set(coordinators.map((row) => row.email));
  const contactSet = new Set(contacts.map((row) => row.email));
  const captureSet = new Set(deps.captureAddresses.map((address) => address.toLowerCase()));
  const trusted = new Set(deps.trustedCoordinatorDomains.map((domain) => domain.toLowerCase()));
  // Only a coordinator's message needs its origin checked (DNS lookups): nothing else can stop a clock.
  const sender = parsed.from?.address;
  const origin =
    sender && coordinatorSet.has(sender) ? await authenticateOrigin(raw, sender, deps) : { authenticated: false as const };
  return {
    isAuthenticatedSender: (address) => origin.authenticated && address === sender,
    isCoordinator: (address) => coordinatorSet.has(address),
    isContact: (address) => contactSet.has(address),
    isCaptureAddress: (address) => captureSet.has(address),
    isTrustedCoordinatorDomain: (address) => trusted.has(address.split('@')[1] ?? ''),
  };
}

async function logOnContactCards(
  deps: InboundEmailDeps,
  decision: Extract<InboundEmailDecision, { kind: 'log' }>,
  parsed: ParsedInboundEmail,
  dedupeKey: string,
  fromForward: boolean,
): Promise<string[]> {
  const author = decision.authorAddress
    ? await deps.db.coordinator.findUnique({ where: { email: decision.authorAddress }, select: { id: true } })
    : null;
  const sentAt = (fromForward ? parsed.forwarded?.date : null) ?? parsed.date;
  // A message dated in the future (a sender's skewed clock) counts from when it arrived.
  const occurredAt = !sentAt || sentAt.getTime() > Date.now() ? new Date() : sentAt;
  const subject = (fromForward ? parsed.forwarded?.subject : null) ?? parsed.subject;
  const summary = `${subject.replace(FORWARD_PREFIX, '') || '(utan ämne)'}\n\n${parsed.text}`.slice(0, SUMMARY_LIMIT);
  const activityIds: string[] = [];
  for (const address of decision.contactAddresses) {
    const contact = await deps.db.contact.findUnique({ where: { email: address }, select: { id: true } });
    if (!contact) continue;
    const logged = await logActivity(deps, {
      contactId: contact.id,
      author,
      body: { type: 'email', direction: decision.direction, occurredAt: occurredAt.toISOString(), summary },
      // The same message captured again replays this answer instead of logging twice.
      idempotencyKey: dedupeKey,
      idempotencyScope: `inbound-email:${contact.id}`,
    });
    activityIds.push(logged.activity.id);
  }
  return activityIds;
}

export async function ingestInboundEmail(
  deps: InboundEmailDeps,
  raw: Buffer,
  receivedVia: 'smtp' | 'http',
): Promise<InboundEmailResult> {
  const parsed = await parseInboundEmail(raw);
  const dedupeKey = parsed.messageId ? `message-id:${parsed.messageId.toLowerCase()}` : `sha256:${sha256(raw)}`;
  const shape = shapeOf(parsed);
  const book = await addressBook(deps, parsed, raw);
  const decision = decideInboundEmail(shape, book);
  const fromForward = conversationOf(shape, book) === shape.forwarded;
  const fingerprint = await fingerprintOf(parsed, raw, fromForward);

  const existing = await deps.db.inboundEmail.findFirst({
    where: { OR: [{ dedupeKey }, ...(fingerprint ? [{ fingerprint }] : [])] },
  });
  let record = existing;
  let duplicate = existing !== null;
  if (!record) {
    try {
      record = await deps.db.inboundEmail.create({
        data: {
          id: randomUUID(),
          dedupeKey,
          fingerprint,
          messageId: parsed.messageId,
          partyAddresses: partyAddresses(parsed),
          receivedVia,
          fromAddress: parsed.from?.address ?? null,
          subject: parsed.subject.slice(0, 1000),
          sentAt: parsed.date,
          status: decision.kind === 'log' ? 'logged' : 'review',
          reason: decision.kind === 'review' ? decision.reason : null,
          text: parsed.text,
          attachments: parsed.attachments as unknown as Prisma.InputJsonValue,
        },
      });
    } catch (error) {
      // A concurrent capture of the same message won the insert.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
      duplicate = true;
      record = await deps.db.inboundEmail.findFirstOrThrow({
        where: { OR: [{ dedupeKey }, ...(fingerprint ? [{ fingerprint }] : [])] },
      });
    }
  }
  if (duplicate) {
    // Never vanished: the original shows how often the same message came again.
    record = await deps.db.inboundEmail.update({
      where: { id: record.id },
      data: { duplicateCount: { increment: 1 }, lastDuplicateAt: new Date() },
    });
  }
  // A queued or discarded message stays where the review put it, whatever a later copy says.
  if (record.status !== 'logged' || decision.kind === 'review' || (duplicate && record.activityIds.length > 0)) {
    return { id: record.id, status: record.status as InboundEmailResult['status'], reason: record.reason, duplicate, activityIds: record.activityIds };
  }
  // A first capture that stopped before logging is finished here; the activities'
  // idempotency key makes a repeat of the same raw message a replay.
  const activityIds = await logOnContactCards(deps, decision, parsed, record.dedupeKey, fromForward);
  if (activityIds.join() !== record.activityIds.join()) {
    await deps.db.inboundEmail.update({ where: { id: record.id }, data: { activityIds } });
  }
  return { id: record.id, status: 'logged', reason: null, duplicate, activityIds };
}
