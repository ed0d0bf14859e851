// The web app's two heaviest reads against the JSON API's same read, on the same product
// in the same run: the contact card page with 200 timeline entries against
// `GET /api/v1/contacts/{id}`, and Min dag with 500 open cases of Åre against
// `GET /api/v1/cases?unit=are&status=awaiting-reply` paged through (200 per page, its maximum).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startSession, SESSION_COOKIE } from '../web/session.js';
import { startBenchEnvironment } from './support/environment.js';
import { closedLoop, ms, percentile, ratio, type LoadFigures } from './support/load.js';
import { seedCardWithTimeline, startBenchProduct } from './support/product.js';
import { table, type BenchReport } from './support/results.js';

const ENTRIES = Number(process.env.BENCH_PAGES_ENTRIES ?? 200);
const CASES = Number(process.env.BENCH_PAGES_CASES ?? 500);
const SECONDS = Number(process.env.BENCH_PAGES_SECONDS ?? 8);
const MAX_REQUESTS = Number(process.env.BENCH_PAGES_REQUESTS ?? 2000);
/** Page and JSON take turns in this many slices, so that a change in the shared machine's load falls on both. */
const ROUNDS = Number(process.env.BENCH_PAGES_ROUNDS ?? 4);
const LEVELS = [1, 8];
const JSON_PAGE_SIZE = 200;

export const settings = {
  BENCH_PAGES_ENTRIES: ENTRIES,
  BENCH_PAGES_CASES: CASES,
  BENCH_PAGES_SECONDS: SECONDS,
  BENCH_PAGES_REQUESTS: MAX_REQUESTS,
  BENCH_PAGES_ROUNDS: ROUNDS,
};

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

/** One read's figures over all its slices: the latencies of every slice together. */
function slicedLoad(concurrency: number) {
  const latencies: number[] = [];
  let requests = 0;
  let errors = 0;
  let seconds = 0;
  return {
    async slice(bounds: { maxRequests: number; maxSeconds: number }, work: () => Promise<unknown>) {
      const figures = await closedLoop(concurrency, bounds, async () => {
        const t0 = performance.now();
        await work();
        latencies.push(performance.now() - t0);
      });
      requests += figures.requests;
      errors += figures.errors;
      seconds += figures.seconds;
    },
    figures(): LoadFigures {
      latencies.sort((a, b) => a - b);
      return {
        concurrency,
        requests,
        errors,
        seconds,
        perSecond: requests / seconds,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        maxMs: latencies.at(-1) ?? Number.NaN,
      };
    },
  };
}

