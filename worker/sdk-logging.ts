import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';

let installed = false;

/**
 * Sends the Temporal SDK's own log (bundling, worker state) to pino, warnings and up only.
 * The SDK's own signal handling is switched off: it would re-raise SIGINT/SIGTERM after
 * the worker stops and kill the process before the services it started are stopped.
 */
export function routeTemporalLogsTo(logger: Logger, level: LogLevel = 'WARN'): void {
  if (installed) return;
  installed = true;
  Runtime.install({
    shutdownSignals: [],
    logger: new DefaultLogger(level, ({ level: entryLevel, message, meta }) => {
      const method = entryLevel === 'ERROR' ? 'error' : entryLevel === 'WARN' ? 'warn' : 'debug';
      logger[method]({ component: 'temporal-sdk', ...meta }, message);
    }),
  });
}
