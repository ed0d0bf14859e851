// The product as `npm start` wires it, built through the composition root (main/compose.ts)
// on a benchmark's own servers: the API on a free loopback port in this process, and its
// worker either as npm start runs it (`worker: 'process'`, a child process at WORKER_NICE)
// or in this process (the default: deadline overrides and memory figures need it here).
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import pg from 'pg';
import { pino } from 'pino';
import type { CaseDeadlines } from '../../activities/case-activities.js';
import { createMailer } from '../../activities/mailer.js';
import { parseConfig } from '../../domain/config.js';
import { REGION } from '../../domain/units.js';
import { composeActivityDeps, composeApiDeps, composeApp } from '../../main/compose.js';
import { createDatabase } from '../../platform/database.js';
import { addCoordinator, addIntakeSource } from '../../scripts/accounts.js';
import { createProductWorker } from '../../worker/create-worker.js';
import { spawnWorkerProcess, type WorkerProcess } from '../../main/worker-process.js';
import { endpointsEnv } from '../../platform/endpoints.js';
import { ensureSearchAttributes } from '../../worker/search-attributes-setup.js';
import type { BenchEnvironment } from './environment.js';
import { closedLoop, pauseAsRetryAfterSays } from './load.js';

export async function startBenchProduct(
  env: BenchEnvironment,
  options: {
    settings?: Record<string, string>;
    deadlines?: (receivedAt: Date) => CaseDeadlines;
    worker?: boolean | 'process';
    web?: boolean;
  } = {},
) {
  const settings = {
    LOG_LEVEL: 'silent',
    INTAKE_RATE_LIMIT_PER_MINUTE: '1000000',
    FAILED_AUTH_LIMIT_PER_MINUTE: '1000000',
    INBOUND_SMTP_PORT: '0',
    TEMPORAL_TASK_QUEUE: 'bench',
    ...options.settings,
  };
  const config = parseConfig(settings);
  const db = createDatabase(env.databaseUrl, config.DATABASE_POOL_SIZE);
  const mailer = createMailer({ db, smtpUrl: env.sink.url, from: config.MAIL_FROM, poolSize: config.SMTP_POOL_SIZE });
  const connection = await Connection.connect({ address: env.temporalAddress });
  await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const nativeConnection = await NativeConnection.connect({ address: env.temporalAddress });
  const activityDeps = composeActivityDeps(config, { db, mailer, temporal }, { deadlines: options.deadlines });
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let workerProcess: WorkerProcess | undefined;
  async function startWorker() {
    if (options.worker === 'process') {
      const endpoints = { databaseUrl: env.databaseUrl, temporalAddress: env.temporalAddress, smtpUrl: env.sink.url };
      workerProcess = await spawnWorkerProcess({ ...process.env, ...settings, ...endpointsEnv(endpoints) }, config.WORKER_NICE);
      return;
    }
    worker = await createProductWorker({
      connection: nativeConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      activityDeps,
      maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    });
    running = worker.run();
  }
  async function stopWorker() {
    await workerProcess?.stop(10_000);
    workerProcess = undefined;
    worker?.shutdown();
    await running;
    worker = undefined;
  }
  if (options.worker !== false) await startWorker();

  // With `web`, the guides' pages and their session cookie are served too (they come with the mailer, as in main/).
  const app = composeApp(
    composeApiDeps(config, {
      db,
      temporal,
      logger: pino({ level: process.env.BENCH_LOGS ? 'info' : 'silent' }),
      healthChecks: { db: () => db.$queryRaw`SELECT 1` },
      ...(options.web ? { mailer } : {}),
    }),
  );
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const coordinator = await addCoordinator(db, { name: 'Bench', email: 'bench@demo.inflyttarvagledning.local', unit: REGION, role: 'admin' });
  const source = await addIntakeSource(db, { name: 'Bench', kind: 'tasteget' });

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopWorker();
      await nativeConnection.close();
      await connection.close();
      mailer.close();
      await db.$disconnect();
    })());
  env.defer(stop);

  return {
    config,
    db,
    temporal,
    baseUrl,
    coordinator,
    source,
    startWorker,
    stopWorker,
    worker: () => worker,
    /** The worker's process id when it runs as its own process (`worker: 'process'`). */
    workerPid: () => workerProcess?.pid,
    stop,
  };
}

