import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createDatabase } from '../platform/database.js';
import { createMailer } from '../activities/mailer.js';
import type { Config } from '../domain/config.js';
import type { Endpoints } from '../platform/endpoints.js';
import { createProductWorker, type ActivityDeps } from '../worker/create-worker.js';
import { composeActivityDeps } from './compose.js';
import { maintenanceScheduleConfig, syncSchedules } from '../platform/schedules.js';
import { routeTemporalLogsTo } from '../worker/sdk-logging.js';
import { temporalConnectionOptions } from '../platform/temporal-connection.js';

/** What tests put in: deadlines seconds away and the run's prebuilt workflow bundle. */
export interface WorkerOverrides {
  deadlines?: ActivityDeps['deadlines'];
  workflowBundle?: WorkflowBundleOption;
}

/** Starts a worker for the task queue and brings the maintenance schedules up to date; stop() lets running activities finish. */
export async function startWorker(config: Config, endpoints: Endpoints, logger: Logger, overrides: WorkerOverrides = {}) {
  routeTemporalLogsTo(logger);
  const db = createDatabase(endpoints.databaseUrl, config.DATABASE_POOL_SIZE);
  const mailer = createMailer({ db, smtpUrl: endpoints.smtpUrl, from: config.MAIL_FROM, poolSize: config.SMTP_POOL_SIZE });
  const connectionOptions = temporalConnectionOptions(config, endpoints.temporalAddress);
  const connection = await NativeConnection.connect(connectionOptions);
  const clientConnection = await Connection.connect(connectionOptions);
  const temporal = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  const synced = await syncSchedules(temporal, maintenanceScheduleConfig(config));
  logger.info({ schedules: synced }, 'maintenance schedules in place');
  const worker = await createProductWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowBundle: overrides.workflowBundle,
    activityDeps: composeActivityDeps(config, { db, mailer, temporal }, { deadlines: overrides.deadlines }),
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
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
