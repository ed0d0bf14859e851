import type { Endpoints } from '../api/serve.js';
import type { Config } from '../domain/config.js';
import { localDatabaseUrl } from './local-database.js';

/**
 * `npm run api` and `npm run worker` start nothing themselves; they join the services
 * that `npm start` or production provides. Unset addresses fall back to the embedded ones.
 */
export function requireExternalEndpoints(config: Config): Endpoints {
  const endpoints = {
    databaseUrl: config.DATABASE_URL ?? localDatabaseUrl(config),
    temporalAddress: config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}`,
    smtpUrl: config.SMTP_URL ?? `smtp://127.0.0.1:${config.MAIL_SINK_SMTP_PORT}`,
  };
  return endpoints;
}
