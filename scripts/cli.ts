// Management commands: `npm run -s cli -- <command> …` (see README).
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { createDatabase } from '../platform/database.js';
import { Client, Connection } from '@temporalio/client';
import { parseConfig, type Config } from '../domain/config.js';
import { maintenanceScheduleConfig } from '../platform/schedules.js';
import { scheduleIds, syncSchedules, triggerScheduledRun } from '../platform/schedules.js';
import { temporalConnectionOptions } from '../platform/temporal-connection.js';
import { firstReplyDueAt } from '../domain/working-days.js';
import { STOCKHOLM_ZONE, toStockholmIso } from '../domain/stockholm-time.js';
import { DomainError } from '../domain/errors.js';
import { applyMigrations } from '../prisma/apply-migrations.js';
import { addCoordinator, newCoordinatorRequest, revokeCoordinator } from '../api/use-cases/coordinators.js';
import { addIntakeSource, newIntakeSourceRequest } from '../api/use-cases/intake-sources.js';
import { openDatabaseUrl } from './local-database.js';

const USAGE = `Usage:
  npm run -s cli -- sla-deadline <receivedAt ISO-8601>
  npm run -s cli -- schedules sync
  npm run -s cli -- reviews start
  npm run -s cli -- retention start
  npm run -s cli -- coordinator add --unit <unit> --email <email> --name <name> --role <coordinator|regional|admin|viewer>
  npm run -s cli -- coordinator revoke --email <email>
  npm run -s cli -- source add --name <name> --kind <tasteget|municipality-site|manual|import> [--municipality <code>]`;

class UsageError extends Error {}

// Without an offset the time is read as Stockholm local time, the zone of the rule.
const receivedAtArg = z.iso
  .datetime({ offset: true, local: true, error: 'expected an ISO-8601 time, e.g. 2026-12-21T09:30:00+01:00' })
  .transform((value) => DateTime.fromISO(value, { zone: STOCKHOLM_ZONE }).toJSDate());
function parseOrUsage<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new UsageError(result.error.issues.map((issue) => `--${issue.path.join('.') || 'value'}: ${issue.message}`).join('\n'));
  }
  return result.data;
}

async function withDatabase<T>(work: (db: ReturnType<typeof createDatabase>) => Promise<T>): Promise<T> {
  const config = parseConfig(process.env);
  const database = await openDatabaseUrl(config, () => undefined);
  await applyMigrations(database.url);
  const db = createDatabase(database.url, 2);
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

async function withTemporal<T>(work: (client: Client, config: Config) => Promise<T>): Promise<T> {
  const config = parseConfig(process.env);
  const address = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}`;
  const connection = await Connection.connect(temporalConnectionOptions(config, address));
  try {
    return await work(new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), config);
  } finally {
    await connection.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, subcommand] = argv;
  if (command === 'sla-deadline') {
    const receivedAt = parseOrUsage(receivedAtArg, argv[1]);
    console.log(JSON.stringify({ receivedAt: argv[1], dueAt: toStockholmIso(firstReplyDueAt(receivedAt)) }));
    return;
  }
  if (command === 'schedules' && subcommand === 'sync') {
    const synced = await withTemporal((client, config) => syncSchedules(client, maintenanceScheduleConfig(config)));
    console.log(JSON.stringify({ synced }));
    return;
  }
  if ((command === 'reviews' || command === 'retention') && subcommand === 'start') {
    const run = await withTemporal((client, config) => {
      const ids = scheduleIds(config.WORKFLOW_ID_PREFIX);
      return triggerScheduledRun(client, command === 'reviews' ? ids.review : ids.retention);
    });
    console.log(JSON.stringify(run));
    return;
  }
  const { values } = parseArgs({
    args: argv.slice(2),
    options: {
      unit: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      kind: { type: 'string' },
      municipality: { type: 'string' },
    },
    strict: true,
  });
  if (command === 'coordinator' && subcommand === 'add') {
    const args = parseOrUsage(newCoordinatorRequest, values);
    const created = await withDatabase((db) => addCoordinator(db, args));
    console.log(JSON.stringify(created, null, 2));
    console.error('The token is shown only this once; store it now.');
    return;
  }
  if (command === 'coordinator' && subcommand === 'revoke') {
    const { email } = parseOrUsage(z.object({ email: z.email() }), values);
    const revoked = await withDatabase((db) => 
      revokeCoordinator(db, { email }).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === 'not-found') return null;
        throw error;
      }),
    );
    if (!revoked) throw new UsageError(`No coordinator with email ${email}`);
    console.log(JSON.stringify({ email, revoked: true }));
    return;
  }
  if (command === 'source' && subcommand === 'add') {
    const args = parseOrUsage(newIntakeSourceRequest, values);
    const created = await withDatabase((db) => addIntakeSource(db, args));
    console.log(JSON.stringify(created, null, 2));
    console.error('The key is shown only this once; store it now.');
    return;
  }
  throw new UsageError(`Unknown command: ${argv.join(' ') || '(none)'}`);
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error instanceof UsageError || error instanceof TypeError ? `${error.message}\n\n${USAGE}` : error.message);
  process.exit(error instanceof UsageError || error instanceof TypeError ? 2 : 1);
});
