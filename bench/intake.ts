// Intake over HTTP at concurrency 1, 8, 32 and 64 (closed loop), against bare
// `client.workflow.start` calls to the same Temporal server in the same run: the ceiling an
// intake cannot beat. The product runs as `npm start` runs it: the API in this process, the
// worker in its own process at WORKER_NICE. Then an open loop at a steady rate, and how long
// the worker took to finish every accepted case's first emails after the last intake.
import { startBenchEnvironment } from './support/environment.js';
import { closedLoop, ms, openLoop, pauseAsRetryAfterSays, ratio, type LoadFigures } from './support/load.js';
import { benchIntake, startBenchProduct } from './support/product.js';
import { table, type BenchReport, type SummaryRow } from './support/results.js';

const LEVELS = (process.env.BENCH_INTAKE_CONCURRENCY ?? '1,8,32,64').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 15);
const MAX_REQUESTS = Number(process.env.BENCH_INTAKE_REQUESTS ?? 1500);
const OPEN_RATE = Number(process.env.BENCH_INTAKE_OPEN_RATE ?? 20);
const CATCH_UP_SECONDS = 600;

export const settings = {
  BENCH_INTAKE_CONCURRENCY: LEVELS.join(','),
  BENCH_INTAKE_SECONDS: SECONDS,
  BENCH_INTAKE_REQUESTS: MAX_REQUESTS,
  BENCH_INTAKE_OPEN_RATE: OPEN_RATE,
};

export async function run(): Promise<BenchReport> {
  const env = await startBenchEnvironment('intake', { temporal: true });
  try {
    const product = await startBenchProduct(env, { worker: 'process' });
    const intake = async () => {
      const response = await fetch(`${product.baseUrl}/api/v1/intake`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': product.source.key },
        body: JSON.stringify(benchIntake()),
      });
      await response.arrayBuffer();
      // Admission control said "later": the lane honours it instead of sending again at once.
      if (response.status === 503) await pauseAsRetryAfterSays(response);
      if (response.status >= 300) throw new Error(`intake answered ${response.status}`);
    };
    let started = 0;
    // Nobody polls this queue: the start is the server's write, as in an intake.
    const bareStart = () =>
      product.temporal.workflow.start('BenchNoop', { taskQueue: 'bench-ceiling', workflowId: `bench-ceiling-${started++}`, args: [{ caseId: 'x' }] });
    await intake();
    await bareStart();

    // Every level, and the open loop, starts once the worker has sent every earlier case's
    // first emails: no level (nor its baseline) runs beside the backlog of the one before.
    const rows: Array<[LoadFigures, LoadFigures, number]> = [];
    for (const concurrency of LEVELS) {
      await workerCatchUp(product);
      const baseline = await closedLoop(concurrency, { maxRequests: MAX_REQUESTS, maxSeconds: SECONDS }, bareStart);
      const measured = await closedLoop(concurrency, { maxRequests: MAX_REQUESTS, maxSeconds: SECONDS }, intake);
      const lag = await workerCatchUp(product);
      rows.push([measured, baseline, lag.seconds]);
      console.log(`intake c=${concurrency}: ${measured.perSecond.toFixed(1)}/s vs ${baseline.perSecond.toFixed(1)}/s`);
    }
    const open = await openLoop(OPEN_RATE, SECONDS, intake);
    console.log(`intake open loop ${OPEN_RATE}/s: p99 ${ms(open.p99Ms)}`);
    const catchUp = await workerCatchUp(product);
    await product.stop();

    const body = [
      `\`POST /api/v1/intake\` in a closed loop, ${SECONDS} s or ${MAX_REQUESTS} requests per level, as \`npm start\` runs the product: ` +
        `the API in this process and the worker in its own process at nice ${product.config.WORKER_NICE} (WORKER_NICE).`,
      'A lane that gets 503 (admission control, INTAKE_MAX_IN_FLIGHT) waits as its Retry-After says, capped at 100–300 ms, and counts an error.',
      'Baseline: bare `client.workflow.start` to the same Temporal server over the same client connection, run just before each level.',
      "Each level, and the open loop, starts once the worker has sent every earlier case's first emails; the last column is how long after the level's last intake that took (the backlog a closed loop at full speed leaves the worker).",
      '',
      table(
        ['concurrency', 'intakes/s', 'p50', 'p99', 'errors (503)', 'bare starts/s', 'bare p99', 'ratio', 'worker done after'],
        rows.map(([m, b, lag]) => [m.concurrency, m.perSecond.toFixed(1), ms(m.p50Ms), ms(m.p99Ms), m.errors, b.perSecond.toFixed(1), ms(b.p99Ms), ratio(m.perSecond, b.perSecond), `${lag.toFixed(1)} s`]),
      ),
      '',
      `Open loop: one intake every ${(1000 / OPEN_RATE).toFixed(0)} ms for ${SECONDS} s (${open.requests + open.errors} sent): ` +
        `p50 ${ms(open.p50Ms)}, p99 ${ms(open.p99Ms)}, max ${ms(open.maxMs)}, ${open.errors} errors, at most ${open.concurrency} in flight.`,
      '',
      `The worker's share: ${catchUp.cases} cases accepted in all; after the open loop, every one had its assignment email and receipt ` +
        `${catchUp.seconds.toFixed(1)} s after the last intake was answered.`,
    ].join('\n');
    return {
      title: 'Intake under concurrency',
      body,
      summary: [
        ...rows.map(([m, b]): SummaryRow => [
          `intake, concurrency ${m.concurrency}`,
          `${m.perSecond.toFixed(1)}/s, p99 ${ms(m.p99Ms)}`,
          `bare start ${b.perSecond.toFixed(1)}/s`,
          ratio(m.perSecond, b.perSecond),
          '≥ 0.8',
        ]),
        [`intake, open loop ${OPEN_RATE}/s`, `p99 ${ms(open.p99Ms)}, ${open.errors} errors`, '–', '–', 'p99 < 250 ms'],
      ],
    };
  } finally {
    await env.stop();
  }
}

/** Waits until every case has its receipt (the workflow's last first email); seconds waited. */
async function workerCatchUp(product: Awaited<ReturnType<typeof startBenchProduct>>) {
  const began = performance.now();
  for (;;) {
    const [{ cases, done }] = await product.db.$queryRaw<[{ cases: number; done: number }]>`
      SELECT (SELECT count(*)::int FROM cases) AS cases,
             (SELECT count(*)::int FROM email_deliveries WHERE idempotency_key LIKE 'case:%:receipt' AND sent_at IS NOT NULL) AS done`;
    if (done >= cases) return { cases, seconds: (performance.now() - began) / 1000 };
    if (performance.now() - began > CATCH_UP_SECONDS * 1000) throw new Error(`the worker had sent ${done} of ${cases} receipts after ${CATCH_UP_SECONDS} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
