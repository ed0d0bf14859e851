// The product wired for one test file: its own database, task queue, worker and API,
// on the shared PostgreSQL, Temporal and SMTP servers of the run.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import pg from 'pg';
import { pino } from 'pino';
import { inject } from 'vitest';
import type { CaseDeadlines } from '../../activities/case-activities.js';
import { createDatabase, type Database } from '../../platform/database.js';
import { createMailer } from '../../activities/mailer.js';
import { createApp, type ApiDeps } from '../../api/app.js';
import { hashSecret } from '../../domain/secrets.js';
import { REGION, UNIT_CODES, type UnitCode } from '../../domain/units.js';
import { SOURCE_KINDS, type SourceKind } from '../../domain/codes.js';
import { applyMigrations } from '../../prisma/apply-migrations.js';
import { addCoordinator, addIntakeSource } from '../../scripts/accounts.js';
import { createProductWorker } from '../../worker/create-worker.js';
import { maintenanceScheduleConfig } from '../../platform/schedules.js';
import { scheduleIds, syncSchedules } from '../../platform/schedules.js';
import { parseConfig } from '../../domain/config.js';
import { composeActivityDeps, composeApiDeps, composeApp, composeInboundSmtp } from '../../main/compose.js';
import { createMailbox } from './mailbox.js';
import { testDnsResolver, TRUSTED_RELAY_ID } from './mail-authentication.js';

export interface TestProductOptions {
  name: string;
  deadlines?: (receivedAt: Date) => CaseDeadlines;
  retentionBeforeBatch?: (runId: string) => Promise<void>;
  /** Fault tests put their own SMTP server or Temporal server in between. */
  smtpUrl?: string;
  temporalAddress?: string;
  /** Environment-style settings, e.g. short review periods. */
  config?: Record<string, string>;
}

