// Pure input rules of issue 12: phone and email normalisation, one-line names, valid
// Unicode, date bounds and how a later form meets an existing card.
import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone } from '../domain/contact-channels.js';
import { matchContact, mergeSubmission } from '../domain/contact-matching.js';
import { eventInstantProblem, pastDateProblem, pastInstantProblem, periodDateProblem } from '../domain/date-bounds.js';
import { asOneLine, isAcceptableMultiLineText, isAcceptableSingleLineText, isWellFormedText } from '../domain/text-rules.js';

describe('normalizePhone (libphonenumber-js, Swedish by default)', () => {
  it.each([
    ['+46 (0)70 112 20 47', '+46701122047'],
    ['070-112 20 47', '+46701122047'],
    ['070 112 20 47', '+46701122047'],
    ['0701122047', '+46701122047'],
    ['+46701122047', '+46701122047'],
    ['0046 70 112 20 47', '+46701122047'],
    ['+46 70-112 20 47', '+46701122047'],
    ['(063) 14 30 00', '+4663143000'],
    ['063-14 30 00', '+4663143000'],
    ['+47 22 12 34 56', '+4722123456'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('%s → %s', (raw, normalized) => {
    expect(normalizePhone(raw)).toBe(normalized);
  });

  it.each(['call me maybe', '+4670123', '123', '12345678901234567890123', '070-112 20 47 ext. 5', '+46 70\n112 20 47'])('refuses %j', (raw) => {
    expect(normalizePhone(raw)).toBeUndefined();
  });
});

describe('normalizeEmail', () => {
  it.each([
    [' anna@example.se ', 'anna@example.se'],
    ['Anna.Berg@Example.SE', 'anna.berg@example.se'],
    ['åsa@exämple.se', 'åsa@exämple.se'],
    ['ÅSA@EXÄMPLE.SE', 'åsa@exämple.se'],
    ['åsa@xn--exmple-cua.se', 'åsa@exämple.se'],
    ['a+tag@sub.example.co.uk', 'a+tag@sub.example.co.uk'],
  ])('%j → %s', (raw, normalized) => {
    expect(normalizeEmail(raw)).toBe(normalized);
  });

  it.each(['anna@@example', 'anna@example', 'anna example@x.se', '.anna@x.se', 'an..na@x.se', 'anna@-x.se', 'anna@x.s', '"anna"@x.se', 'anna@x.se\nBcc: b@x.se', ''])(
    'refuses %j',
    (raw) => {
      expect(normalizeEmail(raw)).toBeUndefined();
    },
  );
});

describe('text rules', () => {
  it.each([
    ['Anna', true, true],
    ['Åsa Öberg-Ängel', true, true],
    ['Anna\nKontaktkort: http://evil.example/', false, true],
    ['Anna\r\nX', false, true],
    ['Anna\tBerg', false, true],
    ['An\u0000na', false, false],
    ['Anna\u2028Berg', false, true],
    ['Anna\u0085Berg', false, false],
    ['\ud800', false, false],
    ['a\udc00b', false, false],
    ['😀 emoji', true, true],
  ])('%j: one line %s, multi-line %s', (value, oneLine, multiLine) => {
    expect(isAcceptableSingleLineText(value)).toBe(oneLine);
    expect(isAcceptableMultiLineText(value)).toBe(multiLine);
  });

  it('tells a lone surrogate from a pair', () => {
    expect(isWellFormedText('😀')).toBe(true);
    expect(isWellFormedText('😀'.slice(0, 1))).toBe(false);
    expect(isWellFormedText('😀'.slice(1))).toBe(false);
  });

  it('flattens stored names to one line', () => {
    expect(asOneLine('Anna\nKontaktkort: http://evil.example/\r\n')).toBe('Anna Kontaktkort: http://evil.example/');
  });
});

describe('date bounds', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  it.each([
    ['0001-01-01', 'must be on or after 2000-01-01'],
    ['1999-12-31', 'must be on or after 2000-01-01'],
    ['2000-01-01', undefined],
    ['2026-12-01', undefined],
    ['2026-12-02', 'cannot be in the future'],
    ['9999-12-31', 'cannot be in the future'],
  ])('a move on %s: %s', (date, problem) => {
    expect(pastDateProblem(date, now)).toBe(problem);
  });

  it.each([
    ['0000-01-01', false],
    ['1999-12-31', false],
    ['2000-01-01', true],
    ['2100-12-31', true],
    ['2101-01-01', false],
  ])('a selection day %s is accepted: %s', (date, accepted) => {
    expect(periodDateProblem(date) === undefined).toBe(accepted);
  });

  it.each([
    ['2026-12-01T10:04:00Z', undefined],
    ['2026-12-01T10:10:00Z', 'cannot be in the future'],
    ['0001-01-01T00:00:00Z', 'must be on or after 2000-01-01'],
  ])('a past instant %s: %s', (instant, problem) => {
    expect(pastInstantProblem(instant, now)).toBe(problem);
  });

  it.each([
    ['2027-03-01T18:00:00+01:00', undefined],
    ['2026-11-30T18:00:00+01:00', 'the event is in the past'],
    ['2028-12-02T18:00:00+01:00', 'the event is more than 24 months ahead'],
    ['9999-12-31T18:00:00+01:00', 'the event is more than 24 months ahead'],
  ])('an invitation at %s: %s', (instant, problem) => {
    expect(eventInstantProblem(instant, now)).toBe(problem);
  });
});

describe('matchContact', () => {
  const anna = { id: 'anna', email: 'a@x.se', phone: '+46701122047' };
  const phoneOnly = { id: 'phone-only', email: null, phone: '+46701122047' };
  it.each([
    ['the same email', { email: 'a@x.se', phone: '+46709999999' }, anna, [], { kind: 'same-card', cardId: 'anna', by: 'email' }],
    ['the phone, no email typed', { phone: '+46701122047' }, null, [anna], { kind: 'same-card', cardId: 'anna', by: 'phone' }],
    ['the phone, the card has no email', { email: 'b@x.se', phone: '+46701122047' }, null, [phoneOnly], { kind: 'same-card', cardId: 'phone-only', by: 'phone' }],
    ['the phone, another email', { email: 'b@x.se', phone: '+46701122047' }, null, [anna], { kind: 'possible-duplicate', ofCardId: 'anna' }],
    ['the phone, a compatible card after a conflicting one', { email: 'b@x.se', phone: '+46701122047' }, null, [anna, phoneOnly], { kind: 'same-card', cardId: 'phone-only', by: 'phone' }],
    ['nothing', { email: 'c@x.se', phone: '+46700000001' }, null, [], { kind: 'new-card' }],
  ] as const)('by %s', (_case, submitted, sameEmail, samePhone, expected) => {
    expect(matchContact(submitted, sameEmail, [...samePhone])).toEqual(expected);
  });
});

describe('mergeSubmission', () => {
  it('fills empty fields, keeps held ones and reports each difference', () => {
    const card = { firstName: 'Anna', lastName: 'Berg', email: null, phone: '+46701122047', preferredContactMethod: 'phone', householdChildren: null };
    const submitted = { firstName: 'Bertil', lastName: 'Berg', email: 'b@x.se', phone: '+46701122047', preferredContactMethod: 'email', householdChildren: 2 };
    const { fill, differences } = mergeSubmission(card, submitted);
    expect(fill).toEqual({ email: 'b@x.se', householdChildren: 2, preferredContactMethod: 'email' });
    expect(differences).toEqual([
      { field: 'firstName', onCard: 'Anna', submitted: 'Bertil' },
      { field: 'preferredContactMethod', onCard: 'phone', submitted: 'email' },
    ]);
  });
});
