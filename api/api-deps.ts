import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Mailer } from '../activities/mailer.js';
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
  /** The guides' web app; without it `/` points at the API reference. */
  web?: { mailer: Mailer; temporalWebUiUrl: string | null };
}
