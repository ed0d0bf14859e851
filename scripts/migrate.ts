// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (or the embedded database).
import { parseConfig } from '../domain/config.js';
import { applyMigrations } from '../prisma/apply-migrations.js';
import { openDatabaseUrl } from './local-database.js';

const config = parseConfig(process.env);
const database = await openDatabaseUrl(config, () => undefined);
try {
  const result = await applyMigrations(database.url);
  console.log(
    result.applied.length ? `Applied: ${result.applied.join(', ')}` : `Up to date (${result.alreadyApplied} migrations).`,
  );
} finally {
  await database.stop();
}
