// MISSION.md §5: who an email captured from a coordinator's mailbox is between, and in
// which direction, decided from addresses alone. Pure, so every shape is table-tested.
import type { Direction } from './codes.js';

export interface Party {
  address: string;
}

export interface CapturedEmailShape {
  from: Party | null;
  recipients: Party[];
  /** The conversation message inside a forward, when the body carries one. */
  forwarded: { from: Party | null; recipients: Party[] } | null;
}

export type InboundEmailDecision =
  | { kind: 'log'; direction: Direction; authorAddress: string | null; contactAddresses: string[] }
  | {
      kind: 'review';
      reason: 'untrusted-sender-domain' | 'unauthenticated-sender' | 'unknown-sender' | 'no-matching-contact' | 'no-sender';
    };

export interface AddressBook {
  isCoordinator(address: string): boolean;
  isContact(address: string): boolean;
  isTrustedCoordinatorDomain(address: string): boolean;
  /** DKIM or a trusted relay vouched that the message really comes from this address's domain. */
  isAuthenticatedSender(address: string): boolean;
  isCaptureAddress(address: string): boolean;
}

/**
 * The message the capture is about: the forwarded one when the outer message was sent to
 * the capture address (a forward), the outer one otherwise. A reply sent to a person with
 * the capture address in Bcc quotes earlier mail in a block that looks like a forward, so
 * a block only counts when no known contact is among the outer recipients.
 */
export function conversationOf(email: CapturedEmailShape, book: Pick<AddressBook, 'isContact'>) {
  const addressedToContact = email.recipients.some((party) => book.isContact(party.address));
  return email.forwarded && !addressedToContact ? email.forwarded : { from: email.from, recipients: email.recipients };
}

/**
 * - A registered coordinator at a trusted domain, authenticated (DKIM or trusted relay), writing (or forwarding their own message)
 *   to contacts → outbound on each contact's card.
 * - A coordinator forwarding a message from a contact → inbound on that contact's card.
 * - A contact writing with the capture address in copy → inbound.
 * Anything else goes to the admin review queue rather than being guessed.
 */
export function decideInboundEmail(email: CapturedEmailShape, book: AddressBook): InboundEmailDecision {
  const sender = email.from?.address;
  if (!sender) return { kind: 'review', reason: 'no-sender' };
  const people = (parties: Party[]) =>
    [...new Set(parties.map((party) => party.address))].filter(
      (address) => !book.isCaptureAddress(address) && !book.isCoordinator(address),
    );

  if (book.isCoordinator(sender)) {
    // Only configured sending domains count: anyone can type a coordinator's address.
    if (!book.isTrustedCoordinatorDomain(sender)) return { kind: 'review', reason: 'untrusted-sender-domain' };
    // Anyone can also type a trusted domain: only an authenticated origin may stop a case's clock.
    if (!book.isAuthenticatedSender(sender)) return { kind: 'review', reason: 'unauthenticated-sender' };
    const conversation = conversationOf(email, book);
    const conversationSender = conversation.from?.address ?? sender;
    if (!book.isCoordinator(conversationSender)) {
      return book.isContact(conversationSender)
        ? { kind: 'log', direction: 'inbound', authorAddress: sender, contactAddresses: [conversationSender] }
        : { kind: 'review', reason: 'no-matching-contact' };
    }
    const contacts = people(conversation.recipients).filter((address) => book.isContact(address));
    return contacts.length > 0
      ? { kind: 'log', direction: 'outbound', authorAddress: conversationSender, contactAddresses: contacts }
      : { kind: 'review', reason: 'no-matching-contact' };
  }

  if (book.isContact(sender)) {
    return { kind: 'log', direction: 'inbound', authorAddress: null, contactAddresses: [sender] };
  }
  return { kind: 'review', reason: 'unknown-sender' };
}
