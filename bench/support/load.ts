// Load drivers with bounds in count and time: a closed loop keeps `concurrency` requests
// in flight until either bound is reached.
import v8 from 'node:v8';
import vm from 'node:vm';

export interface LoadFigures {
  concurrency: number;
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function closedLoop(
  concurrency: number,
  bounds: { maxRequests: number; maxSeconds: number },
  work: (index: number) => Promise<unknown>,
): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + bounds.maxSeconds * 1000;
  async function lane() {
    while (next < bounds.maxRequests && performance.now() < deadline) {
      const index = next++;
      const t0 = performance.now();
      try {
        await work(index);
        latencies.push(performance.now() - t0);
      } catch {
        errors += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  return figures(concurrency, latencies, errors, (performance.now() - started) / 1000);
}

/**
 * An open loop: one request every 1/rate s for `seconds`, whether or not earlier ones have
 * been answered, so a slow answer delays no later request (as with people sending forms).
 * `concurrency` in the result is the most requests that were in flight at once.
 */
export async function openLoop(rate: number, seconds: number, work: (index: number) => Promise<unknown>): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  const started = performance.now();
  const sent: Array<Promise<void>> = [];
  for (let index = 0; index < Math.round(rate * seconds); index++) {
    const dueAt = started + (index * 1000) / rate;
    const wait = dueAt - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    const t0 = performance.now();
    sent.push(
      work(index).then(
        () => void latencies.push(performance.now() - t0),
        () => void (errors += 1),
      ).finally(() => void (inFlight -= 1)),
    );
  }
  await Promise.all(sent);
  return figures(mostInFlight, latencies, errors, (performance.now() - started) / 1000);
}

function figures(concurrency: number, latencies: number[], errors: number, seconds: number): LoadFigures {
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    requests: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? Number.NaN,
  };
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : '–');
export const ratio = (value: number, baseline: number) => (baseline > 0 ? (value / baseline).toFixed(2) : '–');

/**
 * The pause a well-behaved client takes after a 503: what Retry-After says, capped at
 * 100–300 ms so that a benchmark keeps probing rather than idling whole seconds.
 */
export function pauseAsRetryAfterSays(response: Response) {
  const retryAfterMs = Number(response.headers.get('retry-after') ?? 1) * 1000;
  return new Promise((resolve) => setTimeout(resolve, Math.min(retryAfterMs, 100 + Math.random() * 200)));
}

let gcFunction: (() => void) | undefined;
/** A full garbage collection, also without `--expose-gc` (tsx starts Node without it). */
export function collectGarbage() {
  if (!gcFunction) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) gcFunction = exposed;
    else {
      v8.setFlagsFromString('--expose-gc');
      gcFunction = vm.runInNewContext('gc') as () => void;
    }
  }
  gcFunction();
}

