// `npm run worker`: a worker alone, for scale-out deployments (README, "Production"); also
// the child process that `npm start` forks (main/worker-process.ts).
import { createLogger } from '../platform/logger.js';
import { ConfigError, parseConfig } from '../domain/config.js';
import { requireExternalEndpoints } from '../platform/endpoints.js';
import { startWorker } from './start-worker.js';
import { WORKER_READY_MESSAGE } from './worker-process.js';
import { registerSearchAttributesAtStart } from '../worker/search-attributes-setup.js';
import { temporalConnectionOptions } from '../platform/temporal-connection.js';

async function main() {
  const config = parseConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  const endpoints = requireExternalEndpoints(config);
  await registerSearchAttributesAtStart(temporalConnectionOptions(config, endpoints.temporalAddress), config.TEMPORAL_NAMESPACE, logger);
  const worker = await startWorker(config, endpoints, logger);
  let stopping: Promise<void> | undefined;
  const stop = () => void (stopping ??= worker.stop().then(() => process.exit(0)));
  // A terminal's Ctrl-C reaches a forked worker and its parent alike; the parent then asks again.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (process.send) {
    process.send(WORKER_READY_MESSAGE);
    // A parent that dies without stopping its worker must not leave it polling.
    process.once('disconnect', stop);
  }
  await worker.running;
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
