// Who really sent a captured message, as far as DKIM (verified with mailauth) or a trusted
// relay's Authentication-Results header can tell. DNS goes through the injected resolver,
// so tests publish their own keys without a network.
import { dkimVerify, type DNSResolver } from 'mailauth';
import { simpleParser } from 'mailparser';
import { dkimVouchesFor, relayVouchesFor } from '../domain/sender-authentication.js';

export type { DNSResolver };

export interface OriginTrust {
  /** authserv-ids of the relays whose Authentication-Results are believed (README, "Email"). */
  trustedAuthservIds: string[];
  /** Defaults to the system's DNS. */
  dnsResolver?: DNSResolver;
}

export type OriginAuthentication = { authenticated: true; method: 'dkim' | 'relay' } | { authenticated: false };

/** Whether the message's origin is authenticated for the domain of `fromAddress`. */
export async function authenticateOrigin(raw: Buffer, fromAddress: string, trust: OriginTrust): Promise<OriginAuthentication> {
  const fromDomain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1);
  const headerValues = await authenticationResultsHeaders(raw);
  if (relayVouchesFor(headerValues, trust.trustedAuthservIds, fromDomain)) return { authenticated: true, method: 'relay' };
  try {
    const verified = await dkimVerify(raw, trust.dnsResolver ? { resolver: trust.dnsResolver } : {});
    const signatures = verified.results.map((result) => ({ signingDomain: result.signingDomain, result: result.status.result }));
    if (dkimVouchesFor(signatures, verified.headerFrom, fromDomain)) return { authenticated: true, method: 'dkim' };
  } catch {
    // A message mailauth cannot read is simply not authenticated.
  }
  return { authenticated: false };
}

async function authenticationResultsHeaders(raw: Buffer): Promise<string[]> {
  // Headers only: the body is cut off so that large messages are not parsed twice.
  const end = raw.indexOf('\r\n\r\n');
  const endLf = raw.indexOf('\n\n');
  const cut = [end, endLf].filter((index) => index >= 0);
  const head = cut.length > 0 ? raw.subarray(0, Math.min(...cut)) : raw;
  try {
    const mail = await simpleParser(Buffer.concat([head, Buffer.from('\r\n\r\n')]), { skipHtmlToText: true, skipTextToHtml: true });
    return mail.headerLines
      .filter((header) => header.key === 'authentication-results')
      .map((header) => header.line.slice(header.line.indexOf(':') + 1));
  } catch {
    return [];
  }
}
