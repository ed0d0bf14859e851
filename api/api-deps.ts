import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Database } from '../platform/database.js';
import type { DependencyCheck } from './health.js';
import type { RateLimits } from './rate-limits.js';

/** Everything the HTTP API needs; built by platform/ (or the test harness). */
export interface ApiDeps {
  db: Database;
  temporal: Client;
  logger: Logger;
  taskQueue: string;
  workflowIdPrefix: string;
  publicBaseUrl: string;
  healthChecks: Record<string, DependencyCheck>;
  inboundEmail: { captureAddresses: string[]; trustedCoordinatorDomains: string[] };
  scheduleIds: { review: string; retention: string };
  campaignSending: { batchSize: number; messagesPerSecond: number };
  intakeFormOrigins: string[];
  rateLimits: RateLimits;
  /** Express "trust proxy" (config TRUST_PROXY); off unless set. */
  trustProxy?: boolean | number | string[];
}
