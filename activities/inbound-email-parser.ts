// Turns a raw email that a coordinator Bcc'd or forwarded to the capture address into
// plain, size-bounded data for the contact card. Matching it to a contact happens
// elsewhere. Inbound mail is untrusted: nothing here keeps HTML or attachment bytes, and
// anything malformed yields empty fields instead of an error (only size is refused).
import { DomainError } from '../domain/errors.js';
import { DateTime, FixedOffsetZone, type Zone } from 'luxon';
import { simpleParser, type AddressObject, type EmailAddress, type ParsedMail } from 'mailparser';
import { STOCKHOLM_ZONE } from '../domain/stockholm-time.js';

export interface ParsedAddress {
  /** Lower-cased. */
  address: string;
  name: string | null;
}

export interface ForwardedMessage {
  from: ParsedAddress | null;
  to: ParsedAddress[];
  date: Date | null;
  subject: string | null;
}

export interface ParsedInboundEmail {
  /** Without angle brackets. */
  messageId: string | null;
  /** '' when missing. */
  subject: string;
  date: Date | null;
  from: ParsedAddress | null;
  to: ParsedAddress[];
  cc: ParsedAddress[];
  replyTo: ParsedAddress[];
  inReplyTo: string | null;
  references: string[];
  /** Plain text only, at most MAX_TEXT_CHARS plus TEXT_TRUNCATED_MARKER. */
  text: string;
  /** Listed only: their contents are never kept. */
  attachments: Array<{ filename: string | null; contentType: string; size: number }>;
  /** The message the coordinator forwarded (or quoted), when the body or an attached message shows one. */
  forwarded: ForwardedMessage | null;
}

export interface ParseInboundEmailOptions {
  maxBytes?: number;
}

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

// Control characters (other than tab and newline) and invisible characters only hide
// text from the reader or break search; soft hyphens and zero-width spaces are common
// in newsletter-style HTML.
const INVISIBLE_CHARACTERS = /[^\P{Cc}\t\n]|[\u00ad\u200b\u200c\ufeff]/gu;

function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(INVISIBLE_CHARACTERS, '').trim();
}

function singleLine(value: string): string {
  return value.replace(/\p{Cc}+/gu, ' ').replace(INVISIBLE_CHARACTERS, '').trim();
}

function truncated(text: string): string {
  if (text.length <= MAX_TEXT_CHARS) return text;
  // Never leave half a surrogate pair (an emoji) at the cut.
  const end = /[\ud800-\udbff]/.test(text.charAt(MAX_TEXT_CHARS - 1)) ? MAX_TEXT_CHARS - 1 : MAX_TEXT_CHARS;
  return text.slice(0, end) + TEXT_TRUNCATED_MARKER;
}

// ---------------------------------------------------------------- HTML to text

// Their content is never shown as text by a mail client.
const HIDDEN_ELEMENTS = new Set(['script', 'style', 'title', 'template', 'xml']);
// Unclosed, these swallow the rest of the document in a browser too; anything less
// could leak script source into the text.
const RAW_TEXT_ELEMENTS = new Set(['script', 'style']);
const LINE_BREAKING_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'table', 'tr', 'ul',
]);
const CELL_ELEMENTS = new Set(['td', 'th']);
const TAG_START = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/y;

