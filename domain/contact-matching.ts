// MISSION.md §4.1 with issue 12, item 2: deduplicate by email, then by phone, but never
// join two people who share a phone (a family, a shared work phone) when they typed
// different emails, and never let a later form overwrite what the card holds.

export interface CardOnFile {
  id: string;
  email: string | null;
  phone: string | null;
}

export type ContactMatch =
  /** The card of this person: add the new case to it. */
  | { kind: 'same-card'; cardId: string; by: 'email' | 'phone' }
  /** Nobody known by these channels. */
  | { kind: 'new-card' }
  /** Someone else has the phone but another email: a new card, flagged for a coordinator to merge or not. */
  | { kind: 'possible-duplicate'; ofCardId: string };

/**
 * Email decides first. A phone match counts only when the emails do not conflict (one of
 * them is missing, or both are equal); `samePhone` is oldest first.
 */
export function matchContact(submitted: { email?: string; phone?: string }, sameEmail: CardOnFile | null, samePhone: CardOnFile[]): ContactMatch {
  if (sameEmail) return { kind: 'same-card', cardId: sameEmail.id, by: 'email' };
  if (!submitted.phone || samePhone.length === 0) return { kind: 'new-card' };
  const compatible = samePhone.find((card) => !card.email || !submitted.email || card.email === submitted.email);
  if (compatible) return { kind: 'same-card', cardId: compatible.id, by: 'phone' };
  return { kind: 'possible-duplicate', ofCardId: samePhone[0]!.id };
}

/** The fields a form can bring to a card, with the labels a coordinator reads on the timeline. */
export const CARD_FIELDS = {
  firstName: 'förnamn',
  lastName: 'efternamn',
  email: 'e-post',
  phone: 'telefon',
  preferredContactMethod: 'vill bli kontaktad per',
  householdAdults: 'vuxna i hushållet',
  householdChildren: 'barn i hushållet',
  currentLocation: 'bor nu i',
  moveTimeframe: 'vill flytta',
  language: 'språk',
} as const;
export type CardField = keyof typeof CARD_FIELDS;
export type CardValues = { [K in CardField]?: string | number | null };

export interface CardDifference {
  field: CardField;
  onCard: string | number;
  submitted: string | number;
}

/**
 * What a later form changes on an existing card: empty fields are filled; a value the
 * card already holds is kept, and the differing one is reported so that it is written
 * on the timeline instead of being dropped. The preferred contact method is the
 * exception: the person's latest wish wins (MISSION.md §3), and the change is reported too.
 */
export function mergeSubmission(card: CardValues, submitted: CardValues): { fill: CardValues; differences: CardDifference[] } {
  const fill: CardValues = {};
  const differences: CardDifference[] = [];
  for (const field of Object.keys(CARD_FIELDS) as CardField[]) {
    const next = submitted[field];
    if (next === undefined || next === null || next === '') continue;
    const current = card[field];
    if (current === undefined || current === null || current === '') {
      fill[field] = next;
    } else if (current !== next) {
      differences.push({ field, onCard: current, submitted: next });
      if (field === 'preferredContactMethod') fill[field] = next;
    }
  }
  return { fill, differences };
}

/** One line per difference, for the note on the timeline. */
export function describeDifferences(differences: CardDifference[]): string {
  return differences
    .map(({ field, onCard, submitted }) =>
      field === 'preferredContactMethod'
        ? `${CARD_FIELDS[field]}: ${submitted} (tidigare ${onCard})`
        : `${CARD_FIELDS[field]}: "${submitted}" (kortet har "${onCard}")`,
    )
    .join('\n');
}
