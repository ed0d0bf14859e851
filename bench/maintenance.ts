// `npm run bench -- maintenance`: register maintenance over 100 000 seeded contacts
// (BENCH_CONTACTS=1000000 for the opt-in 10⁶ run). Reports time and the Node process's peak memory for building
// the review lists and the retention selection, each as a ratio against a baseline
// measured in the same run: a plain copy of every contact id into a table (time) and the
// process's resident memory before the run (memory).
import pg from 'pg';
import { createDatabase } from '../platform/database.js';
import type { Mailer } from '../activities/mailer.js';
import { createRetentionActivities } from '../activities/retention-activities.js';
import { createReviewActivities } from '../activities/review-activities.js';
import type { Client } from '@temporalio/client';
import { startBenchEnvironment } from './support/environment.js';
import { table, type BenchReport } from './support/results.js';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
export const settings = { BENCH_CONTACTS: CONTACTS };

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

export async function run(): Promise<BenchReport> {
  const env = await startBenchEnvironment('maintenance');
  const { databaseUrl } = env;
  try {
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
    const body = [
      `Register maintenance over ${CONTACTS} contacts (seeded in ${(seeded.ms / 1000).toFixed(1)} s); Node RSS before the runs: ${baselineRssMb.toFixed(0)} MB.`,
      '',
      table(
        ['run', 'time', '× baseline time', 'peak RSS', '× RSS before', 'size'],
        rows.map(([label, ms, rss, size]) => [label, `${ms.toFixed(0)} ms`, (ms / baseline.ms).toFixed(2), `${rss.toFixed(0)} MB`, (rss / baselineRssMb).toFixed(2), size]),
      ),
    ].join('\n');
    return {
      title: `Register maintenance over ${CONTACTS} contacts`,
      body,
      summary: rows.slice(1).map(([label, ms, rss]) => [
        `${label}, ${CONTACTS} contacts`,
        `${(ms / 1000).toFixed(1)} s, peak ${rss.toFixed(0)} MB`,
        `id copy ${(baseline.ms / 1000).toFixed(1)} s, RSS ${baselineRssMb.toFixed(0)} MB`,
        `${(ms / baseline.ms).toFixed(1)} × time, ${(rss / baselineRssMb).toFixed(2)} × RSS`,
        'linear in contacts, memory flat',
      ]),
    };
  } finally {
    await env.stop();
  }
}
