import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createDatabase } from '../activities/database.js';
import { createMailer } from '../activities/mailer.js';
import type { Config } from '../domain/config.js';
import type { Endpoints } from '../api/serve.js';
import { createProductWorker } from './create-worker.js';
import { syncSchedules, type MaintenanceScheduleConfig } from './schedules.js';
import { routeTemporalLogsTo } from './sdk-logging.js';
import { temporalConnectionOptions } from './temporal-connection.js';

export function maintenanceScheduleConfig(config: Config): MaintenanceScheduleConfig {
  return {
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    idPrefix: config.WORKFLOW_ID_PREFIX,
    reviewCron: config.REVIEW_SCHEDULE,
    retentionCron: config.RETENTION_SCHEDULE,
    review: {
      remindAfter: config.REVIEW_REMIND_AFTER,
      closeAfter: config.REVIEW_CLOSE_AFTER,
      progressRefreshEvery: config.REVIEW_PROGRESS_REFRESH,
    },
    retention: { approvalTimeout: config.RETENTION_APPROVAL_TIMEOUT, batchSize: config.RETENTION_BATCH_SIZE },
  };
}

/** Starts a worker for the task queue and brings the maintenance schedules up to date; stop() lets running activities finish. */
export async function startWorker(config: Config, endpoints: Endpoints, logger: Logger) {
  routeTemporalLogsTo(logger);
  const db = createDatabase(endpoints.databaseUrl, config.DATABASE_POOL_SIZE);
  const mailer = createMailer({ db, smtpUrl: endpoints.smtpUrl, from: config.MAIL_FROM });
  const connectionOptions = temporalConnectionOptions(config, endpoints.temporalAddress);
  const connection = await NativeConnection.connect(connectionOptions);
  const clientConnection = await Connection.connect(connectionOptions);
  const temporal = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  const synced = await syncSchedules(temporal, maintenanceScheduleConfig(config));
  logger.info({ schedules: synced }, 'maintenance schedules in place');
  const base = config.PUBLIC_BASE_URL;
  const worker = await createProductWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activityDeps: {
      db,
      mailer,
      temporal,
      contactCardUrl: (contactId) => `${base}/contacts/${contactId}`,
      reviewUrl: (reviewId) => `${base}/api/v1/reviews/${reviewId}`,
      retentionRunUrl: (runId) => `${base}/api/v1/admin/retention-runs/${runId}`,
      captureAddress: config.INBOUND_CAPTURE_ADDRESS,
      publicBaseUrl: base,
    },
  });
  const running = worker.run();
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker polling');
  return {
    running,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await clientConnection.close();
      mailer.close();
      await db.$disconnect();
    },
  };
}
