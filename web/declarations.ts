// One declaration per page or form post, in the product's route table: `page()` turns the
// web app's short form (method, path, access, zod schemas, a handler that receives the
// parsed input and the page's caller) into a route mounted at `/`, left out of the
// OpenAPI document but walked by the access matrix. What every page shares (sign-in
// redirect, CSRF, the problem page, session cookies) is written once, here.
import type { Client } from '@temporalio/client';
import type { Request, Response } from 'express';
import { z, type ZodType } from 'zod';
import type { Mailer } from '../activities/mailer.js';
import type { ApiDeps } from '../api/api-deps.js';
import { access as accessRules } from '../api/route-table/access.js';
import type { AuthenticatedCoordinator, Caller } from '../api/route-table/caller.js';
import { defineRoute, formBody, htmlResponse, redirectResponse, reply, type PageBehaviour, type Reply, type Route } from '../api/route-table/route.js';
import type { Database } from '../platform/database.js';
import { words, type Language } from './i18n.js';
import { pageContext } from './page-context.js';
import { renderStatusPage } from './pages/status-page.js';
import { LANGUAGE_COOKIE, SESSION_COOKIE, cookieOptions, endSession, startSession } from './session.js';
import { timingSafeEqual } from 'node:crypto';

export interface WebDeps {
  db: Database;
  temporal: Client;
  mailer: Mailer;
  publicBaseUrl: string;
  captureAddress: string;
  /** e.g. http://localhost:8233/namespaces/default; null hides the link. */
  temporalWebUiUrl: string | null;
  /** Where campaign workflows run (the newsletters pages start them). */
  taskQueue: string;
  workflowIdPrefix: string;
  campaignSending: { batchSize: number; messagesPerSecond: number };
}

/** Who is asking, as the page sees it: the signed-in guide (if any) and the request's settings. */
export interface WebCaller {
  coordinator: AuthenticatedCoordinator | null;
  /** Every state-changing form carries it; the route table checks it before any handler runs. */
  csrfToken: string;
  lang: Language;
  /** An htmx request wants the fragment only. */
  partial: boolean;
  /** The path and query the browser asked for (ids only, never personal data). */
  url: string;
}

export type PageResult =
  | { kind: 'html'; status?: number; html: string }
  | { kind: 'redirect'; location: string; session?: { start: string } | { end: true }; lang?: Language }
  /** A download (CSV through api/csv.ts), written chunk by chunk. */
  | { kind: 'stream'; type: string; body: AsyncIterable<string>; attachment: string };

export type Access = 'public' | 'coordinator' | 'admin' | 'figureReader';

export interface PageInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

export interface PageDeclaration<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST';
  /** OpenAPI style: `/contacts/{id}`. */
  path: string;
  access: Access;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** Where a refused form (bad input) sends the guide back to, given the path parameters. */
  backTo?: (params: P) => string;
  /** A form post's size limit; 64kb unless set (a newsletter's text needs more). */
  bodyLimit?: string;
  handler(input: PageInput<P, Q, B>, caller: WebCaller, deps: WebDeps): Promise<PageResult>;
}

const SESSION_MAX_AGE_MS = 12 * 60 * 60_000;
const LANGUAGE_MAX_AGE_MS = 365 * 24 * 60 * 60_000;

function webDeps(deps: ApiDeps): WebDeps {
  if (!deps.web) throw new Error('the web app is registered without its dependencies (ApiDeps.web)');
  return {
    ...deps.web,
    db: deps.db,
    temporal: deps.temporal,
    publicBaseUrl: deps.publicBaseUrl,
    captureAddress: deps.inboundEmail.captureAddresses[0] ?? '',
    taskQueue: deps.taskQueue,
    workflowIdPrefix: deps.workflowIdPrefix,
    campaignSending: deps.campaignSending,
  };
}

async function webCaller(req: Request, res: Response, deps: ApiDeps, caller?: Caller): Promise<WebCaller> {
  const context = await pageContext(req, res, deps.db, deps.publicBaseUrl);
  return {
    coordinator: caller?.kind === 'staff' ? caller.coordinator : (context.session?.coordinator ?? null),
    csrfToken: context.csrfToken,
    lang: context.lang,
    partial: req.get('hx-request') === 'true',
    url: req.originalUrl,
  };
}

function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** htmx follows a 303 itself; a full-page navigation (sign-in, sign-out) needs HX-Redirect. */
function navigate(req: Request, location: string, fullPage: boolean): Reply {
  if (req.get('hx-request') && fullPage) return reply.html('', { status: 204, headers: { 'HX-Redirect': location } });
  return reply.redirect(location);
}

