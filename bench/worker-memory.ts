// Worker memory with many open cases: N cases accepted over HTTP, each workflow left waiting
// on its (calendar) first-reply timers, with WORKER_MAX_CACHED_WORKFLOWS set explicitly.
// The worker runs in its own process, as `npm start` and production run it, so its
// resident memory is its own (the kernel's figures, /proc/<pid>/status), and it works
// beside the API instead of sharing its event loop. Reports that memory with one case (the
// baseline) and at checkpoints (a fifth, half and all of N by default), once that many
// cases are open and every workflow waits on its timers, with the kernel's high-water mark
// as the peak. Memory bounded by the cache, not by the number of cases, shows as flat
// checkpoints.
import { messageIdFor } from '../activities/mailer.js';
import { addCoordinator, addIntakeSource } from '../scripts/accounts.js';
import { startBenchEnvironment } from './support/environment.js';
import { readFile, writeFile } from 'node:fs/promises';
import { seedCasesOverHttp, startBenchProduct } from './support/product.js';
import { table, type BenchReport } from './support/results.js';

const CASES = Number(process.env.BENCH_OPEN_CASES ?? 10_000);
const CACHE = process.env.BENCH_MAX_CACHED_WORKFLOWS ?? '200';
const CHECKPOINTS = [
  ...new Set(
    (process.env.BENCH_OPEN_CASES_CHECKPOINTS ?? `${Math.round(CASES / 5)},${Math.round(CASES / 2)},${CASES}`)
      .split(',')
      .map(Number)
      .filter((value) => value > 0 && value <= CASES)
      .concat(CASES),
  ),
].sort((a, b) => a - b);
const CONCURRENCY = 16;
const MAX_UNSETTLED = Number(process.env.BENCH_OPEN_CASES_MAX_UNSETTLED ?? 100);

export const settings = {
  BENCH_OPEN_CASES: CASES,
  BENCH_OPEN_CASES_CHECKPOINTS: CHECKPOINTS.join(','),
  BENCH_OPEN_CASES_MAX_UNSETTLED: MAX_UNSETTLED,
  BENCH_MAX_CACHED_WORKFLOWS: CACHE,
};

interface Checkpoint {
  cases: number;
  open: number;
  settled: number;
  settledRss: number;
  peakRss: number;
  intakesPerSecond: number;
  seconds: number;
}

