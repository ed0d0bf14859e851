// One benchmark's own servers on free loopback ports: an embedded PostgreSQL, a Temporal
// dev server (started only when asked for) and a counting SMTP sink. Nothing is shared
// between benchmarks, so one run cannot warm or slow the next.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { SMTPServer } from 'smtp-server';
import { applyMigrations } from '../../prisma/apply-migrations.js';
import { createDatabaseIfMissing, startEmbeddedPostgres } from '../../scripts/embedded-postgres.js';
import { resolveTemporalCli } from '../../scripts/temporal-cli.js';
import { startTemporalDevServer } from '../../scripts/temporal-server.js';
import { freePort } from '../../test/support/free-port.js';

export interface ReceivedMessage {
  at: number;
  subject: string;
  messageId: string;
  to: string;
}

/** An SMTP sink that accepts and counts (MailDev keeps every message in memory, which would measure MailDev). */
export async function startCountingSink() {
  const messages: ReceivedMessage[] = [];
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        received += 1;
        const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head.split(/\r?\n\r?\n/)[0] ?? '')?.[1]?.trim() ?? '';
        messages.push({
          at: Date.now(),
          subject: header('Subject'),
          messageId: header('Message-ID'),
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','),
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let sdkLoggingInstalled = false;

export async function startBenchEnvironment(name: string, options: { temporal?: boolean } = {}) {
  if (!sdkLoggingInstalled) {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    sdkLoggingInstalled = true;
  }
  const workDir = await mkdtemp(path.join(os.tmpdir(), `inflyttarvagledning-bench-${name}-`));
  await chmod(workDir, 0o755);
  const stops: Array<() => Promise<unknown>> = [() => rm(workDir, { recursive: true, force: true })];
  try {
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'pg'), port: await freePort() });
    stops.unshift(() => postgres.stop());
    await createDatabaseIfMissing(postgres.urlFor('postgres'), 'bench');
    const databaseUrl = postgres.urlFor('bench');
    await applyMigrations(databaseUrl);
    const temporal = options.temporal
      ? await startTemporalDevServer({
          cli: await resolveTemporalCli(),
          dbFile: path.join(workDir, 'temporal.sqlite'),
          port: await freePort(),
          namespace: 'default',
          log: () => undefined,
        })
      : undefined;
    if (temporal) stops.unshift(() => temporal.stop());
    const sink = await startCountingSink();
    stops.unshift(() => sink.stop());
    return {
      databaseUrl,
      temporalAddress: temporal?.address ?? '',
      sink,
      /** Runs before the servers stop, so that clients close before their server goes away. */
      defer(stop: () => Promise<unknown>) {
        stops.unshift(stop);
      },
      async stop() {
        for (const stop of stops) await stop().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => undefined);
    throw error;
  }
}

export type BenchEnvironment = Awaited<ReturnType<typeof startBenchEnvironment>>;
