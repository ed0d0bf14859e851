// The texts of the emails a case sends to coordinators. They are the one place where a
// coordinator is asked to act, so each shows the preferred contact method (MISSION.md §3).
import { DateTime } from 'luxon';
import { INTEREST_LABELS_SV, type InterestCode } from '../domain/codes.js';
import { unitDisplayName, type UnitCode } from '../domain/units.js';
import { STOCKHOLM_ZONE } from '../domain/stockholm-time.js';

export interface CaseEmailFacts {
  caseNumber: string;
  unit: UnitCode;
  contactName: string;
  preferredContactMethod: 'email' | 'phone';
  email: string | null;
  phone: string | null;
  interests: string[];
  chosenMunicipalities: string[];
  message: string | null;
  receivedAt: Date;
  firstReplyDueAt: Date;
  contactCardUrl: string;
  /** The dialog capture address (MISSION.md §5), when the product receives email. */
  captureAddress?: string;
}

export function formatSwedishDateTime(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: STOCKHOLM_ZONE }).setLocale('sv').toFormat("cccc d LLLL yyyy 'kl.' HH:mm");
}

function preferredContactLine(facts: CaseEmailFacts): string {
  return facts.preferredContactMethod === 'phone'
    ? `Vill bli kontaktad per TELEFON: ${facts.phone}`
    : `Vill bli kontaktad per E-POST: ${facts.email}`;
}

/** A reply copied to the capture address lands on the card by itself and stops the clock. */
function captureInstructions(facts: CaseEmailFacts): string[] {
  if (!facts.captureAddress) return [];
  const lines = [
    `Svarar du per e-post: skriv till personen och lägg ${facts.captureAddress} som hemlig kopia (Bcc),`,
    'eller vidarebefordra ditt skickade svar dit. Då hamnar det på kontaktkortet utan att du skriver av något.',
  ];
  if (facts.email) {
    const subject = encodeURIComponent('Välkommen till Jämtland Härjedalen');
    lines.push(`Svara med kopia direkt: mailto:${facts.email}?bcc=${encodeURIComponent(facts.captureAddress)}&subject=${subject}`);
  }
  return ['', ...lines];
}

function caseSummary(facts: CaseEmailFacts): string {
  const topics = facts.interests.map((code) => INTEREST_LABELS_SV[code as InterestCode] ?? code);
  const chosen = facts.chosenMunicipalities.map((code) => unitDisplayName(code as UnitCode));
  return [
    `Kontakt: ${facts.contactName}`,
    preferredContactLine(facts),
    `Övriga kanaler: e-post ${facts.email ?? '–'}, telefon ${facts.phone ?? '–'}`,
    `Ämnen: ${topics.length ? topics.join('; ') : '–'}`,
    `Valda kommuner: ${chosen.length ? chosen.join(', ') : 'ingen (regionen ansvarar)'}`,
    `Ansvarig: ${unitDisplayName(facts.unit)}`,
    `Inkom: ${formatSwedishDateTime(facts.receivedAt)}`,
    `Första svar senast: ${formatSwedishDateTime(facts.firstReplyDueAt)}`,
    '',
    facts.message ? `Meddelande:\n${facts.message}` : 'Inget meddelande.',
    '',
    `Kontaktkort: ${facts.contactCardUrl}`,
    `Ärende: ${facts.caseNumber}`,
    '',
    'Logga ditt svar på kontaktkortet (e-post, samtal eller möte där personen nåddes) så stoppas klockan.',
    ...captureInstructions(facts),
  ].join('\n');
}

export function caseAssignedEmail(facts: CaseEmailFacts) {
  return {
    subject: `Ny inflyttarkontakt till ${unitDisplayName(facts.unit)} – svara senast ${formatSwedishDateTime(facts.firstReplyDueAt)}`,
    text: `En ny kontakt har kommit in och ska få ett första svar inom fem arbetsdagar.\n\n${caseSummary(facts)}`,
  };
}

export function caseFollowingEmail(facts: CaseEmailFacts) {
  return {
    subject: `För kännedom: inflyttarkontakt som nämner er kommun (regionen ansvarar)`,
    text: `Kontakten valde flera eller inga kommuner, så regionen ansvarar. Ni kan följa ärendet.\n\n${caseSummary(facts)}`,
  };
}

export function reminderEmail(facts: CaseEmailFacts) {
  return {
    subject: `Påminnelse: första svar senast ${formatSwedishDateTime(facts.firstReplyDueAt)}`,
    text: `Kontakten har ännu inte fått något första svar. En arbetsdag återstår.\n\n${caseSummary(facts)}`,
  };
}

export function escalationEmail(facts: CaseEmailFacts, level: 1 | 2) {
  const who = level === 1 ? 'ansvariga och regionens vägledare' : 'administratörer (andra eskaleringen)';
  return {
    subject: `FÖRSENAT (nivå ${level}): inget första svar till kontakt hos ${unitDisplayName(facts.unit)}`,
    text:
      `Tidsgränsen för första svar passerade ${formatSwedishDateTime(facts.firstReplyDueAt)} utan loggat svar. ` +
      `Det här meddelandet går till ${who}.\n\n${caseSummary(facts)}`,
  };
}

export function transferEmail(facts: CaseEmailFacts, fromUnit: UnitCode, note: string) {
  return {
    subject: `Överlämnat ärende från ${unitDisplayName(fromUnit)} till ${unitDisplayName(facts.unit)}`,
    text: `Ärendet har lämnats över till er. Tidsgränsen för första svar gäller fortfarande.\n\nNotering: ${note}\n\n${caseSummary(facts)}`,
  };
}
