import { pino, type Logger } from 'pino';

/** One JSON logger per process; personal data is never logged (README, "Production"). */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'inflyttarvagledning' } });
}
