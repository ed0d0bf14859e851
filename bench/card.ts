// The contact card with 200 timeline entries and one open case, over HTTP, against bare
// SQL of the same rows (and the same access-log insert) on the same PostgreSQL; then the
// card's latency while no worker runs.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startBenchEnvironment } from './support/environment.js';
import { closedLoop, ms, ratio, type LoadFigures } from './support/load.js';
import { seedCardWithTimeline, startBenchProduct } from './support/product.js';
import { table, type BenchReport } from './support/results.js';

const ENTRIES = Number(process.env.BENCH_CARD_ENTRIES ?? 200);
const SECONDS = Number(process.env.BENCH_CARD_SECONDS ?? 12);
const MAX_REQUESTS = Number(process.env.BENCH_CARD_REQUESTS ?? 3000);
const NO_WORKER_REQUESTS = Number(process.env.BENCH_CARD_NO_WORKER_REQUESTS ?? 5);

export const settings = { BENCH_CARD_ENTRIES: ENTRIES, BENCH_CARD_SECONDS: SECONDS, BENCH_CARD_REQUESTS: MAX_REQUESTS };

export async function run(): Promise<BenchReport> {
  const env = await startBenchEnvironment('card', { temporal: true });
  try {
    const product = await startBenchProduct(env);
    const headers = { authorization: `Bearer ${product.coordinator.token}` };
    const { contactId } = await seedCardWithTimeline(product, env.databaseUrl, ENTRIES);
    const card = () =>
      fetch(`${product.baseUrl}/api/v1/contacts/${contactId}`, { headers }).then(async (response) => {
        const body = (await response.json()) as { activities?: unknown[] };
        if (response.status !== 200 || (body.activities?.length ?? 0) < ENTRIES) throw new Error(`card answered ${response.status}`);
      });
    await card();

    const pool = new pg.Pool({ connectionString: env.databaseUrl, max: product.config.DATABASE_POOL_SIZE });
    pool.on('error', () => undefined);
    let poolEnded: Promise<void> | undefined;
    const endPool = () => (poolEnded ??= pool.end());
    env.defer(endPool);
    const bare = async () => {
      const [contact, cases, activities] = await Promise.all([
        pool.query('SELECT * FROM contacts WHERE id = $1', [contactId]),
        pool.query(
          `SELECT c.*, s.id AS s_id, s.name AS s_name, s.kind AS s_kind,
                  (SELECT coalesce(json_agg(t ORDER BY t.transferred_at), '[]') FROM case_transfers t WHERE t.case_id = c.id) AS transfers
           FROM cases c JOIN intake_sources s ON s.id = c.source_id WHERE c.contact_id = $1 ORDER BY c.received_at DESC`,
          [contactId],
        ),
        pool.query(
          `SELECT a.*, co.name AS author_name FROM activities a LEFT JOIN coordinators co ON co.id = a.author_id
           WHERE a.contact_id = $1 ORDER BY a.occurred_at DESC, a.created_at DESC`,
          [contactId],
        ),
      ]);
      if (contact.rowCount !== 1 || cases.rowCount !== 1 || (activities.rowCount ?? 0) < ENTRIES) throw new Error('bare SQL missed rows');
      await pool.query('INSERT INTO access_log (id, coordinator_id, contact_id, action) VALUES ($1, $2, $3, $4)', [
        randomUUID(),
        product.coordinator.id,
        contactId,
        'read',
      ]);
      return JSON.stringify({ contact: contact.rows[0], cases: cases.rows, activities: activities.rows });
    };
    await bare();

    const rows: Array<[string, LoadFigures, LoadFigures]> = [];
    for (const concurrency of [1, 16]) {
      const baseline = await closedLoop(concurrency, { maxRequests: MAX_REQUESTS, maxSeconds: SECONDS }, bare);
      const measured = await closedLoop(concurrency, { maxRequests: MAX_REQUESTS, maxSeconds: SECONDS }, card);
      rows.push([`c=${concurrency}`, measured, baseline]);
    }

    await product.stopWorker();
    const noWorker = await closedLoop(1, { maxRequests: NO_WORKER_REQUESTS, maxSeconds: 120 }, card);
    await endPool();
    await product.stop();

    const body = [
      `Contact card (\`GET /api/v1/contacts/{id}\`) with ${ENTRIES} timeline entries and one open case, closed loop, ${SECONDS} s or ${MAX_REQUESTS} requests per level.`,
      'Baseline: the same rows read with three bare SQL statements over `pg` (contact; case with source and transfers; activities with author) plus the same access-log insert, serialised to JSON.',
      '',
      table(
        ['concurrency', 'card req/s', 'card p50', 'card p99', 'bare SQL req/s', 'bare p50', 'bare p99', 'ratio (req/s)', 'errors'],
        rows.map(([label, m, b]) => [label, m.perSecond.toFixed(1), ms(m.p50Ms), ms(m.p99Ms), b.perSecond.toFixed(1), ms(b.p50Ms), ms(b.p99Ms), ratio(m.perSecond, b.perSecond), `${m.errors}/${b.errors}`]),
      ),
      '',
      `While no worker runs (${NO_WORKER_REQUESTS} sequential requests): p50 ${ms(noWorker.p50Ms)}, max ${ms(noWorker.maxMs)}, errors ${noWorker.errors}.`,
    ].join('\n');
    return {
      title: 'Contact card',
      body,
      summary: [
        ...rows.map(([label, m, b]): [string, string, string, string, string] => [
          `card, ${ENTRIES} entries, ${label}`,
          `${m.perSecond.toFixed(1)}/s, p99 ${ms(m.p99Ms)}`,
          `bare SQL ${b.perSecond.toFixed(1)}/s`,
          ratio(m.perSecond, b.perSecond),
          '≥ 0.5',
        ]),
        ['card while no worker runs', `max ${ms(noWorker.maxMs)}`, '–', '–', '≤ 300 ms'],
      ],
    };
  } finally {
    await env.stop();
  }
}
