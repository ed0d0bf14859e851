import { describe, expect, it } from 'vitest';
import { conversationFingerprint, normaliseBody, textBelowForwardHeader } from '../domain/inbound-email-fingerprint.js';
import { dkimVouchesFor, domainsAlign, parseAuthenticationResults, relayVouchesFor } from '../domain/sender-authentication.js';

describe('parseAuthenticationResults (RFC 8601)', () => {
  it.each([
    ['mx.are.se; dkim=pass header.d=are.se; dmarc=pass header.from=are.se', 'mx.are.se', [['dkim', 'pass', { 'header.d': 'are.se' }], ['dmarc', 'pass', { 'header.from': 'are.se' }]]],
    ['MX.Are.SE 1; dmarc=pass (p=reject dis=none) header.from=Are.se', 'mx.are.se', [['dmarc', 'pass', { 'header.from': 'are.se' }]]],
    ['mx.are.se (comment; with semicolon); spf=fail smtp.mailfrom=x@y.se', 'mx.are.se', [['spf', 'fail', { 'smtp.mailfrom': 'x@y.se' }]]],
    ['mx.are.se; none', 'mx.are.se', []],
    ['mx.are.se; dkim/1=pass header.i="@are.se"', 'mx.are.se', [['dkim', 'pass', { 'header.i': '@are.se' }]]],
  ])('%s', (value, authservId, results) => {
    expect(parseAuthenticationResults(value)).toEqual({
      authservId,
      results: results.map(([method, result, properties]) => ({ method, result, properties })),
    });
  });

  it('has no authserv-id in an empty value', () => {
    expect(parseAuthenticationResults('  ')).toBeNull();
  });
});

describe('domainsAlign (relaxed)', () => {
  it.each([
    ['are.se', 'are.se', true],
    ['mail.are.se', 'are.se', true],
    ['are.se', 'mail.are.se', true],
    ['are.se', 'evil.example', false],
    ['notare.se', 'are.se', false],
    ['are.se', 'se', false],
    ['are.se', '@are.se', true],
  ])('%s ~ %s → %s', (from, other, expected) => expect(domainsAlign(from, other)).toBe(expected));
});

describe('relayVouchesFor', () => {
  const trusted = ['mx.are.se'];
  it.each([
    ['dmarc pass for the From domain', ['mx.are.se; dmarc=pass header.from=are.se'], true],
    ['aligned dkim pass', ['mx.are.se; dkim=pass header.d=are.se'], true],
    ['dmarc pass for another domain', ['mx.are.se; dmarc=pass header.from=evil.example'], false],
    ['dkim pass of another domain', ['mx.are.se; dkim=pass header.d=evil.example'], false],
    ['spf pass only', ['mx.are.se; spf=pass smtp.mailfrom=are.se'], false],
    ['an untrusted authserv-id', ['mx.evil.example; dmarc=pass header.from=are.se'], false],
    ['a forged pass below the relay’s own fail', ['mx.are.se; dmarc=fail header.from=are.se', 'mx.are.se; dmarc=pass header.from=are.se'], false],
    ['a forged untrusted header above the relay’s pass', ['mx.evil.example; dmarc=fail', 'mx.are.se; dmarc=pass header.from=are.se'], true],
    ['no header at all', [], false],
  ])('%s → %s', (_case, headers, expected) => expect(relayVouchesFor(headers, trusted, 'are.se')).toBe(expected));
});

describe('dkimVouchesFor', () => {
  it.each([
    ['an aligned pass', [{ signingDomain: 'are.se', result: 'pass' }], ['guide@are.se'], true],
    ['a pass of another domain', [{ signingDomain: 'evil.example', result: 'pass' }], ['guide@are.se'], false],
    ['an aligned fail', [{ signingDomain: 'are.se', result: 'fail' }], ['guide@are.se'], false],
    ['two From addresses', [{ signingDomain: 'are.se', result: 'pass' }], ['guide@are.se', 'x@evil.example'], false],
    ['a From that differs from the one shown', [{ signingDomain: 'are.se', result: 'pass' }], ['guide@ostersund.se'], false],
  ])('%s → %s', (_case, signatures, headerFrom, expected) => expect(dkimVouchesFor(signatures, headerFrom, 'are.se')).toBe(expected));
});

