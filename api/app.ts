import { createRequire } from 'node:module';
import path from 'node:path';
import cors from 'cors';
import express, { Router } from 'express';
import helmet from 'helmet';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Database } from '../activities/database.js';
import { requireCoordinator } from './auth.js';
import { checkHealth, type DependencyCheck } from './health.js';
import { requireJsonBody } from './json-body.js';
import { requestLogger } from './logger.js';
import { failedAuthRateLimit, intakeRateLimit, type RateLimits } from './rate-limits.js';
import { openApiDocument } from './openapi.js';
import { ProblemError, problemErrorHandler, sendProblem } from './problem.js';
import { caseRoutes } from './routes/cases.js';
import { contactRoutes } from './routes/contacts.js';
import { inboundEmailRoutes } from './routes/inbound-email.js';
import { campaignRoutes } from './routes/campaigns.js';
import { intakeRoutes } from './routes/intake.js';
import { newsletterRoutes } from './routes/newsletter.js';
import { personalDataRoutes } from './routes/personal-data.js';
import { selectionRoutes } from './routes/selections.js';
import { maintenanceRoutes } from './routes/maintenance.js';
import { reportRoutes } from './routes/reports.js';
import { apiReferenceInitScript, apiReferencePage } from './reference-page.js';
import type { Mailer } from '../activities/mailer.js';
import { webAssets } from '../web/assets.js';
import { webPages } from '../web/pages.js';
import { registerPages } from '../web/register-pages.js';

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

const require = createRequire(import.meta.url);

export function createApp(deps: ApiDeps) {
  const app = express();
  app.disable('x-powered-by');
  // The reference and report pages load their own scripts and styles only.
  // Over plain http (local use) upgrading would send the web app's htmx requests to an https port that is not there.
  const upgrade: Record<string, null> = deps.publicBaseUrl.startsWith('https:') ? {} : { 'upgrade-insecure-requests': null };
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'], ...upgrade } } }));
  app.set('query parser', 'simple');
  app.use(requestLogger(deps.logger));

  app.get('/healthz', async (_req, res) => {
    const report = await checkHealth(deps.healthChecks);
    res.status(report.status === 'up' ? 200 : 503).json(report);
  });

  const v1 = Router();
  v1.use(failedAuthRateLimit(deps.rateLimits));
  // Raw RFC 5322 bodies: mounted before the JSON-only rule.
  v1.use(inboundEmailRoutes({ db: deps.db, temporal: deps.temporal, ...deps.inboundEmail }));
  // RFC 8058 one-click unsubscribe posts a form body; the other newsletter routes take JSON.
  v1.use(newsletterRoutes(deps));
  v1.use(requireJsonBody, express.json({ limit: '64kb', strict: true }));
  v1.get('/openapi.json', (_req, res) => res.json(openApiDocument(deps.publicBaseUrl)));
  v1.use('/docs/assets', express.static(path.dirname(require.resolve('swagger-ui-dist/package.json')), { index: false }));
  v1.get('/docs/init.js', (_req, res) => res.type('js').send(apiReferenceInitScript('/api/v1/openapi.json')));
  v1.get('/docs', (_req, res) => res.type('html').send(apiReferencePage('/api/v1/docs/assets', '/api/v1/docs/init.js')));
  // Web forms on tasteget.nu and the municipality sites post from the browser: only their origins may.
  v1.use('/intake', cors({ origin: deps.intakeFormOrigins, methods: ['POST'], allowedHeaders: ['Content-Type', 'X-Api-Key', 'Idempotency-Key'] }));
  v1.use('/intake', intakeRateLimit(deps.rateLimits));
  v1.use(intakeRoutes(deps));
  const coordinatorsOnly = requireCoordinator(deps.db);
  v1.use(['/contacts', '/cases', '/reports', '/selections', '/campaigns'], coordinatorsOnly);
  v1.use(personalDataRoutes(deps));
  v1.use(contactRoutes(deps));
  v1.use(caseRoutes(deps));
  v1.use(reportRoutes(deps));
  v1.use(maintenanceRoutes(deps));
  v1.use(selectionRoutes(deps));
  v1.use(campaignRoutes(deps));
  app.use('/api/v1', v1);

  if (deps.web) {
    app.use(webAssets());
    app.use(
      registerPages(
        { ...deps.web, db: deps.db, temporal: deps.temporal, publicBaseUrl: deps.publicBaseUrl, captureAddress: deps.inboundEmail.captureAddresses[0] ?? '' },
        webPages,
      ),
    );
  } else {
    app.get('/', (_req, res) => res.redirect('/api/v1/docs'));
  }
  app.use((req, res) => sendProblem(res, new ProblemError(404, 'not-found', 'No such resource'), req.path));
  app.use(problemErrorHandler);
  return app;
}
