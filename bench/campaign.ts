// `npm run bench -- campaign`: a campaign to 20 000 subscribers (BENCH_RECIPIENTS for more)
// through the real campaign workflow, worker, PostgreSQL and an SMTP sink, against a plain
// nodemailer send loop to the same sink measured in the same run.
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { CAMPAIGN_WORKFLOW_TYPE, type CampaignProgress } from '../workflows/newsletter-definitions.js';
import { startBenchEnvironment } from './support/environment.js';
import { startBenchProduct } from './support/product.js';
import { table, type BenchReport } from './support/results.js';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 20_000);
const BASELINE_MESSAGES = Number(process.env.BENCH_BASELINE_MESSAGES ?? 5_000);

export const settings = { BENCH_RECIPIENTS: RECIPIENTS, BENCH_BASELINE_MESSAGES: BASELINE_MESSAGES };

export async function run(): Promise<BenchReport> {
  const env = await startBenchEnvironment('campaign', { temporal: true });
  const { sink } = env;
  try {
    const seeder = new pg.Client({ connectionString: env.databaseUrl });
    await seeder.connect();
    await seeder.query(
      `INSERT INTO contacts (id, first_name, last_name, email, preferred_contact_method, chosen_municipalities, language,
                             consent_at, consent_source, newsletter_status, newsletter_token, last_activity_at)
       SELECT gen_random_uuid(), 'Bench', 'Subscriber ' || i, 'subscriber' || i || '@example.se', 'email', ARRAY['are'],
              CASE WHEN i % 5 = 0 THEN 'en' ELSE 'sv' END, now(), 'bench', 'subscribed', md5(i::text) || md5((i * 7)::text), now()
       FROM generate_series(1, $1) AS i`,
      [RECIPIENTS],
    );
    await seeder.end();

    const product = await startBenchProduct(env);
    const poolSize = product.config.SMTP_POOL_SIZE;
    // Baseline: the same kind of message in a plain loop over a pool of the same size.
    const transport = nodemailer.createTransport(`${sink.url}?pool=true&maxConnections=${poolSize}`);
    const baselineStarted = performance.now();
    for (let next = 0; next < BASELINE_MESSAGES; next += poolSize) {
      await Promise.all(
        Array.from({ length: Math.min(poolSize, BASELINE_MESSAGES - next) }, (_, i) =>
          transport.sendMail({ from: 'bench@example.se', to: `loop${next + i}@example.se`, subject: 'Nytt från Åre', text: 'Hej!', html: '<p>Hej!</p>' }),
        ),
      );
    }
    const baselineRate = BASELINE_MESSAGES / ((performance.now() - baselineStarted) / 1000);
    transport.close();

    const campaignId = randomUUID();
    await product.db.campaign.create({
      data: { id: campaignId, kind: 'newsletter', title: 'Nytt från Åre', textSv: 'Hej!', textEn: 'Hello!', filter: { municipalities: ['are'] }, createdById: randomUUID() },
    });
    const before = sink.received();
    const started = performance.now();
    const result: CampaignProgress = await product.temporal.workflow.execute(CAMPAIGN_WORKFLOW_TYPE, {
      taskQueue: product.config.TEMPORAL_TASK_QUEUE,
      workflowId: `bench-campaign-${campaignId}`,
      args: [{ campaignId, batchSize: 500, messagesPerSecond: 1_000_000 }],
      workflowExecutionTimeout: '30 minutes',
    });
    const seconds = (performance.now() - started) / 1000;
    const delivered = sink.received() - before;
    await product.stop();

    const rate = delivered / seconds;
    const body = [
      `Campaign to ${RECIPIENTS} subscribers (workflow result: \`${JSON.stringify(result)}\`), SMTP pool of ${poolSize} on both sides.`,
      '',
      table(
        ['run', 'messages', 'time', 'messages/s', '× baseline'],
        [
          [`baseline: plain nodemailer loop (${poolSize} in flight)`, BASELINE_MESSAGES, `${(BASELINE_MESSAGES / baselineRate).toFixed(1)} s`, baselineRate.toFixed(0), '1.00'],
          ['campaign workflow (exactly-once bookkeeping, card log)', delivered, `${seconds.toFixed(1)} s`, rate.toFixed(0), (rate / baselineRate).toFixed(2)],
        ],
      ),
    ].join('\n');
    return {
      title: `Campaign to ${RECIPIENTS} subscribers`,
      body,
      summary: [[`campaign, ${RECIPIENTS} recipients`, `${rate.toFixed(0)} msg/s`, `nodemailer loop ${baselineRate.toFixed(0)} msg/s`, (rate / baselineRate).toFixed(2), '≥ 0.8']],
    };
  } finally {
    await env.stop();
  }
}
