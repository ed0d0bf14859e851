// Where the services are: PostgreSQL, Temporal and SMTP. `npm start` fills them with the
// embedded ones; `npm run api` and `npm run worker` join what `npm start` or production
// provides, and unset addresses fall back to the embedded ones.
import type { Config } from '../domain/config.js';

export interface Endpoints {
  databaseUrl: string;
  temporalAddress: string;
  smtpUrl: string;
}

export const LOCAL_DATABASE = 'inflyttarvagledning';

export function localDatabaseUrl(config: Config): string {
  return `postgresql://postgres:postgres@127.0.0.1:${config.EMBEDDED_POSTGRES_PORT}/${LOCAL_DATABASE}`;
}

export function requireExternalEndpoints(config: Config): Endpoints {
  return {
    databaseUrl: config.DATABASE_URL ?? localDatabaseUrl(config),
    temporalAddress: config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}`,
    smtpUrl: config.SMTP_URL ?? `smtp://127.0.0.1:${config.MAIL_SINK_SMTP_PORT}`,
  };
}

/** The same endpoints as settings, for a process started with them (npm start's worker). */
export function endpointsEnv(endpoints: Endpoints): Record<'DATABASE_URL' | 'TEMPORAL_ADDRESS' | 'SMTP_URL', string> {
  return { DATABASE_URL: endpoints.databaseUrl, TEMPORAL_ADDRESS: endpoints.temporalAddress, SMTP_URL: endpoints.smtpUrl };
}
