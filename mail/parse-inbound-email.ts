// Turns a raw email that a coordinator Bcc'd or forwarded to the capture address into
// plain, size-bounded data for the contact card. Matching it to a contact happens
// elsewhere. Inbound mail is untrusted: nothing here keeps HTML or attachment bytes, and
// anything malformed yields empty fields instead of an error (only size is refused).
import { simpleParser, type AddressObject, type EmailAddress, type ParsedMail } from 'mailparser';
import { DomainError } from '../domain/errors.js';
import type { ForwardedMessage, ParseInboundEmailOptions, ParsedAddress, ParsedInboundEmail } from './parsed-email.js';
import { cleanText, singleLine } from './mail-text.js';
import { htmlToPlainText } from './html-to-text.js';
import { forwardedInText } from './forwarded-block.js';
import { parseLooseDate } from './loose-date.js';

export type { ForwardedMessage, ParseInboundEmailOptions, ParsedAddress, ParsedInboundEmail } from './parsed-email.js';

export const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
export const MAX_TEXT_CHARS = 100_000;
// Shown on the contact card, so it is in Swedish like the rest of the product's texts.
export const TEXT_TRUNCATED_MARKER = '\n\n[Texten är avkortad: meddelandet var längre än 100 000 tecken.]';

export class InboundEmailTooLarge extends DomainError {
  constructor(
    readonly sizeBytes: number,
    readonly maxBytes: number,
  ) {
    super('too-large', 'The message is too large');
    this.name = 'InboundEmailTooLarge';
  }
}

const PARSER_OPTIONS = {
  // The result keeps no HTML, so none of mailparser's HTML work is wanted: its
  // html-to-text keeps script/style text and refuses long HTML with an error, and
  // inlining cid: images would copy attachment bytes into memory once more.
  skipHtmlToText: true,
  skipImageLinks: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  keepCidLinks: true,
};

export async function parseInboundEmail(raw: Buffer | string, options: ParseInboundEmailOptions = {}): Promise<ParsedInboundEmail> {
  const input = typeof raw === 'string' || Buffer.isBuffer(raw) ? raw : '';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const sizeBytes = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (sizeBytes > maxBytes) throw new InboundEmailTooLarge(sizeBytes, maxBytes);

  const mail = await parseQuietly(input);
  if (!mail) return emptyResult();

  const text = bodyText(mail);
  return {
    messageId: messageIds(mail.messageId)[0] ?? null,
    subject: singleLine(mail.subject ?? ''),
    date: dateHeader(mail),
    from: addresses(mail.from)[0] ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    replyTo: addresses(mail.replyTo),
    inReplyTo: messageIds(mail.inReplyTo)[0] ?? null,
    references: messageIds(mail.references),
    text: truncated(text),
    attachments: mail.attachments.map((attachment) => ({
      filename: attachment.filename ? singleLine(attachment.filename) || null : null,
      contentType: (attachment.contentType || 'application/octet-stream').toLowerCase(),
      size: attachment.size,
    })),
    forwarded: forwardedInText(text) ?? (await forwardedAsAttachment(mail)),
  };
}

function emptyResult(): ParsedInboundEmail {
  return {
    messageId: null,
    subject: '',
    date: null,
    from: null,
    to: [],
    cc: [],
    replyTo: [],
    inReplyTo: null,
    references: [],
    text: '',
    attachments: [],
    forwarded: null,
  };
}

async function parseQuietly(input: Buffer | string): Promise<ParsedMail | null> {
  try {
    return await simpleParser(input, PARSER_OPTIONS);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- headers

function addresses(field: AddressObject | AddressObject[] | undefined): ParsedAddress[] {
  const lists = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return lists.flatMap((list) => flattenGroups(list.value)).flatMap((entry) => {
    const address = (entry.address ?? '').trim().toLowerCase();
    return address.includes('@') ? [{ address, name: singleLine(entry.name ?? '') || null }] : [];
  });
}

function flattenGroups(entries: EmailAddress[]): EmailAddress[] {
  return entries.flatMap((entry) => (entry.group ? flattenGroups(entry.group) : [entry]));
}

// Message-IDs never contain whitespace, commas or angle brackets, so splitting on those
// handles "<a@x> <b@x>", "<a@x><b@x>", "a@x, b@x" and a bare "a@x" alike.
function messageIds(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return joined.split(/[\s,<>]+/).filter((id) => id !== '');
}

// mailparser replaces an unreadable Date header with the current time; a made-up date
// would misdate the contact card, so the header is read here instead.
function dateHeader(mail: ParsedMail): Date | null {
  const line = mail.headerLines.find((header) => header.key === 'date')?.line;
  return line === undefined ? null : parseLooseDate(line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' '));
}

// ---------------------------------------------------------------- body text

function bodyText(mail: ParsedMail): string {
  const plain = cleanText(mail.text ?? '');
  return plain !== '' ? plain : htmlToPlainText(typeof mail.html === 'string' ? mail.html : '');
}

function truncated(text: string): string {
  if (text.length <= MAX_TEXT_CHARS) return text;
  // Never leave half a surrogate pair (an emoji) at the cut.
  const end = /[\ud800-\udbff]/.test(text.charAt(MAX_TEXT_CHARS - 1)) ? MAX_TEXT_CHARS - 1 : MAX_TEXT_CHARS;
  return text.slice(0, end) + TEXT_TRUNCATED_MARKER;
}

async function forwardedAsAttachment(mail: ParsedMail): Promise<ForwardedMessage | null> {
  const attached = mail.attachments.find((attachment) => attachment.contentType.toLowerCase() === 'message/rfc822');
  if (!attached) return null;
  // Only the attached message's own headers are wanted, so its body and attachments
  // are not followed any further.
  const inner = await parseQuietly(attached.content);
  if (!inner) return null;
  return {
    from: addresses(inner.from)[0] ?? null,
    to: addresses(inner.to),
    date: dateHeader(inner),
    subject: inner.subject === undefined ? null : singleLine(inner.subject),
  };
}
