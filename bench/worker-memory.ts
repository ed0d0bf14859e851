// Worker memory with many open cases: N cases accepted over HTTP, each workflow left waiting
// on its (calendar) first-reply timers, with WORKER_MAX_CACHED_WORKFLOWS set explicitly.
// Reports the process's resident memory before the first case (the baseline), and at
// checkpoints (a fifth, half and all of N by default): once that many cases are open and
// every workflow waits on its timers, after a garbage collection, with the peak on the way.
// Memory bounded by the cache, not by the number of cases, shows as flat checkpoints.
import { messageIdFor } from '../activities/mailer.js';
import { addCoordinator, addIntakeSource } from '../scripts/accounts.js';
import { startBenchEnvironment } from './support/environment.js';
import { collectGarbage, rssMb } from './support/load.js';
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
    const product = await startBenchProduct(env, { settings: { WORKER_MAX_CACHED_WORKFLOWS: CACHE } });
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
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    collectGarbage();
    const baseline = rssMb();
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb());
    }, 50);

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
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      collectGarbage();
      checkpoints.push({
        cases: accepted,
        open: await product.db.case.count({ where: { status: { not: 'closed' } } }),
        settled: settledCount(),
        settledRss: rssMb(),
        peakRss: peak,
        intakesPerSecond: intakes.perSecond,
        seconds: (performance.now() - phaseStarted) / 1000,
      });
      console.log(`worker-memory: ${accepted} cases, ${rssMb().toFixed(0)} MB, peak ${peak.toFixed(0)} MB`);
    }
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    const last = checkpoints.at(-1)!;
    await product.stop();

    const x = (value: number) => (value / baseline).toFixed(2);
    const body = [
      `${accepted} cases accepted over HTTP at concurrency ${CONCURRENCY} from a manual-entry source (${errors} errors, ${busy} answers 503 retried) in ${seconds.toFixed(0)} s, never more than ${MAX_UNSETTLED} of them waiting for their workflow's assignment email, and pausing at each checkpoint until every workflow had sent it; ${last.open} open cases in the database at the end. API and worker in this one process (so that one resident-memory figure holds the worker; \`npm start\` runs the worker in its own), WORKER_MAX_CACHED_WORKFLOWS=${CACHE}. Resident memory after a garbage collection.`,
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