// A single forward scan rather than a chain of regular expressions: inbound HTML can be
// megabytes of hostile markup, and every step here stays linear in its length.
function htmlToPlainText(html: string): string {
  const parts: string[] = [];
  let position = 0;
  while (position < html.length) {
    const tagOpen = html.indexOf('<', position);
    if (tagOpen === -1) {
      parts.push(textNode(html.slice(position)));
      break;
    }
    parts.push(textNode(html.slice(position, tagOpen)));

    if (html.startsWith('<!--', tagOpen)) {
      const commentEnd = html.indexOf('-->', tagOpen + 4);
      position = commentEnd === -1 ? html.length : commentEnd + 3;
      continue;
    }
    TAG_START.lastIndex = tagOpen;
    const tag = TAG_START.exec(html);
    if (!tag) {
      const next = html.charAt(tagOpen + 1);
      // <!DOCTYPE>, <![CDATA[…]]>, <?xml?> carry no text; any other "<" is literal text.
      if (next === '!' || next === '?') {
        position = tagEnd(html, tagOpen + 2);
      } else {
        parts.push('<');
        position = tagOpen + 1;
      }
      continue;
    }

    const isClosing = tag[1] === '/';
    const name = (tag[2] ?? '').toLowerCase();
    position = tagEnd(html, tagOpen + tag[0].length);
    if (!isClosing && HIDDEN_ELEMENTS.has(name)) {
      const closing = closingTagStart(html, name, position);
      if (closing !== -1) position = tagEnd(html, closing);
      else if (RAW_TEXT_ELEMENTS.has(name)) position = html.length;
      continue;
    }
    if (LINE_BREAKING_ELEMENTS.has(name)) parts.push('\n');
    else if (CELL_ELEMENTS.has(name)) parts.push(' ');
  }
  return cleanText(
    parts
      .join('')
      .split('\n')
      .map((line) => line.replace(/[ \t]+/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n'),
  );
}

function textNode(source: string): string {
  return decodeEntities(source.replace(/[ \t\r\n\f]+/g, ' '));
}

/** Index just after the ">" closing the tag; quoted attribute values may contain ">". */
function tagEnd(html: string, from: number): number {
  let quote = '';
  let afterEquals = false;
  for (let index = from; index < html.length; index++) {
    const char = html.charAt(index);
    if (quote !== '') {
      if (char === quote) quote = '';
    } else if (char === '>') {
      return index + 1;
    } else if ((char === '"' || char === "'") && afterEquals) {
      quote = char;
    } else if (char === '=') {
      afterEquals = true;
    } else if (char.trim() !== '') {
      afterEquals = false;
    }
  }
  return html.length;
}

function closingTagStart(html: string, name: string, from: number): number {
  const closing = new RegExp(`</${name}(?=[\\s/>]|$)`, 'gi');
  closing.lastIndex = from;
  return closing.exec(html)?.index ?? -1;
}

// The Latin-1 entities in code point order, U+00A0 to U+00FF.
const LATIN1_ENTITIES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro ' +
  'para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil ' +
  'Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave ' +
  'Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml ' +
  'igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute ' +
  'thorn yuml'
)
  .split(' ')
  .map((name, index): [string, number] => [name, 0xa0 + index]);

const NAMED_ENTITIES = new Map<string, string>(
  [
    ...LATIN1_ENTITIES,
    ...Object.entries({
      amp: 0x26, lt: 0x3c, gt: 0x3e, quot: 0x22, apos: 0x27, OElig: 0x152, oelig: 0x153, Scaron: 0x160,
      scaron: 0x161, Yuml: 0x178, circ: 0x2c6, tilde: 0x2dc, ensp: 0x2002, emsp: 0x2003, thinsp: 0x2009,
      zwnj: 0x200c, zwj: 0x200d, lrm: 0x200e, rlm: 0x200f, ndash: 0x2013, mdash: 0x2014, lsquo: 0x2018,
      rsquo: 0x2019, sbquo: 0x201a, ldquo: 0x201c, rdquo: 0x201d, bdquo: 0x201e, dagger: 0x2020, bull: 0x2022,
      hellip: 0x2026, permil: 0x2030, lsaquo: 0x2039, rsaquo: 0x203a, euro: 0x20ac, trade: 0x2122,
    }),
  ].map(([name, codePoint]): [string, string] => [name, String.fromCodePoint(codePoint)]),
);
// Layout spaces would only have to be collapsed again.
NAMED_ENTITIES.set('nbsp', ' ');

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g, (entity, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES.get(name) ?? entity;
    const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
    const isScalarValue = codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
    return isScalarValue ? String.fromCodePoint(codePoint) : '\ufffd';
  });
}

