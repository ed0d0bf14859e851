// Worker memory with many open cases: N cases accepted over HTTP, each workflow left waiting
// on its (calendar) first-reply timers, with WORKER_MAX_CACHED_WORKFLOWS set explicitly.
// Reports the process's resident memory before the first case (the baseline), its peak
// while the cases were taken in, and after a garbage collection once all wait on timers.
import { addCoordinator } from '../scripts/accounts.js';
import { startBenchEnvironment } from './support/environment.js';
import { closedLoop } from './support/load.js';
import { benchIntake, startBenchProduct } from './support/product.js';
import { table, type BenchReport } from './support/results.js';

const CASES = Number(process.env.BENCH_OPEN_CASES ?? 2000);
const CACHE = process.env.BENCH_MAX_CACHED_WORKFLOWS ?? '200';

export const settings = { BENCH_OPEN_CASES: CASES, BENCH_MAX_CACHED_WORKFLOWS: CACHE };

const rssMb = () => process.memoryUsage().rss / 2 ** 20;

export async function run(): Promise<BenchReport> {
  const env = await startBenchEnvironment('worker-memory', { temporal: true });
  try {
    const product = await startBenchProduct(env, { settings: { WORKER_MAX_CACHED_WORKFLOWS: CACHE } });
    // Each case's assignment email goes to its unit: the sign that its workflow has settled.
    await addCoordinator(product.db, { name: 'Åre', email: 'are@demo.inflyttarvagledning.local', unit: 'are', role: 'coordinator' });
    const warm = await fetch(`${product.baseUrl}/api/v1/intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': product.source.key },
      body: JSON.stringify(benchIntake()),
    });
    await warm.arrayBuffer();
    globalThis.gc?.();
    const baseline = rssMb();
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb());
    }, 50);
    const intakes = await closedLoop(16, { maxRequests: CASES, maxSeconds: 900 }, async () => {
      const response = await fetch(`${product.baseUrl}/api/v1/intake`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': product.source.key },
        body: JSON.stringify(benchIntake()),
      });
      await response.arrayBuffer();
      if (response.status >= 300) throw new Error(`intake answered ${response.status}`);
    });
    // Every workflow has sent its assignment email once it waits on its timers.
    const settled = Date.now() + 300_000;
    while (Date.now() < settled && env.sink.received() < intakes.requests + 1) await new Promise((resolve) => setTimeout(resolve, 500));
    clearInterval(sampler);
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const settledRss = rssMb();
    const open = await product.db.case.count({ where: { status: { not: 'closed' } } });
    await product.stop();

    const body = [
      `${intakes.requests} cases accepted over HTTP at concurrency 16 (${intakes.errors} errors, ${intakes.perSecond.toFixed(1)}/s); ${open} open cases in the database, ${env.sink.received()} assignment emails received. API and worker in one process (as \`npm start\`), WORKER_MAX_CACHED_WORKFLOWS=${CACHE}.`,
      '',
      table(
        ['moment', 'resident memory', '× baseline'],
        [
          ['baseline: worker running, one case', `${baseline.toFixed(0)} MB`, '1.00'],
          ['peak while the cases came in', `${peak.toFixed(0)} MB`, (peak / baseline).toFixed(2)],
          [`${open} open cases waiting on timers`, `${settledRss.toFixed(0)} MB`, (settledRss / baseline).toFixed(2)],
        ],
      ),
    ].join('\n');
    return {
      title: `Worker memory with ${open} open cases`,
      body,
      summary: [[`worker memory, ${open} open cases, cache ${CACHE}`, `peak ${peak.toFixed(0)} MB, settled ${settledRss.toFixed(0)} MB`, `${baseline.toFixed(0)} MB with one case`, (peak / baseline).toFixed(2), 'bounded by the cache setting']],
    };
  } finally {
    await env.stop();
  }
}
