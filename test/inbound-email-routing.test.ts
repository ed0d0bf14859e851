import { describe, expect, it } from 'vitest';
import { decideInboundEmail, type AddressBook, type CapturedEmailShape } from '../domain/inbound-email-routing.js';

const book: AddressBook = {
  isCoordinator: (address) => ['guide@are.se', 'colleague@are.se', 'guide@evil.example'].includes(address),
  isContact: (address) => ['anna@example.se', 'bo@example.se'].includes(address),
  isTrustedCoordinatorDomain: (address) => address.endsWith('@are.se'),
  isAuthenticatedSender: (address) => address !== 'colleague@are.se',
  isCaptureAddress: (address) => address === 'dialog@are.se',
};
const party = (address: string) => ({ address });
const shape = (from: string, to: string[], forwarded?: { from: string; to: string[] }): CapturedEmailShape => ({
  from: party(from),
  recipients: to.map(party),
  forwarded: forwarded ? { from: party(forwarded.from), recipients: forwarded.to.map(party) } : null,
});

describe('decideInboundEmail (MISSION §5)', () => {
  it.each([
    ['a coordinator writing to a contact with the capture address in Bcc', shape('guide@are.se', ['anna@example.se']), { kind: 'log', direction: 'outbound', authorAddress: 'guide@are.se', contactAddresses: ['anna@example.se'] }],
    ['a coordinator writing to two contacts and a colleague', shape('guide@are.se', ['anna@example.se', 'bo@example.se', 'colleague@are.se', 'dialog@are.se']), { kind: 'log', direction: 'outbound', authorAddress: 'guide@are.se', contactAddresses: ['anna@example.se', 'bo@example.se'] }],
    ['a coordinator forwarding their own sent reply', shape('guide@are.se', ['dialog@are.se'], { from: 'guide@are.se', to: ['anna@example.se'] }), { kind: 'log', direction: 'outbound', authorAddress: 'guide@are.se', contactAddresses: ['anna@example.se'] }],
    ['a coordinator forwarding a message from a contact', shape('guide@are.se', ['dialog@are.se'], { from: 'anna@example.se', to: ['guide@are.se'] }), { kind: 'log', direction: 'inbound', authorAddress: 'guide@are.se', contactAddresses: ['anna@example.se'] }],
    ['a coordinator’s Outlook reply in Bcc, quoting the contact’s message', shape('guide@are.se', ['anna@example.se'], { from: 'anna@example.se', to: ['guide@are.se'] }), { kind: 'log', direction: 'outbound', authorAddress: 'guide@are.se', contactAddresses: ['anna@example.se'] }],
    ['a contact writing with the capture address in copy', shape('anna@example.se', ['guide@are.se', 'dialog@are.se']), { kind: 'log', direction: 'inbound', authorAddress: null, contactAddresses: ['anna@example.se'] }],
    ['a coordinator address at an untrusted domain', shape('guide@evil.example', ['anna@example.se']), { kind: 'review', reason: 'untrusted-sender-domain' }],
    ['a coordinator at a trusted domain whose message is not authenticated', shape('colleague@are.se', ['anna@example.se']), { kind: 'review', reason: 'unauthenticated-sender' }],
    ['an unknown sender', shape('stranger@example.org', ['dialog@are.se']), { kind: 'review', reason: 'unknown-sender' }],
    ['a coordinator writing to nobody we know', shape('guide@are.se', ['someone@example.org']), { kind: 'review', reason: 'no-matching-contact' }],
    ['a coordinator forwarding a stranger’s message', shape('guide@are.se', ['dialog@are.se'], { from: 'someone@example.org', to: ['guide@are.se'] }), { kind: 'review', reason: 'no-matching-contact' }],
  ] as const)('%s', (_case, email, expected) => {
    expect(decideInboundEmail(email, book)).toEqual(expected);
  });

  it('sends a message without a sender to review', () => {
    expect(decideInboundEmail({ from: null, recipients: [party('anna@example.se')], forwarded: null }, book)).toEqual({
      kind: 'review',
      reason: 'no-sender',
    });
  });
});