// ---------------------------------------------------------------- forwarded messages

type ForwardField = 'from' | 'date' | 'to' | 'cc' | 'subject';

// English, Swedish and, since many in-movers come from Norway, Norwegian/Danish labels.
const FORWARD_FIELD_BY_LABEL = new Map<string, ForwardField>([
  ['from', 'from'], ['från', 'from'], ['fra', 'from'],
  ['date', 'date'], ['sent', 'date'], ['datum', 'date'], ['skickat', 'date'], ['sendt', 'date'], ['dato', 'date'],
  ['to', 'to'], ['till', 'to'], ['til', 'to'],
  ['cc', 'cc'], ['kopia', 'cc'], ['kopi', 'cc'],
  ['subject', 'subject'], ['ämne', 'subject'], ['emne', 'subject'],
]);

// Gmail, Thunderbird ("---------- Forwarded message ---------") and Outlook
// ("-----Original Message-----"), and Apple Mail ("Begin forwarded message:").
const FORWARD_MARKERS = [
  /^-{2,}\s*(?:forwarded message|original message|vidarebefordrat meddelande|ursprungligt meddelande|videresendt melding|opprinnelig melding|oprindelig meddelelse)\s*-{2,}$/iu,
  /^(?:begin forwarded message|början på vidarebefordrat (?:brev|meddelande)|vidarebefordrat (?:brev|meddelande))\s*:?$/iu,
];

// "From: …", and "*From:* …" where a client turned bold HTML into plain text.
const HEADER_LINE = /^\*{0,2}(\p{L}[\p{L}-]{0,24})\*{0,2}\s*:\s*\*{0,2}\s*(.*)$/u;
const MAX_HEADER_BLOCK_LINES = 40;

type HeaderBlock = Partial<Record<ForwardField, string>>;

function forwardedInText(text: string): ForwardedMessage | null {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = unquoted(lines[index] ?? '');
    if (FORWARD_MARKERS.some((marker) => marker.test(line))) {
      const block = headerBlock(lines, index + 1);
      if (Object.keys(block).length > 0) return forwardedFromBlock(block);
    } else if (headerLine(line)?.field === 'from') {
      // Outlook often separates the quoted message with only a rule, so a bare
      // From/Sent/To/Subject block counts too. Three fields keep a sentence that
      // happens to start with "From:" from counting.
      const block = headerBlock(lines, index);
      if (Object.keys(block).length >= 3) return forwardedFromBlock(block);
    }
  }
  return null;
}

function headerBlock(lines: string[], start: number): HeaderBlock {
  const block: HeaderBlock = {};
  let lastField: ForwardField | null = null;
  let index = start;
  while (index < lines.length && unquoted(lines[index] ?? '') === '' && index < start + 3) index++;

  for (const end = Math.min(lines.length, index + MAX_HEADER_BLOCK_LINES); index < end; index++) {
    const line = unquoted(lines[index] ?? '');
    if (line === '') {
      // HTML that puts each field in its own paragraph leaves blank lines between them.
      const next = lines.slice(index + 1, index + 3).map(unquoted).find((candidate) => candidate !== '');
      const nextField = next === undefined ? null : (headerLine(next)?.field ?? null);
      if (nextField === null || block[nextField] !== undefined) break;
      lastField = null;
      continue;
    }
    const header = headerLine(line);
    if (header) {
      // Reply-To, Bcc, Importance and the like are skipped, not the end of the block.
      if (header.field && block[header.field] === undefined) block[header.field] = header.value;
      lastField = header.field;
    } else if ((lastField === 'to' || lastField === 'cc') && line.includes('@')) {
      // A long recipient list wrapped onto the next line.
      block[lastField] = `${block[lastField] ?? ''}, ${line}`;
    } else {
      break;
    }
  }
  return block;
}

function unquoted(line: string): string {
  return line.replace(/^[\s>]+/, '').trim();
}

