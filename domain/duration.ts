// Durations as the settings write them ('21 days', '1 hour', '500ms'): one grammar for the
// config check, the workflows' timers and the activities' due dates.
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?)$/;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function durationToMs(duration: string): number {
  const match = DURATION_PATTERN.exec(duration.trim());
  if (!match) throw new RangeError(`not a duration: ${duration}`);
  const unit = match[2]!.startsWith('ms') || match[2]!.startsWith('milli') ? 'ms' : match[2]![0]!;
  return Number(match[1]) * UNIT_MS[unit]!;
}