export async function run(): Promise<BenchReport> {
  const env = await startBenchEnvironment('web-pages', { temporal: true });
  try {
    const product = await startBenchProduct(env, { web: true });
    const bearer = { authorization: `Bearer ${product.coordinator.token}` };
    // A session row as sign-in leaves it, so the pages are read with a real cookie and no email.
    const session = await startSession(product.db, product.coordinator.id);
    const cookie = { cookie: `${SESSION_COOKIE}=${session.secret}` };

    const { contactId } = await seedCardWithTimeline(product, env.databaseUrl, ENTRIES);

    const seeder = new pg.Client({ connectionString: env.databaseUrl });
    seeder.on('error', () => undefined);
    await seeder.connect();
    // The intake's own case counts towards Åre's open cases, so Min dag shows exactly CASES.
    const existing = Number(
      (await seeder.query(`SELECT count(*) AS n FROM cases WHERE responsible_unit = 'are' AND status <> 'closed'`)).rows[0].n,
    );
    const seeded = CASES - existing;
    const seedId = randomUUID().slice(0, 8);
    await seeder.query(
      `WITH people AS (
         INSERT INTO contacts (id, first_name, last_name, email, phone, preferred_contact_method, chosen_municipalities, interests,
                               consent_at, consent_source, last_activity_at)
         SELECT gen_random_uuid(), 'Åsa', 'Öberg ' || i, 'bench.' || $1 || '.' || i || '@example.se',
                CASE WHEN i % 4 = 0 THEN '+4670' || lpad(i::text, 7, '0') END,
                CASE WHEN i % 4 = 0 THEN 'phone' ELSE 'email' END, ARRAY['are'], ARRAY['housing', 'work'],
                now(), 'tasteget', now() - (i || ' minutes')::interval
         FROM generate_series(1, $2) AS i
         RETURNING id, last_name
       )
       INSERT INTO cases (id, workflow_id, contact_id, source_id, source_kind, responsible_unit, chosen_municipalities, interests,
                          message, status, received_at, first_reply_due_at, overdue)
       SELECT gen_random_uuid(), 'bench-case-are-' || $1 || '-' || p.id, p.id, $3, 'tasteget', 'are', ARRAY['are'], ARRAY['housing', 'work'],
              'Vi funderar på att flytta till Åre.', 'awaiting-reply', now() - interval '1 hour',
              now() + ((row_number() OVER (ORDER BY p.last_name)) || ' minutes')::interval, false
       FROM people p`,
      [seedId, seeded, product.source.id],
    );
    await seeder.end();

    const cardPage = async () => {
      const response = await fetch(`${product.baseUrl}/contacts/${contactId}`, { headers: cookie, redirect: 'manual' });
      const html = await response.text();
      if (response.status !== 200 || occurrences(html, '<li class="entry ') === 0) throw new Error(`card page answered ${response.status}`);
      return html;
    };
    const cardJson = async () => {
      const response = await fetch(`${product.baseUrl}/api/v1/contacts/${contactId}`, { headers: bearer });
      const text = await response.text();
      const body = JSON.parse(text) as { activities?: unknown[] };
      if (response.status !== 200 || (body.activities?.length ?? 0) < ENTRIES) throw new Error(`card answered ${response.status}`);
      return Buffer.byteLength(text);
    };
    const myDayPage = async () => {
      const response = await fetch(`${product.baseUrl}/?unit=are`, { headers: cookie, redirect: 'manual' });
      const html = await response.text();
      if (response.status !== 200 || occurrences(html, '<li class="case-card">') < CASES) throw new Error(`Min dag answered ${response.status}`);
      return html;
    };
    const casesJson = async () => {
      let read = 0;
      let length = 0;
      for (let pageNumber = 1; read < CASES; pageNumber += 1) {
        const response = await fetch(
          `${product.baseUrl}/api/v1/cases?unit=are&status=awaiting-reply&page=${pageNumber}&pageSize=${JSON_PAGE_SIZE}`,
          { headers: bearer },
        );
        const text = await response.text();
        const body = JSON.parse(text) as { items?: unknown[] };
        if (response.status !== 200 || !body.items?.length) throw new Error(`cases answered ${response.status}`);
        read += body.items.length;
        length += Buffer.byteLength(text);
      }
      return length;
    };
    const firstCard = await cardPage();
    const firstMyDay = await myDayPage();
    const cardJsonLength = await cardJson();
    const casesJsonLength = await casesJson();
    const kb = (length: number) => `${(length / 1024).toFixed(0)} kB`;
    const cardShown = occurrences(firstCard, '<li class="entry ');
    const casesShown = occurrences(firstMyDay, '<li class="case-card">');

    const slice = { maxRequests: Math.ceil(MAX_REQUESTS / ROUNDS), maxSeconds: SECONDS / ROUNDS };
    const measured: Array<{ read: string; level: number; page: LoadFigures; json: LoadFigures }> = [];
    for (const [read, page, json] of [
      ['contact card', cardPage, cardJson],
      ['Min dag', myDayPage, casesJson],
    ] as const) {
      for (const level of LEVELS) {
        const pageLoad = slicedLoad(level);
        const jsonLoad = slicedLoad(level);
        for (let round = 0; round < ROUNDS; round += 1) {
          await jsonLoad.slice(slice, json);
          await pageLoad.slice(slice, page);
        }
        measured.push({ read, level, page: pageLoad.figures(), json: jsonLoad.figures() });
      }
    }
    await product.stop();

    const jsonPages = Math.ceil(CASES / JSON_PAGE_SIZE);
    const body = [
      `Closed loop, ${SECONDS} s or ${MAX_REQUESTS} requests per read and level, c = ${LEVELS.join(' and ')}, in ${ROUNDS} alternating slices of JSON then page (so that the shared machine's changing load falls on both); pages read with a session cookie, the JSON with a bearer token, on the same product and database.`,
      '',
      `- Contact card: \`GET /contacts/{id}\` (HTML) against \`GET /api/v1/contacts/{id}\` of the same contact, which has ${ENTRIES} seeded timeline entries and one open case. The page reads every row and shows the newest ${cardShown} entries (the timeline is paged); the JSON returns them all. Both write the same access-log row. Body: page ${kb(Buffer.byteLength(firstCard))}, JSON ${kb(cardJsonLength)}.`,
      `- Min dag: \`GET /?unit=are\` (HTML) with ${casesShown} open cases of Åre against the JSON's same cases, \`GET /api/v1/cases?unit=are&status=awaiting-reply\` read in ${jsonPages} sequential pages of ${JSON_PAGE_SIZE} (its largest page). The page also counts overdue and due-soon cases and reads the region's cases for information and the open review items. Body: page ${kb(Buffer.byteLength(firstMyDay))}, JSON ${kb(casesJsonLength)} over its pages.`,
      '',
      table(
        ['read', 'concurrency', 'page req/s', 'page p50', 'page p99', 'JSON req/s', 'JSON p50', 'JSON p99', 'ratio page/JSON (req/s)', 'errors page/JSON'],
        measured.map(({ read, level, page, json }) => [
          read,
          `c=${level}`,
          page.perSecond.toFixed(1),
          ms(page.p50Ms),
          ms(page.p99Ms),
          json.perSecond.toFixed(1),
          ms(json.p50Ms),
          ms(json.p99Ms),
          ratio(page.perSecond, json.perSecond),
          `${page.errors}/${json.errors}`,
        ]),
      ),
    ].join('\n');
    return {
      title: 'Web pages against the JSON API',
      body,
      summary: measured.map(({ read, level, page, json }) => [
        `${read} page (${read === 'Min dag' ? `${casesShown} open cases` : `${ENTRIES} entries`}), c=${level}`,
        `${page.perSecond.toFixed(1)}/s, p50 ${ms(page.p50Ms)}, p99 ${ms(page.p99Ms)}`,
        `JSON ${json.perSecond.toFixed(1)}/s, p99 ${ms(json.p99Ms)}`,
        ratio(page.perSecond, json.perSecond),
        '≥ 0.5',
      ]),
    };
  } finally {
    await env.stop();
  }
}
