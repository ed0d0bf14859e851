// One PostgreSQL server, one Temporal dev server and one SMTP sink for the whole run;
// each test file gets its own database and task queue on them (test/support/product.ts).
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres.js';
import { startMailSink } from '../../scripts/mail-sink.js';
import { freePort } from './free-port.js';
import { resolveTemporalCli } from '../../scripts/temporal-cli.js';
import { startTemporalDevServer } from '../../scripts/temporal-server.js';
import { ensureSearchAttributes } from '../../worker/search-attributes-setup.js';
import { WORKFLOWS_PATH } from '../../worker/create-worker.js';

export interface Harness {
  adminDatabaseUrl: string;
  temporalAddress: string;
  temporalCli: string;
  namespace: string;
  smtpPort: number;
  mailInboxUrl: string;
  workflowBundlePath: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    harness: Harness;
  }
}

const quiet = () => undefined;

export default async function setup(project: TestProject) {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'inflyttarvagledning-test-'));
  // As root, embedded PostgreSQL runs as the postgres user, which must reach its data dir.
  await chmod(workDir, 0o755);
  const stops: Array<() => Promise<unknown>> = [];

  let adminDatabaseUrl = process.env.TEST_DATABASE_URL;
  if (!adminDatabaseUrl) {
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'postgres'), port: await freePort(), log: quiet });
    stops.push(() => postgres.stop());
    adminDatabaseUrl = postgres.urlFor('postgres');
  }

  const temporalCli = await resolveTemporalCli({ log: (line) => console.log(line) });
  const namespace = 'default';
  const temporal = await startTemporalDevServer({
    cli: temporalCli,
    dbFile: path.join(workDir, 'temporal.sqlite'),
    port: await freePort(),
    namespace,
    log: quiet,
  });
  stops.push(() => temporal.stop());
  const connection = await Connection.connect({ address: temporal.address });
  await ensureSearchAttributes(connection, namespace);
  await connection.close();

  const smtpPort = await freePort();
  const mailSink = await startMailSink({ smtpPort, webPort: await freePort(), log: quiet });
  stops.push(() => mailSink.stop());

  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { log: quiet, info: quiet, warn: quiet, error: console.error, debug: quiet, trace: quiet } });
  const workflowBundlePath = path.join(workDir, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, bundle.code);

  project.provide('harness', {
    adminDatabaseUrl,
    temporalAddress: temporal.address,
    temporalCli,
    namespace,
    smtpPort,
    mailInboxUrl: mailSink.inboxUrl,
    workflowBundlePath,
  });

  return async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  };
}
