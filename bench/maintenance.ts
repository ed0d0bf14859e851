// `npm run bench -- maintenance`: register maintenance over 10 000 and then 100 000 seeded
// contacts on the same database (BENCH_CONTACTS=100000,1000000 for the opt-in 10⁶ run). For
// each size it reports time and the Node process's peak memory for building the review
// lists and the retention selection, each as a ratio against a baseline measured in the
// same run at the same size: a plain copy of every contact id into a table (time) and the
// process's resident memory before that size's runs (memory). Between sizes, the rows that
// bring the register to the next size are added and the previous size's review lists and
// retention selection are removed, and the growth in time from one size to the next is
// reported against the growth in contacts, so "linear or better" shows as a ratio ≤ 1.
// Each size runs three times (BENCH_MAINTENANCE_REPEATS), the median kept.
import pg from 'pg';
import { createDatabase } from '../platform/database.js';
import type { Mailer } from '../activities/mailer.js';
import { createRetentionActivities } from '../activities/retention-activities.js';
import { createReviewActivities } from '../activities/review-activities.js';
import type { Client } from '@temporalio/client';
import { startBenchEnvironment } from './support/environment.js';
import { collectGarbage } from './support/load.js';
import { table, type BenchReport } from './support/results.js';

const SIZES = [...new Set((process.env.BENCH_CONTACTS ?? '10000,100000').split(',').map(Number))]
  .filter((size) => Number.isInteger(size) && size > 0)
  .sort((a, b) => a - b);
if (SIZES.length === 0) throw new Error('BENCH_CONTACTS: one or more contact counts, comma-separated');
const REPEATS = Math.max(1, Number(process.env.BENCH_MAINTENANCE_REPEATS ?? 3));
export const settings = { BENCH_CONTACTS: SIZES.join(','), BENCH_MAINTENANCE_REPEATS: REPEATS };

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

