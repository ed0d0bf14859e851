// DKIM for the test run without a network: a key pair made here, its public half
// "published" through the DNS resolver the product is given.
import { generateKeyPairSync } from 'node:crypto';
import { dkimSign, type DNSResolver } from 'mailauth';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyBase64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
export const TEST_DKIM_PRIVATE_KEY = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
export const TEST_DKIM_SELECTOR = 'test';
/** The authserv-id of the mail relay the test product trusts. */
export const TRUSTED_RELAY_ID = 'relay.test.local';

/** The test.local zone: only the DKIM key of test.local is published; everything else does not exist. */
export function testDnsResolver(domains: string[]): DNSResolver {
  const records = new Map(domains.map((domain) => [`${TEST_DKIM_SELECTOR}._domainkey.${domain}`, `v=DKIM1; k=rsa; p=${publicKeyBase64}`]));
  return async (name, rrtype) => {
    const record = records.get(name.toLowerCase());
    if (rrtype === 'TXT' && record) return [[record]];
    throw Object.assign(new Error(`${name} not found`), { code: 'ENOTFOUND' });
  };
}

/** For nodemailer: signs every message it sends as the given domain. */
export const dkimFor = (domainName: string) => ({ domainName, keySelector: TEST_DKIM_SELECTOR, privateKey: TEST_DKIM_PRIVATE_KEY });

/** Signs a raw message as a domain's mail server would. */
export async function signRaw(raw: Buffer, signingDomain: string): Promise<Buffer> {
  const key = { signingDomain, selector: TEST_DKIM_SELECTOR, privateKey: TEST_DKIM_PRIVATE_KEY };
  const signed = await dkimSign(raw, { ...key, signatureData: [key] });
  if (signed.errors.length > 0 || signed.signatures === '') throw new Error(`DKIM signing failed: ${String(signed.errors[0])}`);
  return Buffer.concat([Buffer.from(signed.signatures), raw]);
}
