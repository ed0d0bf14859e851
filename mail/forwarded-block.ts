// The header block of a message the coordinator forwarded or quoted in the body text
// ("---------- Forwarded message ---------", Outlook's From/Sent/To/Subject block…).
import type { ForwardedMessage, ParsedAddress } from './parsed-email.js';
import { singleLine } from './mail-text.js';
import { parseLooseDate } from './loose-date.js';

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

export function forwardedInText(text: string): ForwardedMessage | null {
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