export type BenchProduct = Awaited<ReturnType<typeof startBenchProduct>>;

/**
 * One intake through the API, then `entries` timeline entries on its card written straight
 * into the database (a coordinator's notes and emails, an hour apart): the card a busy
 * guide opens.
 */
export async function seedCardWithTimeline(product: BenchProduct, databaseUrl: string, entries: number) {
  const created = await fetch(`${product.baseUrl}/api/v1/intake`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': product.source.key },
    body: JSON.stringify(benchIntake()),
  });
  if (created.status !== 202 && created.status !== 201) throw new Error(`intake answered ${created.status}: ${await created.text()}`);
  const { contactId, caseId } = (await created.json()) as { contactId: string; caseId: string };
  const seeder = new pg.Client({ connectionString: databaseUrl });
  seeder.on('error', () => undefined);
  await seeder.connect();
  try {
    await seeder.query(
      `INSERT INTO activities (id, contact_id, case_id, type, direction, occurred_at, summary, author_id)
       SELECT gen_random_uuid(), $1, $2, CASE WHEN i % 3 = 0 THEN 'note' ELSE 'email' END,
              CASE WHEN i % 3 = 0 THEN NULL WHEN i % 2 = 0 THEN 'outbound' ELSE 'inbound' END, now() - (i || ' hours')::interval,
              'Samtal om bostad och arbete i Åre, nummer ' || i, $3
       FROM generate_series(1, $4) AS i`,
      [contactId, caseId, product.coordinator.id, entries],
    );
  } finally {
    await seeder.end();
  }
  return { contactId, caseId };
}

let serial = 0;
/** A valid intake body, unique per call. */
export function benchIntake() {
  serial += 1;
  const unique = `${process.pid}-${serial}`;
  return {
    firstName: 'Bench',
    lastName: `Person ${unique}`,
    email: `bench.${unique}@example.se`,
    preferredContactMethod: 'email',
    municipalities: ['are'],
    interests: ['housing', 'work'],
    message: `Vi funderar på att flytta till Åre (${unique}).`,
    household: { adults: 2, children: 1 },
    language: 'sv',
    consent: true,
  };
}

/**
 * Accepts `count` cases through `POST /api/v1/intake` with `concurrency` requests in flight
 * (a closed loop). The endpoint answers 503 with Retry-After past INTAKE_MAX_IN_FLIGHT
 * requests per instance; those are retried after a short pause, as a well-behaved client
 * would, and counted. `key` picks the intake source (the product's own by default).
 */
export async function seedCasesOverHttp(
  product: BenchProduct,
  count: number,
  options: {
    concurrency: number;
    key?: string;
    maxSeconds?: number;
    onCase?: (caseId: string) => void;
    /** Awaited before each intake: a benchmark can hold the load back. */
    admit?: () => Promise<void>;
  },
) {
  let busy = 0;
  const caseIds: string[] = [];
  const figures = await closedLoop(options.concurrency, { maxRequests: count, maxSeconds: options.maxSeconds ?? 900 }, async () => {
    await options.admit?.();
    const body = JSON.stringify(benchIntake());
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${product.baseUrl}/api/v1/intake`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': options.key ?? product.source.key },
        body,
      });
      if (response.status === 503 && attempt < 20) {
        await response.arrayBuffer();
        busy += 1;
        await pauseAsRetryAfterSays(response);
        continue;
      }
      const answer = (await response.json().catch(() => ({}))) as { caseId?: string };
      if (response.status >= 300 || !answer.caseId) throw new Error(`intake answered ${response.status}`);
      caseIds.push(answer.caseId);
      options.onCase?.(answer.caseId);
      return;
    }
  });
  return { ...figures, caseIds, busy };
}
