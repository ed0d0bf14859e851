import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { createMailer } from '../activities/mailer.js';
import { createDatabase } from '../platform/database.js';
import type { Config } from '../domain/config.js';
import { temporalConnectionOptions } from '../platform/temporal-connection.js';
import type { Endpoints } from '../platform/endpoints.js';
import { composeApiDeps, composeApp, composeInboundSmtp } from './compose.js';


/** Starts the HTTP API; the returned stop closes the server and its connections (SIGTERM). */
export async function startApi(config: Config, endpoints: Endpoints, logger: Logger) {
  const db = createDatabase(endpoints.databaseUrl, config.DATABASE_POOL_SIZE, { queryTimeoutMs: config.API_DATABASE_TIMEOUT_MS });
  const connection = await Connection.connect(temporalConnectionOptions(config, endpoints.temporalAddress));
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const smtp = nodemailer.createTransport(endpoints.smtpUrl);
  const mailer = createMailer({ db, smtpUrl: endpoints.smtpUrl, from: config.MAIL_FROM });
  const deps = composeApiDeps(config, {
    mailer,
    db,
    temporal,
    logger,
    healthChecks: {
      db: () => db.$queryRaw`SELECT 1`,
      temporal: () => connection.workflowService.getSystemInfo({}),
      smtp: () => smtp.verify(),
    },
  });
  const app = composeApp(deps);
  const inboundSmtp =
    config.INBOUND_SMTP_PORT > 0
      ? await composeInboundSmtp(config, deps, { port: config.INBOUND_SMTP_PORT, host: config.HOST, captureAddresses: [config.INBOUND_CAPTURE_ADDRESS] })
      : undefined;
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.PORT, config.HOST, () => resolve(listening));
    listening.once('error', reject);
  });
  logger.info({ port: config.PORT }, 'API listening');
  return {
    server,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await inboundSmtp?.stop();
      smtp.close();
      mailer.close();
      await connection.close();
      await db.$disconnect();
    },
  };
}
