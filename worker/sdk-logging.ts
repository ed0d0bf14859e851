import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';

let installed = false;

/** Sends the Temporal SDK's own log (bundling, worker state) to pino, warnings and up only. */
export function routeTemporalLogsTo(logger: Logger, level: LogLevel = 'WARN'): void {
  if (installed) return;
  installed = true;
  Runtime.install({
    logger: new DefaultLogger(level, ({ level: entryLevel, message, meta }) => {
      const method = entryLevel === 'ERROR' ? 'error' : entryLevel === 'WARN' ? 'warn' : 'debug';
      logger[method]({ component: 'temporal-sdk', ...meta }, message);
    }),
  });
}
