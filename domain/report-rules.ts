// Pure arithmetic behind the figures for decision makers (MISSION.md §8).

/** Middle value, or the mean of the two middle values; null when there is nothing to measure. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const SHARE_DECIMALS = 4;

/**
 * part / whole rounded to four decimals (0.6667), enough for a percentage with two
 * decimals; null when the whole is zero, because "no measurable cases" is not 0 %.
 */
export function share(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  const factor = 10 ** SHARE_DECIMALS;
  return Math.round((part / whole) * factor) / factor;
}

export interface AxisScale {
  max: number;
  step: number;
}

/**
 * A value axis that ends on a round number (1, 2 or 5 times a power of ten per step),
 * with about `targetTicks` steps. Counts never get fractional steps.
 */
export function niceAxisScale(largestValue: number, targetTicks = 5): AxisScale {
  if (!(largestValue > 0)) return { max: 1, step: 1 };
  const roughStep = largestValue / targetTicks;
  const magnitude = 10 ** Math.floor(Math.log10(roughStep));
  const multiplier = [1, 2, 5, 10].find((candidate) => candidate * magnitude >= roughStep) ?? 10;
  const step = Math.max(1, multiplier * magnitude);
  return { max: Math.ceil(largestValue / step) * step, step };
}