describe('conversation fingerprint', () => {
  const base = { from: 'anna@example.se', recipients: ['guide@are.se'], sentAt: new Date('2026-11-30T10:15:20Z'), subject: 'Fråga', body: 'Hej!\nFinns det förskola?' };

  it.each([
    ['another body', { body: 'Hej!\nFinns det bostäder?' }, false],
    ['the same body quoted, re-wrapped and in other case', { body: '> hej!   finns det\n> FÖRSKOLA?' }, true],
    ['a forward prefix on the subject', { subject: 'VB: Fråga' }, true],
    ['another second of the same minute', { sentAt: new Date('2026-11-30T10:15:59Z') }, true],
    ['the next minute', { sentAt: new Date('2026-11-30T10:16:00Z') }, false],
    ['recipients in another order', { recipients: ['guide@are.se', 'guide@are.se'] }, true],
  ])('%s → same: %s', (_case, change, same) => {
    expect(conversationFingerprint({ ...base, ...change }) === conversationFingerprint(base)).toBe(same);
  });

  it.each([
    [
      'Gmail',
      ['Till kortet.', '', '---------- Forwarded message ---------', 'From: Anna <anna@example.se>', 'Date: Mon, 30 Nov 2026 at 10:15', 'Subject: Fråga', 'To: <guide@are.se>', '', 'Hej!', 'Finns det förskola?'],
    ],
    ['Outlook without a marker', ['Från: Anna <anna@example.se>', 'Skickat: den 30 november 2026 10:15', 'Till: guide@are.se', 'Ämne: Fråga', '', 'Hej!', 'Finns det förskola?']],
    ['Apple Mail, wrapped recipients', ['Begin forwarded message:', '', 'From: Anna <anna@example.se>', 'Subject: Fråga', 'To: guide@are.se,', '  other@are.se', '', 'Hej!', 'Finns det förskola?']],
  ])('finds the forwarded text below a %s header block', (_client, lines) => {
    expect(normaliseBody(textBelowForwardHeader(lines.join('\n')) ?? '')).toBe(normaliseBody(base.body));
  });

  it('finds no forward in a sentence that starts with "From:"', () => {
    expect(textBelowForwardHeader('From: the start we wanted to move.\nRegards')).toBeNull();
  });
});

describe('mail trust settings', () => {
  it('believes the demo relay only while the coordinator domain is the demo one', async () => {
    const { parseConfig, DEMO_AUTHSERV_ID } = await import('../domain/config.js');
    expect(parseConfig({}).INBOUND_TRUSTED_AUTHSERV_IDS).toEqual([DEMO_AUTHSERV_ID]);
    expect(parseConfig({ COORDINATOR_EMAIL_DOMAINS: 'are.se,regionjh.se' }).INBOUND_TRUSTED_AUTHSERV_IDS).toEqual([]);
    expect(parseConfig({ COORDINATOR_EMAIL_DOMAINS: 'are.se', INBOUND_TRUSTED_AUTHSERV_IDS: 'MX1.are.se, mx2.are.se' }).INBOUND_TRUSTED_AUTHSERV_IDS).toEqual([
      'mx1.are.se',
      'mx2.are.se',
    ]);
  });

  it('defaults to loopback relays and a connection cap, and names a wrong value', async () => {
    const { parseConfig } = await import('../domain/config.js');
    const config = parseConfig({});
    expect(config).toMatchObject({ INBOUND_SMTP_ALLOWED_CLIENTS: ['127.0.0.1', '::1'], INBOUND_SMTP_MAX_CONNECTIONS: 20 });
    expect(config.INBOUND_EMAIL_INGEST_KEY_SHA256).toBeUndefined();
    expect(parseConfig({ INBOUND_SMTP_ALLOWED_CLIENTS: '10.1.0.0/16, 2001:db8::/32' }).INBOUND_SMTP_ALLOWED_CLIENTS).toEqual(['10.1.0.0/16', '2001:db8::/32']);
    expect(() => parseConfig({ INBOUND_SMTP_ALLOWED_CLIENTS: 'mx.are.se' })).toThrow(/INBOUND_SMTP_ALLOWED_CLIENTS/);
    expect(() => parseConfig({ INBOUND_EMAIL_INGEST_KEY_SHA256: 'secret' })).toThrow(/INBOUND_EMAIL_INGEST_KEY_SHA256/);
  });
});
