import { describe, it, expect } from 'vitest';
import { addWorkingDaysEndOfDay, easterSunday, firstReplyDueAt, isSwedishWorkingDay, isSwedishWorkingDayIso, swedishNonWorkingWeekdayHolidays, workingDaysBetween } from '../domain/working-days.js';
import { toStockholmIso } from '../domain/stockholm-time.js';

// All expectations below were counted by hand from a printed calendar, not
// produced by the code under test. Stockholm is +01:00 in winter and +02:00
// from the last Sunday of March to the last Sunday of October (switch 01:00Z).
// Key dates 2025–2030 (Easter / Good Friday / Easter Monday / Ascension / Midsummer Eve):
//   2025: 20 Apr / 18 Apr / 21 Apr / 29 May / 20 Jun   DST 30 Mar, 26 Oct
//   2026:  5 Apr /  3 Apr /  6 Apr / 14 May / 19 Jun   DST 29 Mar, 25 Oct
//   2027: 28 Mar / 26 Mar / 29 Mar /  6 May / 25 Jun   DST 28 Mar, 31 Oct
//   2028: 16 Apr / 14 Apr / 17 Apr / 25 May / 23 Jun   DST 26 Mar, 29 Oct
//   2029:  1 Apr / 30 Mar /  2 Apr / 10 May / 22 Jun   DST 25 Mar, 28 Oct
//   2030: 21 Apr / 19 Apr / 22 Apr / 30 May / 21 Jun   DST 31 Mar, 27 Oct

function expectInstant(actual: Date, expectedStockholmIso: string): void {
  expect(toStockholmIso(actual)).toBe(expectedStockholmIso);
  expect(actual.getTime()).toBe(Date.parse(expectedStockholmIso));
}

describe('easterSunday', () => {
  it.each([
    { year: 2019, expected: { year: 2019, month: 4, day: 21 } },
    { year: 2024, expected: { year: 2024, month: 3, day: 31 } },
    { year: 2025, expected: { year: 2025, month: 4, day: 20 } },
    { year: 2026, expected: { year: 2026, month: 4, day: 5 } },
    { year: 2027, expected: { year: 2027, month: 3, day: 28 } },
    { year: 2028, expected: { year: 2028, month: 4, day: 16 } },
    { year: 2029, expected: { year: 2029, month: 4, day: 1 } },
    { year: 2030, expected: { year: 2030, month: 4, day: 21 } },
    // 25 April is the latest possible Easter date.
    { year: 2038, expected: { year: 2038, month: 4, day: 25 } },
  ])('falls on the Gregorian Easter Sunday of $year', ({ year, expected }) => {
    expect(easterSunday(year)).toEqual(expected);
  });
});

describe('swedishNonWorkingWeekdayHolidays', () => {
  it('lists every holiday and non-worked eve of 2026 in date order', () => {
    expect(swedishNonWorkingWeekdayHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'nyårsdagen' },
      { date: '2026-01-06', name: 'trettondedag jul' },
      { date: '2026-04-03', name: 'långfredagen' },
      { date: '2026-04-06', name: 'annandag påsk' },
      { date: '2026-05-01', name: 'första maj' },
      { date: '2026-05-14', name: 'Kristi himmelsfärdsdag' },
      { date: '2026-06-06', name: 'nationaldagen' },
      { date: '2026-06-19', name: 'midsommarafton' },
      { date: '2026-12-24', name: 'julafton' },
      { date: '2026-12-25', name: 'juldagen' },
      { date: '2026-12-26', name: 'annandag jul' },
      { date: '2026-12-31', name: 'nyårsafton' },
    ]);
  });

  it.each([
    { year: 2025, goodFriday: '2025-04-18', easterMonday: '2025-04-21', ascension: '2025-05-29', midsummerEve: '2025-06-20' },
    { year: 2026, goodFriday: '2026-04-03', easterMonday: '2026-04-06', ascension: '2026-05-14', midsummerEve: '2026-06-19' },
    { year: 2027, goodFriday: '2027-03-26', easterMonday: '2027-03-29', ascension: '2027-05-06', midsummerEve: '2027-06-25' },
    { year: 2028, goodFriday: '2028-04-14', easterMonday: '2028-04-17', ascension: '2028-05-25', midsummerEve: '2028-06-23' },
    { year: 2029, goodFriday: '2029-03-30', easterMonday: '2029-04-02', ascension: '2029-05-10', midsummerEve: '2029-06-22' },
    { year: 2030, goodFriday: '2030-04-19', easterMonday: '2030-04-22', ascension: '2030-05-30', midsummerEve: '2030-06-21' },
  ])('places the movable days of $year on the right dates', ({ year, goodFriday, easterMonday, ascension, midsummerEve }) => {
    const dateOf = (name: string) =>
      swedishNonWorkingWeekdayHolidays(year).find((holiday) => holiday.name === name)?.date;
    expect(dateOf('långfredagen')).toBe(goodFriday);
    expect(dateOf('annandag påsk')).toBe(easterMonday);
    expect(dateOf('Kristi himmelsfärdsdag')).toBe(ascension);
    expect(dateOf('midsommarafton')).toBe(midsummerEve);
  });

  it.each([2025, 2026, 2027, 2028, 2029, 2030])('lists twelve days of %i, sorted, all within the year', (year) => {
    const dates = swedishNonWorkingWeekdayHolidays(year).map((holiday) => holiday.date);
    expect(dates).toHaveLength(12);
    expect([...dates].sort()).toEqual(dates);
    expect(dates.every((date) => date.startsWith(`${year}-`))).toBe(true);
  });
});

