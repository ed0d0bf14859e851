import { createRequire } from 'node:module';
import path from 'node:path';
import cors from 'cors';
import express, { Router } from 'express';
import helmet from 'helmet';
import type { ApiDeps } from './api-deps.js';
import { problemFor, RETRY_AFTER_SECONDS } from './error-table.js';
import { checkHealth } from './health.js';
import { requestLogger } from './logger.js';
import { ProblemError, problemErrorHandler, sendProblem } from './problem.js';
import { admissionControl } from './admission.js';
import { failedAuthRateLimit, hostedFormRateLimit, intakeRateLimit, subscribeRateLimit } from './rate-limits.js';
import { defaultAuthenticators, type Authenticators } from './route-table/authenticators.js';
import { openApiDocument } from './route-table/openapi-document.js';
import { registerRoutes } from './route-table/register-routes.js';
import type { Route } from './route-table/route.js';
import { routeTable } from './routes/index.js';

export type { ApiDeps } from './api-deps.js';

const require = createRequire(import.meta.url);

export interface AppOptions {
  authenticators?: Authenticators;
  /** The guides' web app (composed in main/): its static assets and its pages, routes mounted at `/`. */
  pages?: { assets: Router; routes: readonly Route[] };
}

export function createApp(deps: ApiDeps, options: AppOptions = {}) {
  const authenticators = options.authenticators ?? defaultAuthenticators(deps.db, { mailIngestKeyHash: deps.inboundEmail.ingestKeyHash });
  const app = express();
  app.disable('x-powered-by');
  // Rate limits key on req.ip: behind a load balancer it must come from X-Forwarded-For.
  app.set('trust proxy', deps.trustProxy ?? false);
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
  v1.use('/docs/assets', express.static(path.dirname(require.resolve('swagger-ui-dist/package.json')), { index: false }));
  // Web forms on tasteget.nu and the municipality sites post from the browser: only their origins may.
  v1.use('/intake', cors({ origin: deps.intakeFormOrigins, methods: ['POST'], allowedHeaders: ['Content-Type', 'X-Api-Key', 'Idempotency-Key'] }));
  v1.use('/intake', intakeRateLimit(deps.rateLimits));
  if (deps.rateLimits.intakeInFlight) v1.use('/intake', admissionControl({ maxInFlight: deps.rateLimits.intakeInFlight }));
  // The public subscribe form sends an email to any address typed in. A middleware, not a
  // route, so the route table stays the one list of operations.
  const subscribeLimit = subscribeRateLimit(deps.rateLimits.subscribePerMinute);
  v1.use('/newsletter/subscribe', (req, res, next) => (req.method === 'POST' ? subscribeLimit(req, res, next) : next()));
  let document: unknown;
  const routes = routeTable(() => (document ??= openApiDocument(routes, authenticators, deps.publicBaseUrl)));
  registerRoutes(v1, routes, { deps, authenticators });
  app.use('/api/v1', v1);

  if (options.pages) {
    app.use(options.pages.assets);
    app.use('/form', hostedFormRateLimit(deps.rateLimits));
    const pages = Router();
    registerRoutes(pages, options.pages.routes, { deps, authenticators, mount: '/' });
    app.use(pages);
  } else {
    app.get('/', (_req, res) => res.redirect('/api/v1/docs'));
  }
  app.use((req, res) => sendProblem(res, new ProblemError(404, 'not-found', 'No such resource'), req.path));
  app.use(problemErrorHandler(problemFor, RETRY_AFTER_SECONDS));
  return app;
}
