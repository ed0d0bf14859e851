// The plain, size-bounded shape of an inbound email that the contact card keeps.
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