const noStore = { 'Cache-Control': 'private, no-store' };

function behaviour(backTo: (params: Record<string, string>) => string): PageBehaviour {
  return {
    signedOut(req) {
      const back = req.method === 'GET' ? req.originalUrl : '/';
      return navigate(req, `/sign-in?returnTo=${encodeURIComponent(back)}`, true);
    },
    async csrfValid(req, res, deps) {
      const context = await pageContext(req, res, deps.db, deps.publicBaseUrl);
      return sameToken((req.body as Record<string, unknown> | undefined)?._csrf, context.csrfToken);
    },
    async problem(problem, req, res, deps) {
      const caller = await webCaller(req, res, deps, res.locals.caller as Caller | undefined);
      const t = words(caller.lang);
      const page = (title: string, input: { message?: string; errors?: Array<{ field: string; message: string }>; backTo?: string } = {}) =>
        reply.html(renderStatusPage(caller, { title, ...input }), { status: problem.status, headers: noStore });
      if (problem.slug === 'csrf') return page(t.forbiddenTitle, { message: t.csrfRefused });
      if (problem.status === 403) return page(t.forbiddenTitle);
      if (problem.status === 404) return page(t.notFoundTitle);
      if (problem.status === 422 && problem.errors) return page(t.errorSummaryTitle, { errors: problem.errors, backTo: backTo(req.params as Record<string, string>) });
      return page(t.errorTitle, { message: problem.detail ?? problem.title });
    },
  };
}

const RULES = { public: accessRules.public, coordinator: accessRules.coordinators, admin: accessRules.admins, figureReader: accessRules.figureReaders } as const;

const operationId = (method: string, path: string) =>
  `page${method[0]}${method.slice(1).toLowerCase()}${path.split(/[/{}-]+/).filter(Boolean).map((part) => part[0]!.toUpperCase() + part.slice(1)).join('') || 'Home'}`;

/** A page or form post of the web app as a route of the product's route table. */
export function page<P = Record<string, never>, Q = Record<string, never>, B = Record<string, never>>(declaration: PageDeclaration<P, Q, B>): Route {
  const backTo = (params: Record<string, string>) => declaration.backTo?.(params as P) ?? '/';
  return defineRoute({
    method: declaration.method === 'GET' ? 'get' : 'post',
    path: declaration.path,
    mount: '/',
    page: behaviour(backTo),
    operationId: operationId(declaration.method, declaration.path),
    summary: `Web app: ${declaration.method} ${declaration.path}`,
    tags: ['web'],
    access: RULES[declaration.access],
    inOpenApi: false,
    params: declaration.params as ZodType | undefined,
    query: declaration.query as ZodType | undefined,
    body: declaration.method === 'POST' ? formBody((declaration.body as ZodType | undefined) ?? z.object({}), { limit: declaration.bodyLimit ?? '64kb' }) : undefined,
    responses: { 200: htmlResponse('The page'), 303: redirectResponse('Back to a page after a form post') },
    errors: [404, 422],
    async handler({ params, query, body, caller, req, res }, deps) {
      const web = webDeps(deps);
      const result = await declaration.handler(
        { params: params as P, query: query as Q, body: (body ?? {}) as B },
        await webCaller(req, res, deps, caller as Caller),
        web,
      );
      if (result.kind === 'html') return reply.html(result.html, { status: result.status ?? 200, headers: noStore });
      if (result.kind === 'stream') return reply.stream(result.type, result.body, { headers: noStore, attachment: result.attachment });
      if (result.session && 'start' in result.session) {
        // The handler names whose session to start; the secret is made here, never in a page.
        const started = await startSession(deps.db, result.session.start);
        res.cookie(SESSION_COOKIE, started.secret, cookieOptions(deps.publicBaseUrl, SESSION_MAX_AGE_MS));
      } else if (result.session) {
        await endSession(deps.db, (await pageContext(req, res, deps.db, deps.publicBaseUrl)).cookies[SESSION_COOKIE]);
        res.clearCookie(SESSION_COOKIE, cookieOptions(deps.publicBaseUrl));
      }
      if (result.lang) res.cookie(LANGUAGE_COOKIE, result.lang, cookieOptions(deps.publicBaseUrl, LANGUAGE_MAX_AGE_MS));
      res.set(noStore);
      return navigate(req, result.location, Boolean(result.session));
    },
  });
}

/** A signed-in page's caller always has a coordinator; the route table guarantees it. */
export function signedIn(caller: WebCaller): AuthenticatedCoordinator {
  if (!caller.coordinator) throw new Error('page declared for coordinators was called without one');
  return caller.coordinator;
}
