// `npm run bench`: register maintenance over 100 000 seeded contacts (issue: yearly
// review and retention). Reports time and the Node process's peak memory for building
// the review lists and the retention selection, each as a ratio against a baseline
// measured in the same run: a plain copy of every contact id into a table (time) and the
// process's resident memory before the run (memory).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase } from '../platform/database.js';
import type { Mailer } from '../activities/mailer.js';
import { createRetentionActivities } from '../activities/retention-activities.js';
import { createReviewActivities } from '../activities/review-activities.js';
import { applyMigrations } from '../prisma/apply-migrations.js';
import { createDatabaseIfMissing, startEmbeddedPostgres } from '../scripts/embedded-postgres.js';
import type { Client } from '@temporalio/client';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);

async function measure<T>(work: () => Promise<T>) {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return { ms, peakRssMb: peakRss / 2 ** 20, result };
}

async function seed(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  // Municipality choices, move statuses, activity over eight years and subscriptions spread
  // deterministically, so every run measures the same population.
  await client.query(`
    INSERT INTO contacts (id, first_name, last_name, email, preferred_contact_method, chosen_municipalities,
                          interests, language, consent_at, consent_source, newsletter_status, move_status, last_activity_at)
    SELECT gen_random_uuid(), 'Bench', 'Contact ' || i, 'bench' || i || '@example.se', 'email',
           CASE i % 5 WHEN 0 THEN ARRAY[]::text[] WHEN 1 THEN ARRAY['are'] WHEN 2 THEN ARRAY['ostersund','krokom']
                      WHEN 3 THEN ARRAY['berg'] ELSE ARRAY['harjedalen'] END,
           ARRAY['housing'], 'sv', now(), 'bench',
           CASE WHEN i % 10 = 0 THEN 'subscribed' ELSE 'none' END,
           CASE i % 4 WHEN 0 THEN 'moved' WHEN 1 THEN 'unknown' ELSE 'considering' END,
           now() - ((i % 2920) || ' days')::interval
    FROM generate_series(1, $1) AS i`, [CONTACTS]);
  await client.query('ANALYZE contacts');
  await client.end();
}

async function main() {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'inflyttarvagledning-bench-'));
  await chmod(workDir, 0o755);
  let stopPostgres = async () => undefined as unknown;
  let adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) {
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'pg'), port: 54399 });
    stopPostgres = () => postgres.stop();
    adminUrl = postgres.urlFor('postgres');
  }
  const name = `bench_${Date.now()}`;
  await createDatabaseIfMissing(adminUrl, name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  try {
    await applyMigrations(databaseUrl);
    const seeded = await measure(() => seed(databaseUrl));
    const db = createDatabase(databaseUrl, 4);
    const silentMailer: Mailer = {
      send: async (email) => ({ messageId: email.idempotencyKey }),
      sendOnce: async (email) => ({ messageId: email.idempotencyKey, alreadySent: false }),
      verify: async () => undefined,
      close: () => undefined,
    };
    const review = createReviewActivities({ db, mailer: silentMailer, reviewUrl: (id) => id });
    const retention = createRetentionActivities({ db, mailer: silentMailer, temporal: {} as Client, runUrl: (id) => id });

    const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
    const baseline = await measure(() =>
      db.$executeRawUnsafe('CREATE TABLE bench_copy AS SELECT id FROM contacts'),
    );
    const reviewRun = await measure(async () => {
      await review.openReview({ reviewId: 'bench-review', remindAt: new Date().toISOString(), closesAt: new Date().toISOString() });
      return review.loadReviewProgress({ reviewId: 'bench-review' });
    });
    const retentionRun = await measure(() =>
      retention.selectRetentionCandidates({ runId: 'bench-retention', startedAt: new Date().toISOString(), approvalTimeout: '30 days' }),
    );
    await db.$disconnect();

    const listEntries = reviewRun.result.units.reduce((sum, unit) => sum + unit.total, 0);
    const rows = [
      ['baseline: copy all contact ids', baseline.ms, baseline.peakRssMb, `${CONTACTS} rows`],
      ['review lists (build + progress)', reviewRun.ms, reviewRun.peakRssMb, `${listEntries} list entries`],
      ['retention selection', retentionRun.ms, retentionRun.peakRssMb, `${retentionRun.result.selected} selected`],
    ] as const;
    console.log(`\nRegister maintenance over ${CONTACTS} contacts (seeded in ${(seeded.ms / 1000).toFixed(1)} s)`);
    console.log(`Node RSS before the runs: ${baselineRssMb.toFixed(0)} MB\n`);
    console.log('| run | time | × baseline time | peak RSS | × RSS before | size |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const [label, ms, rss, size] of rows) {
      console.log(
        `| ${label} | ${ms.toFixed(0)} ms | ${(ms / baseline.ms).toFixed(2)} | ${rss.toFixed(0)} MB | ${(rss / baselineRssMb).toFixed(2)} | ${size} |`,
      );
    }
  } finally {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    await stopPostgres();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