async function createTestDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropTestDatabase(adminUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

let sdkLoggingInstalled = false;

async function listen(app: ReturnType<typeof createApp>) {
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
export const CAPTURE_ADDRESS = 'dialog@capture.test.local';
/** Links in emails point here; tests follow them against the in-process API. */
export const PUBLIC_BASE_URL = 'http://test.local';
/** Coordinators' addresses end in @test.local; only that domain may send as a coordinator. */
export const TRUSTED_COORDINATOR_DOMAINS = ['test.local'];

export async function startTestProduct(options: TestProductOptions) {
  const harness = inject('harness');
  const tag = `${options.name}-${randomBytes(3).toString('hex')}`.toLowerCase();
  const databaseName = `t_${tag.replace(/[^a-z0-9]/g, '_')}`;
  const databaseUrl = await createTestDatabase(harness.adminDatabaseUrl, databaseName);
  await applyMigrations(databaseUrl);
  const db: Database = createDatabase(databaseUrl, 5);
  const smtpUrl = options.smtpUrl ?? `smtp://127.0.0.1:${harness.smtpPort}`;
  const temporalAddress = options.temporalAddress ?? harness.temporalAddress;
  const mailer = createMailer({ db, smtpUrl, from: 'Inflyttarvägledning <noreply@test.local>' });
  const taskQueue = `test-${tag}`;
  const workflowIdPrefix = `${tag}-`;

  // Installed once per test process, before the first native connection.
  if (!sdkLoggingInstalled) {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    sdkLoggingInstalled = true;
  }
  const nativeConnection = await NativeConnection.connect({ address: temporalAddress });
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection, namespace: harness.namespace });
  // The mail system's credential for POST /api/v1/inbound-email.
  const mailIngestKey = `mik_${randomBytes(24).toString('base64url')}`;
  // The product's own settings, on this file's task queue and id prefix; high rate limits by
  // default because the suites send thousands of requests (test/rate-limits lowers them).
  const config = parseConfig({
    PUBLIC_BASE_URL,
    INBOUND_CAPTURE_ADDRESS: CAPTURE_ADDRESS,
    COORDINATOR_EMAIL_DOMAINS: TRUSTED_COORDINATOR_DOMAINS.join(','),
    INTAKE_FORM_ORIGINS: 'https://tasteget.nu',
    INTAKE_RATE_LIMIT_PER_MINUTE: '1000000',
    FAILED_AUTH_LIMIT_PER_MINUTE: '1000000',
    NEWSLETTER_SUBSCRIBE_LIMIT_PER_MINUTE: '1000000',
    NEWSLETTER_BATCH_SIZE: '50',
    NEWSLETTER_MESSAGES_PER_SECOND: '1000',
    // Coordinators' mail is DKIM-signed (mail-authentication.ts) or vouched for by the trusted relay.
    INBOUND_TRUSTED_AUTHSERV_IDS: TRUSTED_RELAY_ID,
    INBOUND_EMAIL_INGEST_KEY_SHA256: hashSecret(mailIngestKey),
    ...options.config,
    TEMPORAL_TASK_QUEUE: taskQueue,
    WORKFLOW_ID_PREFIX: workflowIdPrefix,
  });
  const activityDeps = composeActivityDeps(config, { db, mailer, temporal }, { deadlines: options.deadlines, beforeBatch: options.retentionBeforeBatch });
  // The product's schedules, on this file's task queue and id prefix.
  const scheduleConfig = maintenanceScheduleConfig(config);
  await syncSchedules(temporal, scheduleConfig);
  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  async function startWorker() {
    worker = await createProductWorker({
      connection: nativeConnection,
      namespace: harness.namespace,
      taskQueue,
      workflowBundle: { codePath: harness.workflowBundlePath },
      activityDeps,
    });
    workerRun = worker!.run();
  }
  async function stopWorker() {
    worker?.shutdown();
    await workerRun;
    worker = undefined;
  }
  await startWorker();

  const logLines: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        if (process.env.TEST_LOGS) process.stderr.write(chunk);
        done();
      },
    }),
  );
  const appDeps: ApiDeps = composeApiDeps(config, {
    mailer,
    db,
    temporal,
    logger,
    healthChecks: {
      db: () => db.$queryRaw`SELECT 1`,
      temporal: () => connection.workflowService.getSystemInfo({}),
      smtp: () => mailer.verify(),
    },
    dnsResolver: testDnsResolver(['test.local', 'evil.example']),
  });
  const inboundSmtp = await composeInboundSmtp(config, appDeps, { port: 0, host: '127.0.0.1', captureAddresses: [CAPTURE_ADDRESS] });
  const app = composeApp(appDeps);
  const { server, baseUrl } = await listen(app);

  const coordinators = {} as Record<UnitCode | 'admin', { id: string; email: string; token: string }>;
  for (const unit of UNIT_CODES) {
    coordinators[unit] = await addCoordinator(db, {
      name: `Vägledare ${unit}`,
      email: `${unit}.${tag}@test.local`,
      unit,
      role: unit === REGION ? 'regional' : 'coordinator',
    });
  }
  coordinators.admin = await addCoordinator(db, { name: 'Admin', email: `admin.${tag}@test.local`, unit: REGION, role: 'admin' });
  const sources = {} as Record<SourceKind, { id: string; key: string }>;
  for (const kind of SOURCE_KINDS) {
    sources[kind] = await addIntakeSource(db, {
      name: `${kind} ${tag}`,
      kind,
      ...(kind === 'municipality-site' ? { municipality: 'are' as const } : {}),
    });
  }

  async function request(
    method: string,
    path: string,
    init: { body?: unknown; rawBody?: string; token?: string; apiKey?: string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.apiKey) headers['x-api-key'] = init.apiKey;
    if (init.body !== undefined || init.rawBody !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: init.rawBody ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
    });
    const text = await response.text();
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: response.status, headers: response.headers, body };
  }

  return {
    tag,
    app,
    baseUrl,
    databaseUrl,
    db,
    temporal,
    taskQueue,
    workflowIdPrefix,
    scheduleIds: scheduleIds(workflowIdPrefix),
    scheduleConfig,
    coordinators,
    sources,
    logLines,
    mailbox: createMailbox(harness.mailInboxUrl),
    inboundSmtpPort: inboundSmtp.port,
    /** The mail system's credential for POST /api/v1/inbound-email. */
    mailIngestKey,
    request,
    startWorker,
    stopWorker,
    /** The same API over another database client, e.g. one whose connection a fault test cuts. */
    async serveWithDatabase(otherDb: Database) {
      const other = await listen(
        composeApp({ ...appDeps, db: otherDb, logger: pino({ level: 'silent' }), healthChecks: { db: () => otherDb.$queryRaw`SELECT 1` } }),
      );
      return {
        baseUrl: other.baseUrl,
        close() {
          other.server.close();
          other.server.closeAllConnections();
        },
      };
    },
    intake: (body: unknown, source: SourceKind = 'tasteget', headers?: Record<string, string>) =>
      request('POST', '/api/v1/intake', { body, apiKey: sources[source].key, headers }),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await inboundSmtp.stop();
      for (const scheduleId of Object.values(scheduleIds(workflowIdPrefix))) {
        await temporal.schedule.getHandle(scheduleId).delete().catch(() => undefined);
      }
      // Open workflows of this file would otherwise keep timers on the shared server.
      for await (const execution of temporal.workflow.list({ query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'` })) {
        await temporal.workflow.getHandle(execution.workflowId).terminate('test file finished').catch(() => undefined);
      }
      await stopWorker();
      await connection.close();
      await nativeConnection.close();
      mailer.close();
      await db.$disconnect();
      await dropTestDatabase(harness.adminDatabaseUrl, databaseName);
    },
  };
}

export type TestProduct = Awaited<ReturnType<typeof startTestProduct>>;

/** A valid intake body; override what a test is about. */
export function intakeBody(overrides: Record<string, unknown> = {}) {
  const unique = randomBytes(4).toString('hex');
  return {
    firstName: 'Anna',
    lastName: `Andersson-${unique}`,
    email: `anna.${unique}@example.se`,
    phone: `+4670${String(Number.parseInt(unique, 16) % 10_000_000).padStart(7, '0')}`,
    preferredContactMethod: 'email',
    municipalities: ['are'],
    interests: ['housing', 'work'],
    message: `Vi funderar på att flytta till Åre med två barn (${unique}).`,
    household: { adults: 2, children: 2 },
    currentLocation: 'Göteborg',
    moveTimeframe: 'inom ett år',
    language: 'sv',
    consent: true,
    ...overrides,
  };
}
