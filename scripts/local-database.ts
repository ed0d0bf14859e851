// The embedded PostgreSQL that `npm start` uses when DATABASE_URL is not set.
import path from 'node:path';
import type { Config } from '../domain/config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { isPortOpen } from './services.js';
import { LOCAL_DATABASE, localDatabaseUrl } from '../platform/endpoints.js';

export { LOCAL_DATABASE, localDatabaseUrl } from '../platform/endpoints.js';

/** Uses DATABASE_URL, else the embedded server: the running one, or one started here. */
export async function openDatabaseUrl(config: Config, log: (line: string) => void) {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => undefined };
  if (await isPortOpen(config.EMBEDDED_POSTGRES_PORT)) return { url: localDatabaseUrl(config), stop: async () => undefined };
  const server = await startEmbeddedPostgres({
    dataDir: path.join(config.DATA_DIR, 'postgres'),
    port: config.EMBEDDED_POSTGRES_PORT,
    log,
  });
  await server.ensureDatabase(LOCAL_DATABASE);
  return { url: server.urlFor(LOCAL_DATABASE), stop: () => server.stop() };
}
