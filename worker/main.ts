// `npm run worker`: a worker alone, for scale-out deployments (README, "Production").
import { Connection } from '@temporalio/client';
import { createLogger } from '../api/logger.js';
import { ConfigError, parseConfig } from '../domain/config.js';
import { requireExternalEndpoints } from '../scripts/external-endpoints.js';
import { startWorker } from './run-worker.js';
import { ensureSearchAttributes } from './search-attributes-setup.js';
import { temporalConnectionOptions } from './temporal-connection.js';

async function main() {
  const config = parseConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  const endpoints = requireExternalEndpoints(config);
  const connection = await Connection.connect(temporalConnectionOptions(config, endpoints.temporalAddress));
  try {
    const added = await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
    if (added.length) logger.info({ added }, 'search attributes registered');
  } catch (error) {
    logger.warn({ errorName: (error as Error).name }, 'could not register search attributes (on Temporal Cloud, use tcld)');
  } finally {
    await connection.close();
  }
  const worker = await startWorker(config, endpoints, logger);
  const stop = () => void worker.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await worker.running;
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
