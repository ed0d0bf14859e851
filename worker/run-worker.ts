import { NativeConnection } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createDatabase } from '../activities/database.js';
import { createMailer } from '../activities/mailer.js';
import type { Config } from '../domain/config.js';
import type { Endpoints } from '../api/serve.js';
import { createCaseWorker } from './create-worker.js';
import { routeTemporalLogsTo } from './sdk-logging.js';
import { temporalConnectionOptions } from './temporal-connection.js';

/** Starts a worker for the case task queue; stop() lets running activities finish. */
export async function startWorker(config: Config, endpoints: Endpoints, logger: Logger) {
  routeTemporalLogsTo(logger);
  const db = createDatabase(endpoints.databaseUrl, config.DATABASE_POOL_SIZE);
  const mailer = createMailer({ db, smtpUrl: endpoints.smtpUrl, from: config.MAIL_FROM });
  const connection = await NativeConnection.connect(temporalConnectionOptions(config, endpoints.temporalAddress));
  const worker = await createCaseWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activityDeps: {
      db,
      mailer,
      contactCardUrl: (contactId) => `${config.PUBLIC_BASE_URL}/api/v1/contacts/${contactId}`,
      captureAddress: config.INBOUND_CAPTURE_ADDRESS,
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
      mailer.close();
      await db.$disconnect();
    },
  };
}
