// The composition root: the one place that turns validated config and connected resources
// into the API's and the worker's dependencies. Used by `npm start`, `npm run api`,
// `npm run worker` and the test harness, so they cannot wire the product differently.
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { ApiDeps } from '../api/api-deps.js';
import type { DependencyCheck } from '../api/health.js';
import type { Config } from '../domain/config.js';
import { durationToMs } from '../domain/duration.js';
import type { Database } from '../platform/database.js';
import { scheduleIds } from '../platform/schedules.js';
import type { ActivityDeps } from '../worker/create-worker.js';
import type { Mailer } from '../activities/mailer.js';
import type { DNSResolver } from '../activities/inbound-email-origin.js';
import { createApp } from '../api/app.js';
import { defaultAuthenticators } from '../api/route-table/authenticators.js';
import { webAssets } from '../web/assets.js';
import { webRoutes } from '../web/pages.js';
import { sessionCookieAuthenticator } from '../web/session-authenticator.js';

export function composeApiDeps(
  config: Config,
  resources: {
    db: Database;
    temporal: Client;
    logger: Logger;
    healthChecks: Record<string, DependencyCheck>;
    /** Where DKIM keys are looked up; the system's DNS unless given (tests publish their own). */
    dnsResolver?: DNSResolver;
    mailer?: Mailer;
  },
): ApiDeps {
  const { dnsResolver, mailer, ...shared } = resources;
  return {
    ...shared,
    // The web app signs guides in by email, so it comes with a mailer. The Web UI link is
    // shown for the embedded Temporal dev server only; a production cluster has its own.
    ...(mailer
      ? {
          web: {
            mailer,
            temporalWebUiUrl: config.TEMPORAL_ADDRESS ? null : `http://localhost:${config.TEMPORAL_UI_PORT}/namespaces/${config.TEMPORAL_NAMESPACE}`,
          },
        }
      : {}),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowIdPrefix: config.WORKFLOW_ID_PREFIX,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    inboundEmail: {
      captureAddresses: [config.INBOUND_CAPTURE_ADDRESS],
      trustedCoordinatorDomains: config.COORDINATOR_EMAIL_DOMAINS,
      trustedAuthservIds: config.INBOUND_TRUSTED_AUTHSERV_IDS,
      ingestKeyHash: config.INBOUND_EMAIL_INGEST_KEY_SHA256,
      ...(dnsResolver ? { dnsResolver } : {}),
    },
    scheduleIds: scheduleIds(config.WORKFLOW_ID_PREFIX),
    intakeFormOrigins: config.INTAKE_FORM_ORIGINS,
    intakeRepeatWindowMs: durationToMs(config.INTAKE_REPEAT_WINDOW),
    rateLimits: {
      intakePerMinute: config.INTAKE_RATE_LIMIT_PER_MINUTE,
      intakeInFlight: config.INTAKE_MAX_IN_FLIGHT,
      failedAuthPerMinute: config.FAILED_AUTH_LIMIT_PER_MINUTE,
      subscribePerMinute: config.NEWSLETTER_SUBSCRIBE_LIMIT_PER_MINUTE,
    },
    trustProxy: config.TRUST_PROXY,
    campaignSending: { batchSize: config.NEWSLETTER_BATCH_SIZE, messagesPerSecond: config.NEWSLETTER_MESSAGES_PER_SECOND },
  };
}

export function composeActivityDeps(
  config: Config,
  resources: { db: Database; mailer: Mailer; temporal: Client },
  testHooks: Pick<ActivityDeps, 'deadlines' | 'beforeBatch'> = {},
): ActivityDeps {
  const base = config.PUBLIC_BASE_URL;
  return {
    ...resources,
    contactCardUrl: (contactId) => `${base}/contacts/${contactId}`,
    // The web app's review page always shows the current round.
    reviewUrl: () => `${base}/review`,
    retentionRunUrl: (runId) => `${base}/api/v1/admin/retention-runs/${runId}`,
    captureAddress: config.INBOUND_CAPTURE_ADDRESS,
    publicBaseUrl: base,
    ...testHooks,
  };
}

/** The HTTP app: the JSON API and, when its deps include the web app's, the guides' pages with their session cookie. */
export function composeApp(deps: ApiDeps) {
  if (!deps.web) return createApp(deps);
  return createApp(deps, {
    authenticators: defaultAuthenticators(deps.db, {
      mailIngestKeyHash: deps.inboundEmail.ingestKeyHash,
      browserStaff: [sessionCookieAuthenticator(deps.db, deps.publicBaseUrl)],
    }),
    pages: { assets: webAssets(), routes: webRoutes },
  });
}
