// How email addresses and phone numbers are written down, so that the same person's
// channels compare equal (MISSION.md §4.1: deduplicate by email, then phone).
import { domainToASCII, domainToUnicode } from 'node:url';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

// Letters of any script in the local part (RFC 6531) and the domain (IDNA); no quoted
// local parts, comments or IP literals, which no intake form needs.
const LOCAL_PART = /^(?!\.)(?!.*\.\.)[^\s@"<>()[\]\\,;:\p{Cc}]{1,64}(?<!\.)$/u;
const DOMAIN_LABEL = /^(?!-)[\p{L}\p{M}\p{N}-]{1,63}(?<!-)$/u;

/**
 * The address as stored and compared: trimmed, Unicode NFC, lower-cased, the domain in
 * its Unicode form (so `exämple.se` and `xn--exmple-cua.se` are one address).
 * Undefined when it is not an address.
 */
export function normalizeEmail(raw: string): string | undefined {
  const value = raw.trim().normalize('NFC').toLowerCase();
  const at = value.lastIndexOf('@');
  if (at <= 0 || value.length > 254) return undefined;
  const local = value.slice(0, at);
  const ascii = domainToASCII(value.slice(at + 1));
  if (!LOCAL_PART.test(local) || !ascii || !ascii.includes('.')) return undefined;
  const domain = domainToUnicode(ascii);
  const labels = domain.split('.');
  if (!labels.every((label) => DOMAIN_LABEL.test(label)) || !/^(\p{L}{2,}|xn--[a-z0-9-]+)$/u.test(labels.at(-1)!)) return undefined;
  return `${local}@${domain}`;
}

/**
 * E.164 (`+46701122047`); numbers without a country code are Swedish. Handles the
 * written forms people use: `070-112 20 47`, `+46 (0)70 112 20 47`, `0046 70…`.
 * Undefined when no phone number can have that many digits.
 */
export function normalizePhone(raw: string): string | undefined {
  if (!/^[+0-9\s().\-/]{6,40}$/.test(raw.trim())) return undefined;
  const parsed = parsePhoneNumberFromString(raw.trim(), 'SE');
  return parsed?.isPossible() ? parsed.number : undefined;
}
