// `npm run worker`: a worker alone, for scale-out deployments (README, "Production").
import { createLogger } from '../platform/logger.js';
import { ConfigError, parseConfig } from '../domain/config.js';
import { requireExternalEndpoints } from '../platform/endpoints.js';
import { startWorker } from './start-worker.js';
import { registerSearchAttributesAtStart } from '../worker/search-attributes-setup.js';
import { temporalConnectionOptions } from '../platform/temporal-connection.js';

async function main() {
  const config = parseConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  const endpoints = requireExternalEndpoints(config);
  await registerSearchAttributesAtStart(temporalConnectionOptions(config, endpoints.temporalAddress), config.TEMPORAL_NAMESPACE, logger);
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
