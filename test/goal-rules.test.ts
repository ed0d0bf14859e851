// Pure rules behind goals and masked figures (issue 16).
import { describe, expect, it } from 'vitest';
import {
  figuresAsOf,
  goalPace,
  maskSmallCount,
  maskSmallGroupMedian,
  samePointLastYear,
  shareOfGoal,
  timeToMoveBand,
} from '../domain/goal-rules.js';

describe('goal pace', () => {
  it.each([
    // goal, year, as of, pace: goal × days passed (inclusive) ÷ days in the year
    [365, 2025, '2025-01-01', 1],
    [365, 2025, '2025-07-02', 183],
    [12, 2025, '2025-07-02', 6], // 12 × 183 / 365 = 6.016
    [100, 2025, '2025-12-31', 100],
    [366, 2024, '2024-02-29', 60], // leap year: 29 February is day 60 of 366
    [100, 2024, '2024-12-31', 100],
    [0, 2025, '2025-06-01', 0],
    [50, 2027, null, 0], // a year that has not begun
    [null, 2025, '2025-06-01', null], // no goal, no pace
  ] as const)('goal %s in %s as of %s → %s', (goal, year, asOf, pace) => {
    expect(goalPace(goal, year, asOf)).toBe(pace);
  });
});

describe('figures as of', () => {
  it.each([
    [2026, '2026-12-01', '2026-12-01'],
    [2025, '2026-12-01', '2025-12-31'],
    [2027, '2026-12-01', null],
  ] as const)('year %s seen on %s counts up to %s', (year, today, asOf) => {
    expect(figuresAsOf(year, today)).toBe(asOf);
  });

  it.each([
    ['2026-12-01', '2025-12-01'],
    ['2025-01-01', '2024-01-01'],
    ['2024-02-29', '2023-02-28'],
    ['2025-02-28', '2024-02-28'],
  ])('the same point a year before %s is %s', (date, lastYear) => {
    expect(samePointLastYear(date)).toBe(lastYear);
  });
});

describe('share of goal', () => {
  it.each([
    [5, 12, 0.4167],
    [12, 12, 1],
    [15, 10, 1.5],
    [0, 10, 0],
    [3, 0, null],
    [3, null, null],
  ] as const)('%s of %s → %s', (moves, goal, expected) => {
    expect(shareOfGoal(moves, goal)).toBe(expected);
  });
});

describe('masking small counts for viewers', () => {
  it.each([
    [0, 0],
    [1, '< 5'],
    [4, '< 5'],
    [5, 5],
    [120, 120],
  ] as const)('%s is shown as %s', (count, shown) => {
    expect(maskSmallCount(count)).toBe(shown);
  });

  it.each([
    [64, 3, '< 5'],
    [44, 5, 44],
    [null, 0, null],
    [null, 2, null],
  ] as const)('a median of %s over %s people is shown as %s', (median, groupSize, shown) => {
    expect(maskSmallGroupMedian(median, groupSize)).toBe(shown);
  });
});

describe('time from first contact to move', () => {
  it.each([
    [-3, '0-90'],
    [0, '0-90'],
    [90, '0-90'],
    [91, '91-180'],
    [365, '181-365'],
    [366, '366-730'],
    [731, 'over-730'],
  ] as const)('%s days fall in band %s', (days, band) => {
    expect(timeToMoveBand(days)).toBe(band);
  });
});