describe('isSwedishWorkingDay', () => {
  it.each([
    // Fixed holidays and eves on weekdays.
    { date: '2025-01-01', expected: false }, // nyårsdagen, Wednesday
    { date: '2025-01-06', expected: false }, // trettondedag jul, Monday
    { date: '2025-05-01', expected: false }, // första maj, Thursday
    { date: '2025-06-06', expected: false }, // nationaldagen, Friday
    { date: '2025-12-24', expected: false }, // julafton, Wednesday
    { date: '2025-12-25', expected: false }, // juldagen, Thursday
    { date: '2025-12-26', expected: false }, // annandag jul, Friday
    { date: '2025-12-31', expected: false }, // nyårsafton, Wednesday
    { date: '2028-12-25', expected: false }, // juldagen, Monday
    { date: '2028-12-26', expected: false }, // annandag jul, Tuesday
    { date: '2029-01-01', expected: false }, // nyårsdagen, Monday
    { date: '2030-12-31', expected: false }, // nyårsafton, Tuesday
    // Easter-derived holidays and Midsummer Eve.
    { date: '2025-04-18', expected: false }, // långfredagen
    { date: '2025-04-21', expected: false }, // annandag påsk
    { date: '2025-05-29', expected: false }, // Kristi himmelsfärdsdag
    { date: '2025-06-20', expected: false }, // midsommarafton
    { date: '2027-03-26', expected: false }, // långfredagen
    { date: '2027-03-29', expected: false }, // annandag påsk
    { date: '2029-03-30', expected: false }, // långfredagen in March
    { date: '2029-04-02', expected: false }, // annandag påsk
    { date: '2030-05-30', expected: false }, // Kristi himmelsfärdsdag
    { date: '2030-06-21', expected: false }, // midsommarafton
    // Weekends, including weekend holidays.
    { date: '2026-03-07', expected: false }, // Saturday
    { date: '2026-03-08', expected: false }, // Sunday
    { date: '2026-04-05', expected: false }, // påskdagen, Sunday
    { date: '2026-06-20', expected: false }, // midsommardagen, Saturday
    // Ordinary weekdays, including days people often take off but that are worked.
    { date: '2026-03-09', expected: true }, // plain Monday
    { date: '2026-04-02', expected: true }, // skärtorsdagen is a working day
    { date: '2026-04-30', expected: true }, // valborgsmässoafton is a working day
    { date: '2026-05-15', expected: true }, // Friday after Ascension (klämdag) is worked
    { date: '2026-01-05', expected: true }, // trettondagsafton is a working day
    { date: '2026-06-18', expected: true }, // day before Midsummer Eve
    { date: '2025-12-23', expected: true }, // day before julafton
    // Sweden has no substitute days for holidays that fall on weekends.
    { date: '2026-06-08', expected: true }, // Monday after nationaldagen on Saturday 6 June
    { date: '2027-12-27', expected: true }, // Monday after juldagen/annandag jul on the weekend
    { date: '2028-01-03', expected: true }, // Monday after nyårsdagen on Saturday
  ])('treats $date as working day: $expected', ({ date, expected }) => {
    expect(isSwedishWorkingDayIso(date)).toBe(expected);
  });

  it('accepts a calendar date object', () => {
    expect(isSwedishWorkingDay({ year: 2026, month: 12, day: 24 })).toBe(false);
    expect(isSwedishWorkingDay({ year: 2026, month: 12, day: 22 })).toBe(true);
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', ''])('rejects the malformed ISO date %j', (date) => {
    expect(() => isSwedishWorkingDayIso(date)).toThrow(RangeError);
  });
});