function headerLine(line: string): { field: ForwardField | null; value: string } | null {
  const match = HEADER_LINE.exec(line);
  if (!match) return null;
  return { field: FORWARD_FIELD_BY_LABEL.get((match[1] ?? '').toLowerCase()) ?? null, value: (match[2] ?? '').trim() };
}

function forwardedFromBlock(block: HeaderBlock): ForwardedMessage {
  return {
    from: addressList(block.from ?? '')[0] ?? null,
    to: addressList(block.to ?? ''),
    date: block.date === undefined ? null : parseLooseDate(block.date),
    subject: block.subject === undefined ? null : singleLine(block.subject),
  };
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

// ---------------------------------------------------------------- addresses in text

const EMAIL_IN_TEXT = /[\p{L}\p{N}.!#$%&*+/=?^_`{|}~-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u;

/**
 * Addresses as mail clients print them in a quoted header: `Anna Berg <anna@example.se>`,
 * `anna@example.se`, `"Berg, Anna" <anna@example.se>`, Outlook's
 * `Anna Berg [mailto:anna@example.se]` and `anna@example.se<mailto:anna@example.se>`,
 * separated by commas or semicolons. Entries without an address are dropped.
 */
function addressList(value: string): ParsedAddress[] {
  return splitOutsideQuotes(value).flatMap((entry) => {
    const address = EMAIL_IN_TEXT.exec(entry)?.[0];
    if (!address) return [];
    const name = entry
      .replace(/<[^<>]*>|\[[^[\]]*\]|\(mailto:[^()]*\)/gi, ' ')
      .replace(new RegExp(EMAIL_IN_TEXT.source, 'gu'), ' ')
      .replace(/mailto:|["'<>[\]]/gi, ' ');
    return [{ address: address.toLowerCase(), name: singleLine(name.replace(/\s+/g, ' ')) || null }];
  });
}

function splitOutsideQuotes(value: string): string[] {
  const entries: string[] = [];
  let current = '';
  let inQuotes = false;
  let bracketDepth = 0;
  for (const char of value) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '<' || char === '[')) bracketDepth++;
    else if (!inQuotes && (char === '>' || char === ']')) bracketDepth = Math.max(0, bracketDepth - 1);
    if (!inQuotes && bracketDepth === 0 && (char === ',' || char === ';')) {
      entries.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  entries.push(current);
  return entries;
}

// ---------------------------------------------------------------- dates in text

const MONTH_BY_NAME = new Map<string, number>([
  ['jan', 1], ['january', 1], ['januari', 1], ['januar', 1],
  ['feb', 2], ['february', 2], ['februari', 2], ['februar', 2],
  ['mar', 3], ['march', 3], ['mars', 3],
  ['apr', 4], ['april', 4],
  ['may', 5], ['maj', 5], ['mai', 5],
  ['jun', 6], ['june', 6], ['juni', 6],
  ['jul', 7], ['july', 7], ['juli', 7],
  ['aug', 8], ['august', 8], ['augusti', 8],
  ['sep', 9], ['sept', 9], ['september', 9],
  ['oct', 10], ['october', 10], ['okt', 10], ['oktober', 10],
  ['nov', 11], ['november', 11],
  ['dec', 12], ['december', 12], ['des', 12], ['desember', 12],
]);

const OFFSET_MINUTES_BY_ZONE_NAME = new Map<string, number>([
  ['ut', 0], ['utc', 0], ['gmt', 0], ['wet', 0], ['west', 60], ['bst', 60], ['cet', 60], ['met', 60],
  ['cest', 120], ['mest', 120], ['eet', 120], ['eest', 180], ['est', -300], ['edt', -240], ['cst', -360],
  ['cdt', -300], ['mst', -420], ['mdt', -360], ['pst', -480], ['pdt', -420],
]);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const DAY_MONTH_YEAR = /(?<![\p{L}\d])(\d{1,2})(?:\.|st|nd|rd|th)?\s+(\p{L}+)\.?,?\s+(\d{4})(?!\d)/gu;
const MONTH_DAY_YEAR = /(?<![\p{L}\d])(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/gu;
const NUMERIC_DATE = /(?<!\d)(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})([./])(\d{1,2})\5(\d{4}))(?!\d)/u;
const TIME = /(?<!\d)(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\s*([ap])\.?m\.?(?!\p{L}))?/iu;
const NUMERIC_OFFSET = /(?<![\p{L}\d])(?:gmt|utc|ut)?\s*([+-])(\d{1,2})(?::?(\d{2}))?(?!\d)/iu;
const ZONE_NAME = /(?<!\p{L})(\p{L}{2,4})(?!\p{L})/gu;

interface CalendarDay {
  year: number;
  month: number;
  day: number;
  rest: string;
}

/**
 * Dates as mail clients print them: RFC 5322 headers and the localised forms of quoted
 * headers ("Monday, March 3, 2025 10:12 AM", "den 3 mars 2025 10:12", "3 March 2025 at
 * 10:12:00 CET"). Quoted headers rarely name a zone; the coordinators are in Sweden, so
 * Stockholm time is assumed rather than whatever zone the server runs in.
 */
function parseLooseDate(value: string): Date | null {
  const trimmed = value.trim();
  if (ISO_INSTANT.test(trimmed)) return new Date(trimmed);
  const lower = trimmed.toLowerCase();
  const day = namedMonthDay(lower) ?? numericDay(lower);
  if (!day) return null;

  const time = TIME.exec(day.rest);
  let hour = time ? Number(time[1]) : 0;
  const meridiem = time?.[4];
  if (meridiem === 'p' && hour < 12) hour += 12;
  if (meridiem === 'a' && hour === 12) hour = 0;
  const afterTime = time ? day.rest.slice(0, time.index) + ' ' + day.rest.slice(time.index + time[0].length) : day.rest;

  const dateTime = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute: Number(time?.[2] ?? 0), second: Number(time?.[3] ?? 0) },
    { zone: zoneIn(afterTime) },
  );
  return dateTime.isValid ? dateTime.toJSDate() : null;
}

