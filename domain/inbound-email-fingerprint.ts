// Issue 12, item 5: the same message captured twice (a Bcc copy and a forward of it, two
// deliveries) is one conversation entry, but two different messages are never one, even
// with the same sender, recipients, minute and subject. So the fingerprint covers the
// body too, reduced to what survives forwarding: the text below a forward's header block,
// without quoting marks, case or whitespace differences. Pure, table-tested.
import { createHash } from 'node:crypto';

const FORWARD_MARKER =
  /^-{2,}\s*(?:forwarded message|original message|vidarebefordrat meddelande|ursprungligt meddelande|videresendt melding|opprinnelig melding|oprindelig meddelelse)\s*-{2,}$|^(?:begin forwarded message|början på vidarebefordrat (?:brev|meddelande)|vidarebefordrat (?:brev|meddelande))\s*:?$/iu;
const HEADER_LINE = /^\*{0,2}(\p{L}[\p{L}-]{0,24})\*{0,2}\s*:\s*\S/u;
const FROM_LABELS = new Set(['from', 'från', 'fra']);

const unquoted = (line: string) => line.replace(/^[\s>]+/, '').trim();

/** The forwarded message's own text: what follows the first forward header block, or null without one. */
export function textBelowForwardHeader(text: string): string | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = unquoted(lines[index] ?? '');
    const isMarker = FORWARD_MARKER.test(line);
    const label = HEADER_LINE.exec(line)?.[1]?.toLowerCase();
    if (!isMarker && !(label && FROM_LABELS.has(label))) continue;
    let cursor = isMarker ? index + 1 : index;
    let headers = 0;
    while (cursor < lines.length) {
      const current = unquoted(lines[cursor] ?? '');
      if (HEADER_LINE.test(current)) headers++;
      else if (current !== '' && !(headers > 0 && current.includes('@'))) break;
      cursor++;
    }
    // A sentence that happens to start with "From:" is not a header block.
    if (headers >= (isMarker ? 1 : 3)) return lines.slice(cursor).join('\n');
  }
  return null;
}

/** Case, quoting marks and whitespace are what forwarding and mail clients change. */
export function normaliseBody(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(unquoted)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export interface ConversationMessage {
  from: string;
  recipients: string[];
  sentAt: Date;
  subject: string;
  body: string;
}

const FORWARD_PREFIX = /^\s*((fwd?|vb|fw|vs)\s*:\s*)+/i;

export function conversationFingerprint(message: ConversationMessage): string {
  const minute = Math.floor(message.sentAt.getTime() / 60_000);
  const recipients = [...new Set(message.recipients)].sort().join(',');
  const subject = message.subject.replace(FORWARD_PREFIX, '').trim().toLowerCase();
  const body = createHash('sha256').update(normaliseBody(message.body)).digest('hex');
  return createHash('sha256').update(`${message.from}|${recipients}|${minute}|${subject}|${body}`).digest('hex');
}
