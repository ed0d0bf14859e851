// Intake over HTTP at concurrency 1, 8, 32 and 64 (closed loop, the worker running in the
// same process as under `npm start`), against bare `client.workflow.start` calls to the
// same Temporal server in the same run: the ceiling an intake cannot beat.
import { startBenchEnvironment } from './support/environment.js';
import { closedLoop, ms, ratio, type LoadFigures } from './support/load.js';
import { benchIntake, startBenchProduct } from './support/product.js';
import { table, type BenchReport } from './support/results.js';

const LEVELS = (process.env.BENCH_INTAKE_CONCURRENCY ?? '1,8,32,64').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 15);
const MAX_REQUESTS = Number(process.env.BENCH_INTAKE_REQUESTS ?? 1500);

export const settings = { BENCH_INTAKE_CONCURRENCY: LEVELS.join(','), BENCH_INTAKE_SECONDS: SECONDS, BENCH_INTAKE_REQUESTS: MAX_REQUESTS };

export async function run(): Promise<BenchReport> {
  const env = await startBenchEnvironment('intake', { temporal: true });
  try {
    const product = await startBenchProduct(env);
    const intake = async () => {
      const response = await fetch(`${product.baseUrl}/api/v1/intake`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': product.source.key },
        body: JSON.stringify(benchIntake()),
      });
      await response.arrayBuffer();
      if (response.status >= 300) throw new Error(`intake answered ${response.status}`);
    };
    let started = 0;
    // Nobody polls this queue: the start is the server's write, as in an intake.
    const bareStart = () =>
      product.temporal.workflow.start('BenchNoop', { taskQueue: 'bench-ceiling', workflowId: `bench-ceiling-${started++}`, args: [{ caseId: 'x' }] });
    await intake();
    await bareStart();

    const rows: Array<[LoadFigures, LoadFigures]> = [];
    for (const concurrency of LEVELS) {
      const baseline = await closedLoop(concurrency, { maxRequests: MAX_REQUESTS, maxSeconds: SECONDS }, bareStart);
      const measured = await closedLoop(concurrency, { maxRequests: MAX_REQUESTS, maxSeconds: SECONDS }, intake);
      rows.push([measured, baseline]);
      console.log(`intake c=${concurrency}: ${measured.perSecond.toFixed(1)}/s vs ${baseline.perSecond.toFixed(1)}/s`);
    }
    await product.stop();

    const body = [
      `\`POST /api/v1/intake\` in a closed loop, ${SECONDS} s or ${MAX_REQUESTS} requests per level, API and worker in one process (as \`npm start\`).`,
      'Baseline: bare `client.workflow.start` to the same Temporal server over the same client connection.',
      '',
      table(
        ['concurrency', 'intakes/s', 'p50', 'p99', 'errors', 'bare starts/s', 'bare p99', 'ratio'],
        rows.map(([m, b]) => [m.concurrency, m.perSecond.toFixed(1), ms(m.p50Ms), ms(m.p99Ms), m.errors, b.perSecond.toFixed(1), ms(b.p99Ms), ratio(m.perSecond, b.perSecond)]),
      ),
    ].join('\n');
    return {
      title: 'Intake under concurrency',
      body,
      summary: rows.map(([m, b]) => [
        `intake, concurrency ${m.concurrency}`,
        `${m.perSecond.toFixed(1)}/s, p99 ${ms(m.p99Ms)}`,
        `bare start ${b.perSecond.toFixed(1)}/s`,
        ratio(m.perSecond, b.perSecond),
        '≥ 0.8',
      ]),
    };
  } finally {
    await env.stop();
  }
}
