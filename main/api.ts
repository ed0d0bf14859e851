// `npm run api`: the HTTP API alone, for scale-out deployments (README, "Production").
import { ConfigError, parseConfig } from '../domain/config.js';
import { requireExternalEndpoints } from '../platform/endpoints.js';
import { createLogger } from '../platform/logger.js';
import { startApi } from './start-api.js';

async function main() {
  const config = parseConfig(process.env);
  const logger = createLogger(config.LOG_LEVEL);
  const api = await startApi(config, requireExternalEndpoints(config), logger);
  const stop = () => void api.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