function namedMonthDay(lower: string): CalendarDay | null {
  for (const match of lower.matchAll(DAY_MONTH_YEAR)) {
    const month = MONTH_BY_NAME.get(match[2] ?? '');
    if (month) return { year: Number(match[3]), month, day: Number(match[1]), rest: without(lower, match) };
  }
  for (const match of lower.matchAll(MONTH_DAY_YEAR)) {
    const month = MONTH_BY_NAME.get(match[1] ?? '');
    if (month) return { year: Number(match[3]), month, day: Number(match[2]), rest: without(lower, match) };
  }
  return null;
}

function numericDay(lower: string): CalendarDay | null {
  const match = NUMERIC_DATE.exec(lower);
  if (!match) return null;
  const rest = without(lower, match);
  if (match[1] !== undefined) return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), rest };
  const first = Number(match[4]);
  const second = Number(match[6]);
  // 03.04.2025 is European day-first; 3/4/2025 is Outlook's US month-first unless that is impossible.
  const dayFirst = match[5] === '.' || first > 12;
  return { year: Number(match[7]), month: dayFirst ? second : first, day: dayFirst ? first : second, rest };
}

function without(text: string, match: RegExpMatchArray): string {
  const start = match.index ?? 0;
  return `${text.slice(0, start)} ${text.slice(start + match[0].length)}`;
}

function zoneIn(text: string): Zone | string {
  const offset = NUMERIC_OFFSET.exec(text);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
    if (minutes <= 14 * 60) return FixedOffsetZone.instance(offset[1] === '-' ? -minutes : minutes);
  }
  for (const match of text.matchAll(ZONE_NAME)) {
    const minutes = OFFSET_MINUTES_BY_ZONE_NAME.get(match[1] ?? '');
    if (minutes !== undefined) return FixedOffsetZone.instance(minutes);
  }
  return STOCKHOLM_ZONE;
}