/** Contacts number `from` + 1 to `to`: seeding 1..a and then a+1..b gives the same register as 1..b. */
async function seed(client: pg.Client, from: number, to: number) {
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
    FROM generate_series($1::int + 1, $2::int) AS i`, [from, to]);
}

/** What the previous size's runs wrote, so each size starts from a register with no review or selection. */
async function clearRuns(client: pg.Client) {
  await client.query('DROP TABLE IF EXISTS bench_copy');
  await client.query('TRUNCATE review_items, move_status_reviews, retention_candidates, retention_runs CASCADE');
  await client.query('ANALYZE contacts');
}

interface SizeRun {
  contacts: number;
  seededMs: number;
  rssBeforeMb: number;
  baseline: { ms: number; peakRssMb: number };
  review: { ms: number; peakRssMb: number; entries: number };
  retention: { ms: number; peakRssMb: number; selected: number };
}

export async function run(): Promise<BenchReport> {
  const env = await startBenchEnvironment('maintenance');
  const { databaseUrl } = env;
  try {
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on('error', () => undefined);
    await client.connect();
    const db = createDatabase(databaseUrl, 4);
    env.defer(async () => {
      await db.$disconnect();
      await client.end();
    });
    const silentMailer: Mailer = {
      send: async (email) => ({ messageId: email.idempotencyKey }),
      sendOnce: async (email) => ({ messageId: email.idempotencyKey, alreadySent: false }),
      verify: async () => undefined,
      close: () => undefined,
    };
    const review = createReviewActivities({ db, mailer: silentMailer, reviewUrl: (id) => id });
    const retention = createRetentionActivities({ db, mailer: silentMailer, temporal: {} as Client, runUrl: (id) => id });

    // Once on the empty register, so that the first size does not pay for the first queries' set-up.
    const now = new Date().toISOString();
    await db.$executeRawUnsafe('CREATE TABLE bench_copy AS SELECT id FROM contacts');
    await review.openReview({ reviewId: 'bench-warm-up', remindAt: now, closesAt: now });
    await review.loadReviewProgress({ reviewId: 'bench-warm-up' });
    await retention.selectRetentionCandidates({ runId: 'bench-warm-up', startedAt: now, approvalTimeout: '30 days' });

    const runs: SizeRun[] = [];
    let seededTo = 0;
    for (const contacts of SIZES) {
      const seeded = await measure(() => seed(client, seededTo, contacts));
      seededTo = contacts;
      // Each size REPEATS times from the same register, the median time of each run kept
      // (a shared machine's noise), and the highest peak.
      const repeats: Array<Omit<SizeRun, 'contacts' | 'seededMs'>> = [];
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        await clearRuns(client);
        collectGarbage();
        const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
        const baseline = await measure(() => db.$executeRawUnsafe('CREATE TABLE bench_copy AS SELECT id FROM contacts'));
        const reviewId = `bench-review-${contacts}-${repeat}`;
        const reviewRun = await measure(async () => {
          await review.openReview({ reviewId, remindAt: new Date().toISOString(), closesAt: new Date().toISOString() });
          return review.loadReviewProgress({ reviewId });
        });
        const retentionRun = await measure(() =>
          retention.selectRetentionCandidates({ runId: `bench-retention-${contacts}-${repeat}`, startedAt: new Date().toISOString(), approvalTimeout: '30 days' }),
        );
        repeats.push({
          rssBeforeMb,
          baseline,
          review: { ...reviewRun, entries: reviewRun.result.units.reduce((sum, unit) => sum + unit.total, 0) },
          retention: { ...retentionRun, selected: retentionRun.result.selected },
        });
      }
      const median = <T extends { ms: number; peakRssMb: number }>(of: (r: (typeof repeats)[number]) => T): T => {
        const sorted = repeats.map(of).sort((a, b) => a.ms - b.ms);
        return { ...sorted[Math.floor((sorted.length - 1) / 2)]!, peakRssMb: Math.max(...sorted.map((r) => r.peakRssMb)) };
      };
      const measured: SizeRun = {
        contacts,
        seededMs: seeded.ms,
        rssBeforeMb: Math.min(...repeats.map((r) => r.rssBeforeMb)),
        baseline: median((r) => r.baseline),
        review: median((r) => r.review),
        retention: median((r) => r.retention),
      };
      runs.push(measured);
      console.log(
        `maintenance ${contacts}: review ${repeats.map((r) => r.review.ms.toFixed(0)).join('/')} ms, retention ${repeats.map((r) => r.retention.ms.toFixed(0)).join('/')} ms, id copy ${repeats.map((r) => r.baseline.ms.toFixed(0)).join('/')} ms`,
      );
    }

    const kinds = [
      { label: 'review lists (build + progress)', of: (r: SizeRun) => r.review, size: (r: SizeRun) => `${r.review.entries} list entries` },
      { label: 'retention selection', of: (r: SizeRun) => r.retention, size: (r: SizeRun) => `${r.retention.selected} selected` },
    ] as const;
    const growth = (from: SizeRun, to: SizeRun, ms: (r: SizeRun) => number) => {
      const contacts = to.contacts / from.contacts;
      const time = ms(to) / ms(from);
      return { contacts, time, perContact: time / contacts };
    };
    const times = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)}×`;
    const pairs = runs.slice(1).map((to, i) => [runs[i]!, to] as const);

    const body = [
      `Register maintenance over ${SIZES.join(' and then ')} contacts on one database: each size adds the contacts that bring the register to it (seeding shown below), removes the previous size's review lists and retention selection (and the id copy), then runs the id copy (the baseline), the review lists and the retention selection; all three ran once on the empty register first, so the first size pays no set-up. Each size's runs are repeated ${REPEATS} times from the same register (the previous repeat's lists and selection removed first); the tables show the median time and the highest peak. Peak RSS is the Node process's, sampled every 5 ms, against its RSS before that size's runs (after a garbage collection).`,
      '',
      table(
        ['contacts', 'run', 'time', '× baseline time', 'peak RSS', '× RSS before', 'size'],
        runs.flatMap((r) => [
          [r.contacts, 'baseline: copy all contact ids', `${r.baseline.ms.toFixed(0)} ms`, '1.00', `${r.baseline.peakRssMb.toFixed(0)} MB`, (r.baseline.peakRssMb / r.rssBeforeMb).toFixed(2), `${r.contacts} rows (seeded in ${(r.seededMs / 1000).toFixed(1)} s), RSS before ${r.rssBeforeMb.toFixed(0)} MB`],
          ...kinds.map((kind) => [
            r.contacts,
            kind.label,
            `${kind.of(r).ms.toFixed(0)} ms`,
            (kind.of(r).ms / r.baseline.ms).toFixed(2),
            `${kind.of(r).peakRssMb.toFixed(0)} MB`,
            (kind.of(r).peakRssMb / r.rssBeforeMb).toFixed(2),
            kind.size(r),
          ]),
        ]),
      ),
      ...(pairs.length > 0
        ? [
            '',
            'Growth from one size to the next (time growth ÷ contact growth: 1.00 is linear, below it better than linear):',
            '',
            table(
              ['run', 'contacts', 'time', 'per contact', 'peak RSS'],
              pairs.flatMap(([from, to]) => [
                ...kinds.map((kind) => {
                  const g = growth(from, to, (r) => kind.of(r).ms);
                  return [kind.label, `${from.contacts} → ${to.contacts} (${times(g.contacts)})`, `${kind.of(from).ms.toFixed(0)} → ${kind.of(to).ms.toFixed(0)} ms (${times(g.time)})`, g.perContact.toFixed(2), `${kind.of(from).peakRssMb.toFixed(0)} → ${kind.of(to).peakRssMb.toFixed(0)} MB (${(kind.of(to).peakRssMb / kind.of(from).peakRssMb).toFixed(2)}×)`];
                }),
                (() => {
                  const g = growth(from, to, (r) => r.baseline.ms);
                  return ['baseline: copy all contact ids', `${from.contacts} → ${to.contacts} (${times(g.contacts)})`, `${from.baseline.ms.toFixed(0)} → ${to.baseline.ms.toFixed(0)} ms (${times(g.time)})`, g.perContact.toFixed(2), `${from.baseline.peakRssMb.toFixed(0)} → ${to.baseline.peakRssMb.toFixed(0)} MB`];
                })(),
              ]),
            ),
          ]
        : []),
    ].join('\n');

    const summary: BenchReport['summary'] = kinds.flatMap((kind) => [
      ...runs.map((r): BenchReport['summary'][number] => [
        `${kind.label}, ${r.contacts} contacts`,
        `${(kind.of(r).ms / 1000).toFixed(1)} s, peak ${kind.of(r).peakRssMb.toFixed(0)} MB`,
        `id copy ${(r.baseline.ms / 1000).toFixed(1)} s, RSS ${r.rssBeforeMb.toFixed(0)} MB`,
        `${(kind.of(r).ms / r.baseline.ms).toFixed(1)} × time, ${(kind.of(r).peakRssMb / r.rssBeforeMb).toFixed(2)} × RSS`,
        'linear in contacts, memory flat',
      ]),
      ...pairs.map(([from, to]): BenchReport['summary'][number] => {
        const g = growth(from, to, (r) => kind.of(r).ms);
        const b = growth(from, to, (r) => r.baseline.ms);
        return [
          `${kind.label}, growth ${from.contacts} → ${to.contacts} contacts`,
          `${times(g.contacts)} contacts → ${times(g.time)} time, peak RSS ${(kind.of(to).peakRssMb / kind.of(from).peakRssMb).toFixed(2)}×`,
          `id copy ${times(b.time)} time`,
          `${g.perContact.toFixed(2)} × linear`,
          '≤ 1.00 × linear (linear or better), RSS flat',
        ];
      }),
    ]);
    return {
      title: `Register maintenance over ${SIZES.join(' and ')} contacts`,
      body,
      summary,
    };
  } finally {
    await env.stop();
  }
}
