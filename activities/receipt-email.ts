// Issue 15: the promise made to the person when their form is accepted — who answers, by
// which channel, by when — written once and used by the receipt email and the thank-you
// page alike, so the two can never promise different things.
import { DateTime } from 'luxon';
import type { ContactMethod, Language } from '../domain/codes.js';
import { STOCKHOLM_ZONE } from '../domain/stockholm-time.js';
import { unitDisplayName, type UnitCode } from '../domain/units.js';

export interface ReplyPromise {
  unit: UnitCode;
  channel: ContactMethod;
  firstReplyDueAt: Date;
}

/** "tisdag 8 december" / "Tuesday 8 December", the Stockholm calendar day of the deadline. */
export function promiseDate(instant: Date, lang: Language): string {
  return DateTime.fromJSDate(instant, { zone: STOCKHOLM_ZONE }).setLocale(lang === 'sv' ? 'sv' : 'en-GB').toFormat('cccc d LLLL');
}

/** "Åres flyttvägledare" / "the in-mover guides of Åre" (no display name ends in s, x or z). */
export function guidesOf(unit: UnitCode, lang: Language): string {
  const name = unitDisplayName(unit);
  return lang === 'sv' ? `${name}s flyttvägledare` : `the in-mover guides of ${name}`;
}

/** "Du får svar från Åres flyttvägledare senast tisdag 8 december, per telefon." */
export function replyPromiseText(promise: ReplyPromise, lang: Language): string {
  const when = promiseDate(promise.firstReplyDueAt, lang);
  if (lang === 'sv') {
    return `Du får svar från ${guidesOf(promise.unit, lang)} senast ${when}, ${promise.channel === 'phone' ? 'per telefon' : 'per e-post'}.`;
  }
  return `You will hear from ${guidesOf(promise.unit, lang)} by ${when}, ${promise.channel === 'phone' ? 'by phone' : 'by email'}.`;
}

export interface ReceiptFacts extends ReplyPromise {
  language: Language;
  firstName: string;
  caseNumber: number;
  /** Replies to the receipt land on the person's card (MISSION.md §5) when the product receives email. */
  canReplyToAdd: boolean;
  myDataUrl: string;
}

export function intakeReceiptEmail(facts: ReceiptFacts): { subject: string; text: string } {
  const promise = replyPromiseText(facts, facts.language);
  if (facts.language === 'sv') {
    return {
      subject: `Vi har tagit emot din fråga – svar senast ${promiseDate(facts.firstReplyDueAt, 'sv')}`,
      text: [
        `Hej ${facts.firstName}!`,
        '',
        'Tack för att du hörde av dig om att flytta till Jämtland Härjedalen. Vi har tagit emot din fråga.',
        '',
        promise,
        '',
        facts.canReplyToAdd
          ? 'Vill du lägga till något? Svara på det här mejlet, så hamnar ditt svar hos din flyttvägledare.'
          : 'Vill du lägga till något? Skicka formuläret igen med det du vill lägga till.',
        `Ditt ärendenummer är ${facts.caseNumber}.`,
        '',
        `Vad vi har sparat om dig kan du se, ladda ner eller be oss radera på ${facts.myDataUrl}`,
        '',
        'Vänliga hälsningar',
        'Flyttvägledarna i Jämtland Härjedalen',
      ].join('\n'),
    };
  }
  return {
    subject: `We have received your question – reply by ${promiseDate(facts.firstReplyDueAt, 'en')}`,
    text: [
      `Hello ${facts.firstName},`,
      '',
      'Thank you for getting in touch about moving to Jämtland Härjedalen. We have received your question.',
      '',
      promise,
      '',
      facts.canReplyToAdd
        ? 'Want to add something? Reply to this email and your reply reaches your in-mover guide.'
        : 'Want to add something? Send the form again with what you want to add.',
      `Your case number is ${facts.caseNumber}.`,
      '',
      `You can see, download or ask us to erase what we hold about you at ${facts.myDataUrl}`,
      '',
      'Kind regards',
      'The in-mover guides of Jämtland Härjedalen',
    ].join('\n'),
  };
}
