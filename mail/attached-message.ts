// The text of a message forwarded as an attachment (message/rfc822), which the capture
// parser lists but does not keep; the dedupe fingerprint needs it to match the Bcc copy.
import { simpleParser } from 'mailparser';
import { parseInboundEmail } from './parse-inbound-email.js';

export async function attachedMessageText(raw: Buffer): Promise<string | null> {
  try {
    const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
    const attached = mail.attachments.find((attachment) => attachment.contentType.toLowerCase() === 'message/rfc822');
    return attached ? (await parseInboundEmail(attached.content)).text : null;
  } catch {
    return null;
  }
}
