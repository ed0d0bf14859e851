// `npm run bench` (second part): a 50 000-recipient campaign through the real campaign
// workflow, worker, PostgreSQL and an SMTP sink, against a plain nodemailer send loop to
// the same sink measured in the same run.
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { createDatabase } from '../platform/database.js';
import { createMailer } from '../activities/mailer.js';
import { applyMigrations } from '../prisma/apply-migrations.js';
import { createDatabaseIfMissing, startEmbeddedPostgres } from '../scripts/embedded-postgres.js';
import { resolveTemporalCli } from '../scripts/temporal-cli.js';
import { startTemporalDevServer } from '../scripts/temporal-server.js';
import { freePort } from '../test/support/free-port.js';
import { createProductWorker } from '../worker/create-worker.js';
import { CAMPAIGN_WORKFLOW_TYPE, type CampaignProgress } from '../workflows/newsletter-definitions.js';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 50_000);
const BASELINE_MESSAGES = Number(process.env.BENCH_BASELINE_MESSAGES ?? 5_000);

/** An SMTP sink that accepts and counts; MailDev keeps every message in memory, which would measure MailDev. */
async function startCountingSink() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { url: `smtp://127.0.0.1:${port}`, received: () => received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'inflyttarvagledning-bench-campaign-'));
  await chmod(workDir, 0o755);
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'pg'), port: await freePort() });
  await createDatabaseIfMissing(postgres.urlFor('postgres'), 'bench');
  const databaseUrl = postgres.urlFor('bench');
  const temporalServer = await startTemporalDevServer({
    cli: await resolveTemporalCli(),
    dbFile: path.join(workDir, 'temporal.sqlite'),
    port: await freePort(),
    namespace: 'default',
    log: () => undefined,
  });
  const sink = await startCountingSink();
  try {
    await applyMigrations(databaseUrl);
    const seeder = new pg.Client({ connectionString: databaseUrl });
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

    // Baseline: the same kind of message, sent in a plain loop over the same pooled transport settings.
    const transport = nodemailer.createTransport(`${sink.url}?pool=true`);
    const baselineStarted = performance.now();
    for (let next = 0; next < BASELINE_MESSAGES; next += 5) {
      await Promise.all(
        Array.from({ length: Math.min(5, BASELINE_MESSAGES - next) }, (_, i) =>
          transport.sendMail({ from: 'bench@example.se', to: `loop${next + i}@example.se`, subject: 'Nytt från Åre', text: 'Hej!', html: '<p>Hej!</p>' }),
        ),
      );
    }
    const baselineRate = BASELINE_MESSAGES / ((performance.now() - baselineStarted) / 1000);
    transport.close();

    const db = createDatabase(databaseUrl, 10);
    const mailer = createMailer({ db, smtpUrl: sink.url, from: 'Inflyttarvägledning <noreply@example.se>' });
    const nativeConnection = await NativeConnection.connect({ address: temporalServer.address });
    const connection = await Connection.connect({ address: temporalServer.address });
    const temporal = new Client({ connection });
    const worker = await createProductWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue: 'bench',
      activityDeps: {
        db,
        mailer,
        temporal,
        contactCardUrl: (id) => id,
        reviewUrl: (id) => id,
        retentionRunUrl: (id) => id,
        publicBaseUrl: 'https://inflytt.example.se',
      },
    });
    const running = worker.run();
    const campaignId = randomUUID();
    await db.campaign.create({
      data: { id: campaignId, kind: 'newsletter', title: 'Nytt från Åre', textSv: 'Hej!', textEn: 'Hello!', filter: { municipalities: ['are'] }, createdById: randomUUID() },
    });
    const before = sink.received();
    const started = performance.now();
    const result: CampaignProgress = await temporal.workflow.execute(CAMPAIGN_WORKFLOW_TYPE, {
      taskQueue: 'bench',
      workflowId: `bench-campaign-${campaignId}`,
      args: [{ campaignId, batchSize: 500, messagesPerSecond: 1_000_000 }],
    });
    const seconds = (performance.now() - started) / 1000;
    const delivered = sink.received() - before;
    worker.shutdown();
    await running;
    await nativeConnection.close();
    await connection.close();
    mailer.close();
    await db.$disconnect();

    const rate = delivered / seconds;
    console.log(`\nCampaign to ${RECIPIENTS} subscribers (workflow result: ${JSON.stringify(result)})`);
    console.log('| run | messages | time | messages/s | × baseline |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(`| baseline: plain nodemailer loop (5 in flight) | ${BASELINE_MESSAGES} | ${(BASELINE_MESSAGES / baselineRate).toFixed(1)} s | ${baselineRate.toFixed(0)} | 1.00 |`);
    console.log(`| campaign workflow (exactly-once bookkeeping, card log) | ${delivered} | ${seconds.toFixed(1)} s | ${rate.toFixed(0)} | ${(rate / baselineRate).toFixed(2)} |`);
  } finally {
    await sink.stop();
    await temporalServer.stop();
    await postgres.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
