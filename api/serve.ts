import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { createDatabase } from '../activities/database.js';
import { createMailer } from '../activities/mailer.js';
import type { Config } from '../domain/config.js';
import { temporalConnectionOptions } from '../worker/temporal-connection.js';
import { createApp } from './app.js';
import { scheduleIds } from '../worker/schedules.js';
import { startInboundSmtp } from './inbound-smtp.js';
import { INBOUND_EMAIL_MAX_BYTES } from './routes/inbound-email.js';
import { ingestInboundEmail } from './use-cases/ingest-inbound-email.js';

export interface Endpoints {
  databaseUrl: string;
  temporalAddress: string;
  smtpUrl: string;
}

/** Starts the HTTP API; the returned stop closes the server and its connections (SIGTERM). */
export async function startApi(config: Config, endpoints: Endpoints, logger: Logger) {
  const db = createDatabase(endpoints.databaseUrl, config.DATABASE_POOL_SIZE);
  const connection = await Connection.connect(temporalConnectionOptions(config, endpoints.temporalAddress));
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const smtp = nodemailer.createTransport(endpoints.smtpUrl);
  const inboundEmail = {
    captureAddresses: [config.INBOUND_CAPTURE_ADDRESS],
    trustedCoordinatorDomains: config.COORDINATOR_EMAIL_DOMAINS,
  };
  const mailer = createMailer({ db, smtpUrl: endpoints.smtpUrl, from: config.MAIL_FROM });
  const app = createApp({
    web: {
      mailer,
      temporalWebUiUrl: config.TEMPORAL_ADDRESS ? null : `http://localhost:${config.TEMPORAL_UI_PORT}/namespaces/${config.TEMPORAL_NAMESPACE}`,
    },
    inboundEmail,
    scheduleIds: scheduleIds(config.WORKFLOW_ID_PREFIX),
    intakeFormOrigins: config.INTAKE_FORM_ORIGINS,
    rateLimits: { intakePerMinute: config.INTAKE_RATE_LIMIT_PER_MINUTE, failedAuthPerMinute: config.FAILED_AUTH_LIMIT_PER_MINUTE },
    campaignSending: { batchSize: config.NEWSLETTER_BATCH_SIZE, messagesPerSecond: config.NEWSLETTER_MESSAGES_PER_SECOND },
    db,
    temporal,
    logger,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowIdPrefix: config.WORKFLOW_ID_PREFIX,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    healthChecks: {
      db: () => db.$queryRaw`SELECT 1`,
      temporal: () => connection.workflowService.getSystemInfo({}),
      smtp: () => smtp.verify(),
    },
  });
  const inboundSmtp =
    config.INBOUND_SMTP_PORT > 0
      ? await startInboundSmtp({
          port: config.INBOUND_SMTP_PORT,
          host: config.HOST,
          captureAddresses: [config.INBOUND_CAPTURE_ADDRESS],
          maxBytes: INBOUND_EMAIL_MAX_BYTES,
          logger,
          ingest: (raw) => ingestInboundEmail({ db, temporal, ...inboundEmail }, raw, 'smtp'),
        })
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