describe('firstReplyDueAt', () => {
  it.each([
    // Mission example: 22(1) 23(2), 24–27 julafton/juldagen/weekend, 28(3) 29(4) 30(5).
    { receivedAt: '2026-12-21T09:00:00+01:00', due: '2026-12-30T23:59:59+01:00' },

    // Ordinary weeks; the receipt day never counts, whatever the time.
    // Mon 2 Mar: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9.
    { receivedAt: '2026-03-02T10:00:00+01:00', due: '2026-03-09T23:59:59+01:00' },
    // Same Monday at the first second of the day.
    { receivedAt: '2026-03-02T00:00:00+01:00', due: '2026-03-09T23:59:59+01:00' },
    // Same Monday at the last second of the day.
    { receivedAt: '2026-03-02T23:59:59+01:00', due: '2026-03-09T23:59:59+01:00' },
    // Fri 6 Mar: Mon 9 … Fri 13.
    { receivedAt: '2026-03-06T15:00:00+01:00', due: '2026-03-13T23:59:59+01:00' },

    // Receipt on a weekend: counting starts on Monday.
    // Sat 7 Mar: Mon 9 … Fri 13.
    { receivedAt: '2026-03-07T12:00:00+01:00', due: '2026-03-13T23:59:59+01:00' },
    // Sun 8 Mar: Mon 9 … Fri 13.
    { receivedAt: '2026-03-08T20:00:00+01:00', due: '2026-03-13T23:59:59+01:00' },

    // Late-night receipt where the UTC date is the day before the Stockholm date.
    // 23:30Z Tue 10 Mar = 00:30 Wed 11 Mar: Thu 12, Fri 13, Mon 16, Tue 17, Wed 18 (UTC day would give 17).
    { receivedAt: '2026-03-10T23:30:00Z', due: '2026-03-18T23:59:59+01:00' },
    // 22:59:59Z Tue 10 Mar is still Tue 10 in Stockholm: Wed 11 … Tue 17.
    { receivedAt: '2026-03-10T22:59:59Z', due: '2026-03-17T23:59:59+01:00' },
    // 23:10Z Sun 11 Jan = 00:10 Mon 12 Jan: Tue 13 … Fri 16, Mon 19 (UTC day would give 16).
    { receivedAt: '2026-01-11T23:10:00Z', due: '2026-01-19T23:59:59+01:00' },
    // 22:30Z Thu 4 Jun = 00:30 CEST Fri 5 Jun: Mon 8 … Fri 12 (UTC day would give 11); 6 Jun is a Saturday.
    { receivedAt: '2026-06-04T22:30:00Z', due: '2026-06-12T23:59:59+02:00' },
    // 22:30Z Thu 26 Oct 2028 = 00:30 CEST Fri 27 Oct: Mon 30, Tue 31, Wed 1, Thu 2, Fri 3 Nov, after DST end.
    { receivedAt: '2028-10-26T22:30:00Z', due: '2028-11-03T23:59:59+01:00' },

    // Easter, one row per year.
    // 2025, Thu 17 Apr: 18 långfredagen, weekend, 21 annandag påsk; Tue 22, 23, 24, 25, Mon 28.
    { receivedAt: '2025-04-17T10:00:00+02:00', due: '2025-04-28T23:59:59+02:00' },
    // 2026, Wed 1 Apr: Thu 2(1), 3 långfredagen, weekend, 6 annandag påsk, Tue 7, 8, 9, Fri 10.
    { receivedAt: '2026-04-01T10:00:00+02:00', due: '2026-04-10T23:59:59+02:00' },
    // 2026, on påskdagen Sun 5 Apr: 6 annandag påsk; Tue 7, 8, 9, 10, Mon 13.
    { receivedAt: '2026-04-05T11:00:00+02:00', due: '2026-04-13T23:59:59+02:00' },
    // 2027, Thu 25 Mar (CET): 26 långfredagen, 27–28 weekend and DST start, 29 annandag påsk; Tue 30, 31, Thu 1, Fri 2, Mon 5 Apr (CEST).
    { receivedAt: '2027-03-25T14:00:00+01:00', due: '2027-04-05T23:59:59+02:00' },
    // 2028, on långfredagen Fri 14 Apr: weekend, 17 annandag påsk; Tue 18, 19, 20, 21, Mon 24.
    { receivedAt: '2028-04-14T10:00:00+02:00', due: '2028-04-24T23:59:59+02:00' },
    // 2029, Mon 26 Mar: Tue 27, 28, 29, 30 långfredagen, weekend, 2 Apr annandag påsk, Tue 3, Wed 4.
    { receivedAt: '2029-03-26T09:00:00+02:00', due: '2029-04-04T23:59:59+02:00' },
    // 2030, on annandag påsk Mon 22 Apr: Tue 23, 24, 25, 26, Mon 29.
    { receivedAt: '2030-04-22T08:00:00+02:00', due: '2030-04-29T23:59:59+02:00' },

    // Ascension (Thursday), one row per year.
    // 2025, Mon 26 May: Tue 27, Wed 28, 29 skipped, Fri 30, Mon 2 Jun, Tue 3.
    { receivedAt: '2025-05-26T10:00:00+02:00', due: '2025-06-03T23:59:59+02:00' },
    // 2026, Tue 12 May: Wed 13, 14 skipped, Fri 15, Mon 18, 19, Wed 20.
    { receivedAt: '2026-05-12T10:00:00+02:00', due: '2026-05-20T23:59:59+02:00' },
    // 2027, Thu 29 Apr: Fri 30, 1 May is Saturday, Mon 3, 4, 5, 6 skipped, Fri 7.
    { receivedAt: '2027-04-29T10:00:00+02:00', due: '2027-05-07T23:59:59+02:00' },
    // 2028, Mon 22 May: Tue 23, Wed 24, 25 skipped, Fri 26, Mon 29, Tue 30.
    { receivedAt: '2028-05-22T10:00:00+02:00', due: '2028-05-30T23:59:59+02:00' },
    // 2029, Fri 4 May: Mon 7, 8, 9, 10 skipped, Fri 11, Mon 14.
    { receivedAt: '2029-05-04T10:00:00+02:00', due: '2029-05-14T23:59:59+02:00' },
    // 2030, Wed 29 May: 30 skipped, Fri 31, Mon 3, 4, 5, Thu 6 nationaldagen skipped, Fri 7 Jun.
    { receivedAt: '2030-05-29T10:00:00+02:00', due: '2030-06-07T23:59:59+02:00' },

    // Första maj and nationaldagen.
    // 2028, Fri 28 Apr: weekend, Mon 1 May skipped, Tue 2, 3, 4, 5, Mon 8.
    { receivedAt: '2028-04-28T10:00:00+02:00', due: '2028-05-08T23:59:59+02:00' },
    // 2029, Mon 30 Apr: Tue 1 May skipped, Wed 2, 3, 4, Mon 7, Tue 8.
    { receivedAt: '2029-04-30T10:00:00+02:00', due: '2029-05-08T23:59:59+02:00' },
    // 2025, Tue 3 Jun: Wed 4, Thu 5, Fri 6 skipped, Mon 9, 10, Wed 11.
    { receivedAt: '2025-06-03T10:00:00+02:00', due: '2025-06-11T23:59:59+02:00' },
    // 2028, Fri 2 Jun: Mon 5, Tue 6 skipped, Wed 7, 8, 9, Mon 12.
    { receivedAt: '2028-06-02T10:00:00+02:00', due: '2028-06-12T23:59:59+02:00' },
    // 2026, Wed 3 Jun: nationaldagen is Saturday 6 Jun, no substitute; Thu 4, Fri 5, Mon 8, 9, Wed 10.
    { receivedAt: '2026-06-03T10:00:00+02:00', due: '2026-06-10T23:59:59+02:00' },

    // Midsummer Eve (Friday 19–25 June), one row per year.
    // 2025, Tue 17 Jun: Wed 18, Thu 19, Fri 20 skipped, Mon 23, 24, Wed 25.
    { receivedAt: '2025-06-17T10:00:00+02:00', due: '2025-06-25T23:59:59+02:00' },
    // 2026, Mon 15 Jun: Tue 16, 17, 18, Fri 19 skipped, Mon 22, Tue 23.
    { receivedAt: '2026-06-15T10:00:00+02:00', due: '2026-06-23T23:59:59+02:00' },
    // 2027, Fri 18 Jun: Mon 21, 22, 23, 24, Fri 25 skipped, Mon 28.
    { receivedAt: '2027-06-18T10:00:00+02:00', due: '2027-06-28T23:59:59+02:00' },
    // 2028, Thu 22 Jun: Fri 23 skipped, Mon 26, 27, 28, 29, Fri 30.
    { receivedAt: '2028-06-22T10:00:00+02:00', due: '2028-06-30T23:59:59+02:00' },
    // 2029, on midsommarafton Fri 22 Jun: Mon 25 … Fri 29.
    { receivedAt: '2029-06-22T10:00:00+02:00', due: '2029-06-29T23:59:59+02:00' },
    // 2030, Wed 19 Jun: Thu 20, Fri 21 skipped, Mon 24, 25, 26, Thu 27.
    { receivedAt: '2030-06-19T10:00:00+02:00', due: '2030-06-27T23:59:59+02:00' },

    // Christmas and New Year, one row per year plus trettondedag jul.
    // 2025, Mon 22 Dec: Tue 23, 24–28 skipped, Mon 29, Tue 30, 31 and 1 Jan skipped, Fri 2, Mon 5 Jan.
    { receivedAt: '2025-12-22T10:00:00+01:00', due: '2026-01-05T23:59:59+01:00' },
    // 2026, Fri 2 Jan: Mon 5, Tue 6 trettondedag jul skipped, Wed 7, 8, 9, Mon 12.
    { receivedAt: '2026-01-02T10:00:00+01:00', due: '2026-01-12T23:59:59+01:00' },
    // 2026, Wed 23 Dec: 24–27 skipped, Mon 28, Tue 29, Wed 30, 31 and 1 Jan skipped, Mon 4, Tue 5 Jan.
    { receivedAt: '2026-12-23T10:00:00+01:00', due: '2027-01-05T23:59:59+01:00' },
    // 2027, Mon 4 Jan: Tue 5, Wed 6 skipped, Thu 7, Fri 8, Mon 11, Tue 12.
    { receivedAt: '2027-01-04T10:00:00+01:00', due: '2027-01-12T23:59:59+01:00' },
    // 2027, Tue 21 Dec: Wed 22, Thu 23, Fri 24 skipped, juldagen/annandag on the weekend, Mon 27, 28, Wed 29.
    { receivedAt: '2027-12-21T10:00:00+01:00', due: '2027-12-29T23:59:59+01:00' },
    // 23:30Z Fri 31 Dec 2027 = 00:30 Sat 1 Jan 2028: Mon 3, 4, 5, Thu 6 skipped, Fri 7, Mon 10.
    { receivedAt: '2027-12-31T23:30:00Z', due: '2028-01-10T23:59:59+01:00' },
    // 2028, Fri 22 Dec: weekend (24 Sun), Mon 25, Tue 26 skipped, Wed 27, 28, 29, 31 Sun, Mon 1 Jan skipped, Tue 2, Wed 3.
    { receivedAt: '2028-12-22T10:00:00+01:00', due: '2029-01-03T23:59:59+01:00' },
    // 2029, Fri 21 Dec: Mon 24, 25, 26 skipped, Thu 27, Fri 28, Mon 31 and Tue 1 Jan skipped, Wed 2, 3, Fri 4.
    { receivedAt: '2029-12-21T10:00:00+01:00', due: '2030-01-04T23:59:59+01:00' },
    // On nyårsdagen Tue 1 Jan 2030: Wed 2, 3, 4, Mon 7 (6 Jan is Sunday), Tue 8.
    { receivedAt: '2030-01-01T00:05:00+01:00', due: '2030-01-08T23:59:59+01:00' },
    // On julafton Tue 24 Dec 2030: 25, 26 skipped, Fri 27, Mon 30, 31 and 1 Jan skipped, Thu 2, Fri 3, Mon 6 skipped, Tue 7.
    { receivedAt: '2030-12-24T10:00:00+01:00', due: '2031-01-07T23:59:59+01:00' },
    // 2030, Mon 30 Dec: 31 and 1 Jan skipped, Thu 2, Fri 3, Mon 6 trettondedag skipped, Tue 7, 8, Thu 9.
    { receivedAt: '2030-12-30T10:00:00+01:00', due: '2031-01-09T23:59:59+01:00' },

    // DST: received in one offset, due in the other.
    // 2025, Mon 24 Mar: Tue 25, 26, 27, 28, Mon 31 — after DST start on 30 Mar.
    { receivedAt: '2025-03-24T10:00:00+01:00', due: '2025-03-31T23:59:59+02:00' },
    // 23:30Z Sat 29 Mar 2025 = 00:30 CET Sun 30 Mar (before the 01:00Z switch): Mon 31 … Fri 4 Apr.
    { receivedAt: '2025-03-29T23:30:00Z', due: '2025-04-04T23:59:59+02:00' },
    // 2026, Fri 27 Mar: Mon 30, 31, 1, 2, Fri 3 and Mon 6 skipped (Easter), Tue 7.
    { receivedAt: '2026-03-27T10:00:00+01:00', due: '2026-04-07T23:59:59+02:00' },
    // 01:30Z Sun 29 Mar 2026 = 03:30 CEST, the night of the switch: same count as above.
    { receivedAt: '2026-03-29T01:30:00Z', due: '2026-04-07T23:59:59+02:00' },
    // 00:30Z Sun 26 Oct 2025 = 02:30 CEST, the first 02:30 of the repeated hour: Mon 27 … Fri 31.
    { receivedAt: '2025-10-26T00:30:00Z', due: '2025-10-31T23:59:59+01:00' },
    // 2026, Wed 21 Oct: Thu 22, Fri 23, Mon 26, 27, Wed 28 — after DST end on 25 Oct.
    { receivedAt: '2026-10-21T10:00:00+02:00', due: '2026-10-28T23:59:59+01:00' },
    // 2028, Tue 24 Oct: Wed 25, 26, 27, Mon 30, Tue 31 — after DST end on 29 Oct.
    { receivedAt: '2028-10-24T14:00:00+02:00', due: '2028-10-31T23:59:59+01:00' },
  ])('received $receivedAt is due $due', ({ receivedAt, due }) => {
    expectInstant(firstReplyDueAt(new Date(receivedAt)), due);
  });

  it('rejects an invalid receipt date', () => {
    expect(() => firstReplyDueAt(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('addWorkingDaysEndOfDay', () => {
  it.each([
    // Reminder (4) for the mission example: 22, 23, 28, 29.
    { receivedAt: '2026-12-21T09:00:00+01:00', workingDays: 4, due: '2026-12-29T23:59:59+01:00' },
    // Escalation (10) for the mission example: 22, 23, 28, 29, 30, 31 and 1 Jan skipped, 4, 5, 6 skipped, 7, 8, 11.
    { receivedAt: '2026-12-21T09:00:00+01:00', workingDays: 10, due: '2027-01-11T23:59:59+01:00' },
    // 10 in an ordinary fortnight from Mon 2 Mar: 3, 4, 5, 6, 9, 10, 11, 12, 13, 16.
    { receivedAt: '2026-03-02T10:00:00+01:00', workingDays: 10, due: '2026-03-16T23:59:59+01:00' },
    // 10 across DST start and Easter 2029 from Fri 23 Mar: 26, 27, 28, 29, (30, 2 skipped) 3, 4, 5, 6, 9, 10 Apr.
    { receivedAt: '2029-03-23T10:00:00+01:00', workingDays: 10, due: '2029-04-10T23:59:59+02:00' },
    // 4 after Easter 2025 from Thu 17 Apr: (18, 21 skipped) 22, 23, 24, 25.
    { receivedAt: '2025-04-17T10:00:00+02:00', workingDays: 4, due: '2025-04-25T23:59:59+02:00' },
    // 1 from Thu 18 Jun 2026: Fri 19 midsommarafton skipped, Mon 22.
    { receivedAt: '2026-06-18T10:00:00+02:00', workingDays: 1, due: '2026-06-22T23:59:59+02:00' },
  ])('$workingDays working days after $receivedAt ends at $due', ({ receivedAt, workingDays, due }) => {
    expectInstant(addWorkingDaysEndOfDay(new Date(receivedAt), workingDays), due);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects %d working days', (workingDays) => {
    expect(() => addWorkingDaysEndOfDay(new Date('2026-03-02T10:00:00+01:00'), workingDays)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    { from: '2026-03-02T10:00:00+01:00', to: '2026-03-02T10:00:00+01:00', expected: 0 }, // same instant
    { from: '2026-03-02T08:00:00+01:00', to: '2026-03-02T17:00:00+01:00', expected: 0 }, // same local day
    { from: '2026-03-09T10:00:00+01:00', to: '2026-03-02T10:00:00+01:00', expected: 0 }, // to before from
    { from: '2026-03-02T10:00:00+01:00', to: '2026-03-03T09:00:00+01:00', expected: 1 }, // Mon → Tue
    { from: '2026-03-06T10:00:00+01:00', to: '2026-03-07T10:00:00+01:00', expected: 0 }, // Fri → Sat
    { from: '2026-03-06T10:00:00+01:00', to: '2026-03-09T10:00:00+01:00', expected: 1 }, // Fri → Mon
    { from: '2026-03-07T10:00:00+01:00', to: '2026-03-09T10:00:00+01:00', expected: 1 }, // Sat → Mon
    // Mission example: a reply at the deadline took exactly five working days.
    { from: '2026-12-21T09:00:00+01:00', to: '2026-12-30T23:59:59+01:00', expected: 5 },
    // Nyårsafton is not counted: still 5 on Thu 31 Dec.
    { from: '2026-12-21T09:00:00+01:00', to: '2026-12-31T12:00:00+01:00', expected: 5 },
    // 22, 23, 28, 29, 30, 4 Jan.
    { from: '2026-12-21T09:00:00+01:00', to: '2027-01-04T12:00:00+01:00', expected: 6 },
    // Both are Wed 11 Mar in Stockholm although the UTC dates differ.
    { from: '2026-03-10T23:30:00Z', to: '2026-03-11T10:00:00Z', expected: 0 },
    // Tue 10 Mar → 23:30Z, which is already Wed 11 in Stockholm.
    { from: '2026-03-10T10:00:00Z', to: '2026-03-10T23:30:00Z', expected: 1 },
    // Wed 1 Apr → Tue 7 Apr 2026: Thu 2, (3 and 6 skipped) Tue 7.
    { from: '2026-04-01T10:00:00+02:00', to: '2026-04-07T10:00:00+02:00', expected: 2 },
    // Thu 18 Jun → Mon 22 Jun 2026: midsommarafton skipped.
    { from: '2026-06-18T10:00:00+02:00', to: '2026-06-22T10:00:00+02:00', expected: 1 },
    // Fri 23 Oct → Mon 26 Oct 2026, across DST end.
    { from: '2026-10-23T10:00:00+02:00', to: '2026-10-26T10:00:00+01:00', expected: 1 },
  ])('counts $expected working days from $from to $to', ({ from, to, expected }) => {
    expect(workingDaysBetween(new Date(from), new Date(to))).toBe(expected);
  });

  it.each([
    '2026-12-21T09:00:00+01:00',
    '2026-03-10T23:30:00Z',
    '2027-03-25T14:00:00+01:00',
    '2029-12-21T10:00:00+01:00',
    '2030-05-29T10:00:00+02:00',
  ])('agrees with the deadline: receipt %s to its first-reply deadline is 5', (receivedAt) => {
    const received = new Date(receivedAt);
    expect(workingDaysBetween(received, firstReplyDueAt(received))).toBe(5);
  });
});
