// The closed vocabularies of the product (MISSION.md §3, issue "Contact intake").

/** Guidance topics: the contact's interests. */
export const INTEREST_CODES = [
  'work',
  'recruitment',
  'networks',
  'remote-work',
  'business',
  'housing',
  'education',
  'leisure',
  'general',
] as const;
export type InterestCode = (typeof INTEREST_CODES)[number];

export const INTEREST_LABELS_SV: Record<InterestCode, string> = {
  work: 'Arbete – ingångar till framtida jobb',
  recruitment: 'Regionens rekryteringsföretag',
  networks: 'Professionella och sociala nätverk',
  'remote-work': 'Ta med jobbet (distansarbete)',
  business: 'Starta eller flytta företag',
  housing: 'Hitta bostad',
  education: 'Studier, skola och barnomsorg',
  leisure: 'Föreningsliv och fritid',
  general: 'Frågor om länet, en kommun eller en ort',
};

export const CONTACT_METHODS = ['email', 'phone'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const MOVE_STATUSES = ['considering', 'moved', 'moved-elsewhere', 'not-moving', 'unknown'] as const;
export type MoveStatus = (typeof MOVE_STATUSES)[number];

export const SOURCE_KINDS = ['tasteget', 'municipality-site', 'manual', 'import'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const ROLES = ['coordinator', 'regional', 'admin', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
/** Everyone who works with contacts and cases: every role but the decision makers' `viewer`. */
export const CASEWORK_ROLES = ['coordinator', 'regional', 'admin'] as const satisfies readonly Role[];
/** Decision makers (MISSION.md §1) read the figures and nothing else. */
export const FIGURE_READER_ROLES = ROLES;

export const ACTIVITY_TYPES = ['email', 'phone', 'meeting', 'note'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const DIRECTIONS = ['outbound', 'inbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const CALL_OUTCOMES = ['reached', 'no-answer'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** awaiting-reply → replied → closed; overdue is a separate flag (MISSION.md §4.5). */
export const CASE_STATUSES = ['awaiting-reply', 'replied', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const SLA_OUTCOMES = ['open', 'met', 'late'] as const;
export type SlaOutcome = (typeof SLA_OUTCOMES)[number];

export const NEWSLETTER_STATUSES = ['none', 'pending', 'subscribed', 'unsubscribed'] as const;
export type NewsletterStatus = (typeof NEWSLETTER_STATUSES)[number];
