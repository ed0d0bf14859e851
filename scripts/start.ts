// `npm start`: the whole product on embedded defaults. Every dependency that is not
// configured through the environment (DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL) is
// started here, and stopped again on Ctrl-C / SIGTERM.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createDatabase } from '../platform/database.js';
import { createLogger } from '../platform/logger.js';
import { startApi } from '../main/start-api.js';
import { ConfigError, parseConfig } from '../domain/config.js';
import { applyMigrations } from '../prisma/apply-migrations.js';
import { registerSearchAttributesAtStart } from '../worker/search-attributes-setup.js';
import { spawnWorkerProcess } from '../main/worker-process.js';
import { endpointsEnv } from '../platform/endpoints.js';
import { temporalConnectionOptions } from '../platform/temporal-connection.js';
import { LOCAL_DATABASE } from './local-database.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { StartupRefusal } from './postgres-reach.js';
import { startMailSink } from './mail-sink.js';
import { seedDemoData } from './seed-demo.js';
import { resolveTemporalCli } from './temporal-cli.js';
import { startTemporalDevServer } from './temporal-server.js';

const WORKER_STOP_WAIT_MS = 2_000;

async function main() {
  const startedAt = performance.now();
  const config = parseConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  const stops: Array<{ name: string; stop: () => Promise<unknown> }> = [];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const stoppingAt = performance.now();
    for (const { name, stop } of stops.reverse()) {
      // Says what a slow stop is waiting for, while it waits.
      const began = performance.now();
      logger.info({ service: name }, `waiting for ${name} to stop`);
      await stop().catch((error: Error) => logger.error({ service: name, errorName: error.name }, 'stop failed'));
      logger.info({ service: name, ms: Math.round(performance.now() - began) }, `${name} stopped`);
    }
    logger.info({ ms: Math.round(performance.now() - stoppingAt) }, 'stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const postgres = await startEmbeddedPostgres({
        dataDir: path.join(config.DATA_DIR, 'postgres'),
        port: config.EMBEDDED_POSTGRES_PORT,
        log: (line) => logger.debug({ service: 'postgres' }, line),
      });
      stops.push({ name: 'postgres', stop: () => postgres.stop() });
      await postgres.ensureDatabase(LOCAL_DATABASE);
      databaseUrl = postgres.urlFor(LOCAL_DATABASE);
      logger.info({ port: config.EMBEDDED_POSTGRES_PORT }, 'embedded PostgreSQL running');
    }
    const migrations = await applyMigrations(databaseUrl);
    logger.info({ applied: migrations.applied }, 'database migrated');

    let temporalAddress = config.TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      const cli = await resolveTemporalCli({ log: (line) => logger.info(line) });
      const temporal = await startTemporalDevServer({
        cli,
        dbFile: path.join(config.DATA_DIR, 'temporal.sqlite'),
        port: config.TEMPORAL_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        namespace: config.TEMPORAL_NAMESPACE,
        log: (line) => logger.debug({ service: 'temporal' }, line),
      });
      stops.push(temporal);
      temporalAddress = temporal.address;
      logger.info({ address: temporalAddress }, 'Temporal dev server running');
    }
    await registerSearchAttributesAtStart(temporalConnectionOptions(config, temporalAddress), config.TEMPORAL_NAMESPACE, logger);

    let smtpUrl = config.SMTP_URL;
    if (!smtpUrl) {
      const sink = await startMailSink({
        smtpPort: config.MAIL_SINK_SMTP_PORT,
        webPort: config.MAIL_SINK_WEB_PORT,
        mailDir: path.join(config.DATA_DIR, 'mail'),
        log: (line) => logger.debug({ service: 'maildev' }, line),
      });
      stops.push(sink);
      smtpUrl = sink.smtpUrl;
    }

    const endpoints = { databaseUrl, temporalAddress, smtpUrl };
    if (config.SEED_DEMO_DATA) await seedIfFresh(databaseUrl, config.DATA_DIR);

    const worker = await spawnWorkerProcess({ ...process.env, ...endpointsEnv(endpoints) }, config.WORKER_NICE);
    logger.info({ pid: worker.pid, nice: config.WORKER_NICE }, 'worker process polling');
    // A terminal's Ctrl-C reaches the Temporal dev server too: once it is gone the worker
    // would retry its last task report for ~10 s. Its activities are retried by Temporal
    // (they are idempotent), so waiting longer than a few seconds buys nothing.
    stops.push({ name: 'worker', stop: () => worker.stop(WORKER_STOP_WAIT_MS) });
    const api = await startApi(config, endpoints, logger);
    stops.push({ name: 'api', stop: () => api.stop() });

    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    console.log(`
  Inflyttarvägledning is running (started in ${seconds} s).
    Guides' web app    ${config.PUBLIC_BASE_URL}/   (sign in with a coordinator's email; the link arrives in the mail inbox)
    In-movers' pages   ${config.PUBLIC_BASE_URL}/form/<source name or id> (demo: /form/tasteget.nu, /form/are.se), ${config.PUBLIC_BASE_URL}/my-data
    API                ${config.PUBLIC_BASE_URL}/api/v1   (reference: ${config.PUBLIC_BASE_URL}/api/v1/docs)
    Health             ${config.PUBLIC_BASE_URL}/healthz
    Temporal Web UI    ${config.TEMPORAL_ADDRESS ? '(your Temporal cluster)' : `http://localhost:${config.TEMPORAL_UI_PORT}`}
    Mail inbox         ${config.SMTP_URL ? '(your SMTP server)' : `http://localhost:${config.MAIL_SINK_WEB_PORT}`}
    Dialog capture     ${config.INBOUND_SMTP_PORT > 0 ? `SMTP 127.0.0.1:${config.INBOUND_SMTP_PORT}, address ${config.INBOUND_CAPTURE_ADDRESS}` : 'POST /api/v1/inbound-email'}
  Ctrl-C stops everything.
`);
  } catch (error) {
    if (error instanceof StartupRefusal) {
      // Refused before anything started: the one line says why and what to do.
      console.error(error.message);
      process.exit(1);
    }
    logger.fatal({ err: error }, 'start-up failed');
    await shutdown('start-up failure');
  }
}

async function seedIfFresh(databaseUrl: string, dataDir: string) {
  const db = createDatabase(databaseUrl, 2);
  try {
    const seeded = await seedDemoData(db);
    if (!seeded) return;
    const file = path.join(dataDir, 'demo-credentials.json');
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, `${JSON.stringify(seeded, null, 2)}\n`, { mode: 0o600 });
    console.log('\n  Fresh database: demo accounts created. Their secrets (shown once, also kept in', file, '):');
    for (const c of seeded.coordinators) console.log(`    coordinator ${c.unit.padEnd(10)} ${c.role.padEnd(11)} ${c.email.padEnd(42)} ${c.token}`);
    for (const s of seeded.sources) console.log(`    source      ${s.kind.padEnd(22)} ${s.name.padEnd(30)} ${s.key}`);
    for (const s of seeded.sources.filter((source) => source.kind === 'tasteget' || source.kind === 'municipality-site')) {
      console.log(`    form        ${s.name.padEnd(22)} /form/${encodeURIComponent(s.name)}  (or /form/${s.id})`);
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
