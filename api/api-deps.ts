import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Mailer } from '../activities/mailer.js';
import type { Database } from '../platform/database.js';
import type { DependencyCheck } from './health.js';
import type { RateLimits } from './rate-limits.js';
import type { InboundEmailSettings } from './use-cases/ingest-inbound-email.js';

/** Everything the HTTP API needs; built by platform/ (or the test harness). */
export interface ApiDeps {
  db: Database;
  temporal: Client;
  logger: Logger;
  taskQueue: string;
  workflowIdPrefix: string;
  publicBaseUrl: string;
  healthChecks: Record<string, DependencyCheck>;
  inboundEmail: InboundEmailSettings;
  scheduleIds: { review: string; retention: string };
  campaignSending: { batchSize: number; messagesPerSecond: number };
  intakeFormOrigins: string[];
  /** INTAKE_REPEAT_WINDOW in milliseconds: the same form again within it is the same case. */
  intakeRepeatWindowMs: number;
  rateLimits: RateLimits;
  /** Express "trust proxy" (config TRUST_PROXY); off unless set. */
  trustProxy?: boolean | number | string[];
  /** The guides' web app; without it `/` points at the API reference. */
  web?: { mailer: Mailer; temporalWebUiUrl: string | null };
}
