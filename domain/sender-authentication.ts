// Issue 12, item 1: the From header proves nothing, so a captured message counts as
// written by a coordinator only when its origin was authenticated for the From domain:
// by a DKIM signature aligned with it (DMARC's DKIM alignment), or by the verdict of a
// mail relay we trust, in its Authentication-Results header (RFC 8601). Pure, table-tested.

export interface AuthenticationResultsEntry {
  authservId: string;
  results: Array<{ method: string; result: string; properties: Record<string, string> }>;
}

/** Parses one Authentication-Results header value; null when it has no authserv-id. */
export function parseAuthenticationResults(value: string): AuthenticationResultsEntry | null {
  const withoutComments = stripComments(value.replace(/\r?\n[ \t]+/g, ' '));
  const [head = '', ...resinfos] = splitOutsideQuotes(withoutComments, ';');
  // "authserv-id [version]"
  const authservId = head.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (authservId === '') return null;
  const results = resinfos.flatMap((resinfo) => {
    const tokens = splitOutsideQuotes(resinfo.trim(), ' ').filter((token) => token !== '');
    const first = /^([a-z0-9_-]+)(?:\/\d+)?=([a-z]+)$/i.exec(tokens[0] ?? '');
    if (!first) return [];
    const properties: Record<string, string> = {};
    for (const token of tokens.slice(1)) {
      const property = /^([a-z0-9_-]+\.[a-z0-9_.-]+)=(.*)$/i.exec(token);
      if (property) properties[property[1]!.toLowerCase()] = unquote(property[2]!).toLowerCase();
    }
    return [{ method: first[1]!.toLowerCase(), result: first[2]!.toLowerCase(), properties }];
  });
  return { authservId, results };
}

function stripComments(value: string): string {
  let depth = 0;
  let out = '';
  let inQuotes = false;
  for (const char of value) {
    if (char === '"' && depth === 0) inQuotes = !inQuotes;
    if (!inQuotes && char === '(') depth++;
    else if (!inQuotes && char === ')' && depth > 0) depth--;
    else if (depth === 0) out += char;
  }
  return out;
}

function splitOutsideQuotes(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  for (const char of value) {
    if (char === '"') inQuotes = !inQuotes;
    if (!inQuotes && char === separator) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
}

/** The domain part of an address or a DKIM identity (`@are.se`, `guide@are.se`, `are.se`). */
function domainOf(value: string): string {
  return (value.includes('@') ? value.slice(value.lastIndexOf('@') + 1) : value).toLowerCase().replace(/\.$/, '');
}

/** Relaxed alignment without a public-suffix list: the same domain, or one is a subdomain of the other. */
export function domainsAlign(fromDomain: string, authenticatedDomain: string): boolean {
  const from = domainOf(fromDomain);
  const other = domainOf(authenticatedDomain);
  if (from === '' || other === '' || !other.includes('.')) return false;
  return from === other || from.endsWith(`.${other}`) || other.endsWith(`.${from}`);
}

/**
 * The From domain a trusted relay vouched for: only the topmost Authentication-Results
 * header of a trusted authserv-id counts (a relay adds its own on top; one further down
 * was written by whoever sent the message), and it must say dmarc=pass for the From
 * domain or dkim=pass for a signing domain aligned with it.
 */
export function relayVouchesFor(
  headerValues: string[],
  trustedAuthservIds: string[],
  fromDomain: string,
): boolean {
  const trusted = new Set(trustedAuthservIds.map((id) => id.toLowerCase()));
  const entry = headerValues
    .map(parseAuthenticationResults)
    .find((parsed): parsed is AuthenticationResultsEntry => parsed !== null && trusted.has(parsed.authservId));
  if (!entry) return false;
  return entry.results.some((result) => {
    if (result.result !== 'pass') return false;
    if (result.method === 'dmarc') {
      const headerFrom = result.properties['header.from'];
      return headerFrom !== undefined && domainOf(headerFrom) === domainOf(fromDomain);
    }
    if (result.method === 'dkim') {
      const signer = result.properties['header.d'] ?? result.properties['header.i'];
      return signer !== undefined && domainsAlign(fromDomain, signer);
    }
    return false;
  });
}

export interface DkimSignatureOutcome {
  signingDomain: string;
  result: string;
}

/** A passing DKIM signature whose d= aligns with the (single) From domain. */
export function dkimVouchesFor(signatures: DkimSignatureOutcome[], headerFromAddresses: string[], fromDomain: string): boolean {
  // Two From addresses (or headers) could let one part be signed and the other shown.
  if (headerFromAddresses.length !== 1 || domainOf(headerFromAddresses[0]!) !== domainOf(fromDomain)) return false;
  return signatures.some((signature) => signature.result === 'pass' && domainsAlign(fromDomain, signature.signingDomain));
}