export async function run(): Promise<BenchReport> {
  const env = await startBenchEnvironment('worker-memory', { temporal: true });
  try {
    const product = await startBenchProduct(env, { worker: 'process', settings: { WORKER_MAX_CACHED_WORKFLOWS: CACHE } });
    const workerPid = product.workerPid()!;
    // Each case's assignment email goes to its unit: the last email its workflow sends
    // before it waits on its timers.
    await addCoordinator(product.db, { name: 'Åre', email: 'are@demo.inflyttarvagledning.local', unit: 'are', role: 'coordinator' });
    // Cases a guide types in (kind manual): the same workflow and activities as a web form's,
    // but the receipt activity sends the person nothing, so settling takes one email a case.
    const manual = await addIntakeSource(product.db, { name: 'Bench manual entry', kind: 'manual' });
    // Each case's assignment email, by Message-ID: pending until the sink has it.
    const pending = new Set<string>();
    const arrivedFirst = new Set<string>();
    let tracked = 0;
    let settled = 0;
    let scanned = 0;
    const settledCount = () => {
      for (const message of env.sink.messages.slice(scanned)) {
        if (pending.delete(message.messageId)) settled += 1;
        else arrivedFirst.add(message.messageId);
      }
      scanned = env.sink.messages.length;
      return settled;
    };
    const track = (caseId: string) => {
      const id = messageIdFor(`case:${caseId}:assigned`);
      tracked += 1;
      if (arrivedFirst.delete(id)) settled += 1;
      else pending.add(id);
    };
    const waitUntilSettled = async (count: number) => {
      const until = Date.now() + 900_000;
      while (Date.now() < until && settledCount() < count) await new Promise((resolve) => setTimeout(resolve, 500));
    };
    // At most MAX_UNSETTLED cases whose workflow has not yet sent its assignment email: the
    // intake waits for the worker rather than piling up a backlog of workflows that would
    // each be evicted from the cache and replayed before reaching their timers.
    const admit = async () => {
      while (tracked - settledCount() >= MAX_UNSETTLED) await new Promise((resolve) => setTimeout(resolve, 100));
    };

    const warm = await seedCasesOverHttp(product, 1, { concurrency: 1, key: manual.key, onCase: track });
    await waitUntilSettled(1);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const { rss: baseline } = await workerMemoryMb(workerPid);
    // The high-water mark starts here, not at the worker's start-up (bundling the workflows).
    await writeFile(`/proc/${workerPid}/clear_refs`, '5');

    const started = performance.now();
    let accepted = 0;
    let errors = warm.errors;
    let busy = 0;
    const checkpoints: Checkpoint[] = [];
    for (const target of CHECKPOINTS) {
      const phaseStarted = performance.now();
      const intakes = await seedCasesOverHttp(product, target - accepted, { concurrency: CONCURRENCY, key: manual.key, maxSeconds: 3600, onCase: track, admit });
      accepted += intakes.caseIds.length;
      errors += intakes.errors;
      busy += intakes.busy;
      // Every workflow has sent its assignment email once it waits on its timers.
      await waitUntilSettled(tracked);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const memory = await workerMemoryMb(workerPid);
      checkpoints.push({
        cases: accepted,
        open: await product.db.case.count({ where: { status: { not: 'closed' } } }),
        settled: settledCount(),
        settledRss: memory.rss,
        peakRss: memory.peak,
        intakesPerSecond: intakes.perSecond,
        seconds: (performance.now() - phaseStarted) / 1000,
      });
      console.log(`worker-memory: ${accepted} cases, ${memory.rss.toFixed(0)} MB, peak ${memory.peak.toFixed(0)} MB`);
    }
    const peak = Math.max(baseline, ...checkpoints.map((point) => point.peakRss));
    const seconds = (performance.now() - started) / 1000;
    const last = checkpoints.at(-1)!;
    await product.stop();

    const x = (value: number) => (value / baseline).toFixed(2);
    const body = [
      `${accepted} cases accepted over HTTP at concurrency ${CONCURRENCY} from a manual-entry source (${errors} errors, ${busy} answers 503 retried) in ${seconds.toFixed(0)} s, never more than ${MAX_UNSETTLED} of them waiting for their workflow's assignment email, and pausing at each checkpoint until every workflow had sent it; ${last.open} open cases in the database at the end. The worker in its own process at nice ${product.config.WORKER_NICE}, as \`npm start\` runs it, WORKER_MAX_CACHED_WORKFLOWS=${CACHE}. Its resident memory (VmRSS) 2 s after every workflow had settled, and its high-water mark since the baseline (VmHWM, reset through clear_refs) as the peak, from /proc/<pid>/status.`,
      '',
      table(
        ['moment', 'open cases', 'workflows settled', 'resident memory', '× baseline', 'peak so far', 'peak × baseline', 'intakes/s'],
        [
          ['baseline: worker running, one case', 1, 1, `${baseline.toFixed(0)} MB`, '1.00', `${baseline.toFixed(0)} MB`, '1.00', '–'],
          ...checkpoints.map((point) => [
            `${point.cases} cases waiting on timers`,
            point.open,
            point.settled,
            `${point.settledRss.toFixed(0)} MB`,
            x(point.settledRss),
            `${point.peakRss.toFixed(0)} MB`,
            x(point.peakRss),
            point.intakesPerSecond.toFixed(1),
          ]),
        ],
      ),
    ].join('\n');
    return {
      title: `Worker memory with ${last.open} open cases`,
      body,
      summary: [
        [
          `worker memory, ${last.open} open cases, cache ${CACHE}`,
          `${checkpoints.map((point) => `${point.cases}: ${point.settledRss.toFixed(0)} MB`).join(', ')}; peak ${peak.toFixed(0)} MB`,
          `${baseline.toFixed(0)} MB with one case`,
          `${checkpoints.map((point) => x(point.settledRss)).join(' / ')} (peak ${x(peak)})`,
          'bounded by the cache setting',
        ],
      ],
    };
  } finally {
    await env.stop();
  }
}

/** The worker process's resident memory now and its high-water mark, in MB, as the kernel counts them. */
async function workerMemoryMb(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kilobytes('VmRSS') / 1024, peak: kilobytes('VmHWM') / 1024 };
}
