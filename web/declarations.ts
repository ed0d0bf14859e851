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
import type { IntakeDeps } from '../api/use-cases/create-intake.js';
import { formRefusal, typedValues, type FormMessages, type FormRefusal } from './form-errors.js';
import { words, type Language } from './i18n.js';
import { pageContext } from './page-context.js';
import { renderStatusPage } from './pages/status-page.js';
import { renderPublicStatusPage } from './public-layout.js';
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
  /** The maintenance schedules an admin may trigger now (the yearly review). */
  scheduleIds: { review: string; retention: string };
  /** The in-mover's pages (issue 15) create intakes and subscriptions as the API does. */
  intake: IntakeDeps;
  /** Sites that may embed the hosted form (INTAKE_FORM_ORIGINS). */
  intakeFormOrigins: string[];
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
  /** The request's cookies (the in-mover's own short session lives in one). */
  cookies: Record<string, string>;
}

export type PageResult =
  | { kind: 'html'; status?: number; html: string; headers?: Record<string, string> }
  | { kind: 'redirect'; location: string; session?: { start: string } | { end: true }; lang?: Language; cookie?: PageCookie }
  /** A file: a whole string, or chunks written as they come (CSV through api/csv.ts). */
  | { kind: 'download'; type: string; filename: string; body: string | AsyncIterable<string> };

/** A cookie a page sets (value) or clears (null); always HttpOnly, SameSite=Lax. */
export interface PageCookie {
  name: string;
  value: string | null;
  maxAgeMs?: number;
}

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
  /**
   * false only for a form that grants nothing a forger could use and must work inside
   * another site's frame, where no first-party cookie reaches it (the hosted contact
   * form): it carries its own signed token instead, which its handler checks.
   */
  csrf?: false;
  /** The in-mover's pages: their refusals (not found, a bad form) come in the public frame. */
  audience?: 'in-mover';
  /** Headers set before the handler runs, on its answer and on its error pages alike. */
  headers?: (deps: WebDeps, current: (name: string) => string | undefined) => Record<string, string | null>;
  /** A form that is shown again when refused (web/form-errors.ts) instead of the problem page. */
  form?: PageForm<P>;
  /** A form post's size limit; 64kb unless set (a newsletter's text needs more). */
  bodyLimit?: string;
  handler(input: PageInput<P, Q, B>, caller: WebCaller, deps: WebDeps): Promise<PageResult>;
}

export interface PageForm<P> {
  /** How the form says what is wrong with each field, in the caller's language (`values`: as typed). */
  messages(lang: Language, params: P, values: Record<string, string>): FormMessages;
  /** The form's own page again with the refusal; answered with the refusal's status (422, 409). */
  render(refusal: FormRefusal, params: P, caller: WebCaller, deps: WebDeps): Promise<string>;
}

/** A form that is shown again takes its fields as typed; the declaration's schema parses them once, in `page`. */
const typedForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

const SESSION_MAX_AGE_MS = 12 * 60 * 60_000;
const LANGUAGE_MAX_AGE_MS = 365 * 24 * 60 * 60_000;

function webDeps(deps: ApiDeps): WebDeps {
  if (!deps.web) throw new Error('the web app is registered without its dependencies (ApiDeps.web)');
  return {
    ...deps.web,
    db: deps.db,
    temporal: deps.temporal,
    publicBaseUrl: deps.publicBaseUrl,
    scheduleIds: deps.scheduleIds,
    captureAddress: deps.inboundEmail.captureAddresses[0] ?? '',
    intake: deps,
    intakeFormOrigins: deps.intakeFormOrigins,
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
    cookies: context.cookies,
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

function behaviour(
  backTo: (params: Record<string, string>) => string,
  checksCsrf: boolean,
  applyHeaders: (res: Response, deps: ApiDeps) => void,
  audience: 'guides' | 'in-mover',
): PageBehaviour {
  return {
    signedOut(req) {
      const back = req.method === 'GET' ? req.originalUrl : '/';
      return navigate(req, `/sign-in?returnTo=${encodeURIComponent(back)}`, true);
    },
    async csrfValid(req, res, deps) {
      if (!checksCsrf) return true;
      const context = await pageContext(req, res, deps.db, deps.publicBaseUrl);
      return sameToken((req.body as Record<string, unknown> | undefined)?._csrf, context.csrfToken);
    },
    async problem(problem, req, res, deps) {
      applyHeaders(res, deps);
      const caller = await webCaller(req, res, deps, res.locals.caller as Caller | undefined);
      // The in-mover's pages carry their language in the address (`?lang=`), not only in a cookie.
      const asked = req.query.lang;
      const lang = audience === 'in-mover' && (asked === 'sv' || asked === 'en') ? asked : caller.lang;
      const t = words(lang);
      const page = (title: string, input: { message?: string; errors?: Array<{ field: string; message: string }>; backTo?: string } = {}) =>
        reply.html(audience === 'in-mover' ? renderPublicStatusPage(req, lang, { title, ...input }) : renderStatusPage(caller, { title, ...input }), {
          status: problem.status,
          headers: noStore,
        });
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
  const applyHeaders = (res: Response, deps: ApiDeps) => {
    if (!declaration.headers) return;
    const current = (name: string) => {
      const value = res.getHeader(name);
      return value === undefined ? undefined : String(value);
    };
    for (const [name, value] of Object.entries(declaration.headers(webDeps(deps), current))) {
      if (value === null) res.removeHeader(name);
      else res.setHeader(name, value);
    }
  };
  return defineRoute({
    method: declaration.method === 'GET' ? 'get' : 'post',
    path: declaration.path,
    mount: '/',
    page: behaviour(backTo, declaration.csrf !== false, applyHeaders, declaration.audience ?? 'guides'),

    operationId: operationId(declaration.method, declaration.path),
    summary: `Web app: ${declaration.method} ${declaration.path}`,
    tags: ['web'],
    access: RULES[declaration.access],
    inOpenApi: false,
    params: declaration.params as ZodType | undefined,
    query: declaration.query as ZodType | undefined,
    body: declaration.method === 'POST' ? formBody(declaration.form ? typedForm : ((declaration.body as ZodType | undefined) ?? z.object({})), { limit: declaration.bodyLimit ?? '64kb' }) : undefined,
    responses: { 200: htmlResponse('The page'), 303: redirectResponse('Back to a page after a form post') },
    errors: [404, 422],
    async handler({ params, query, body, caller, req, res }, deps) {
      const web = webDeps(deps);
      applyHeaders(res, deps);
      const pageCaller = await webCaller(req, res, deps, caller as Caller);
      const run = (parsedBody: unknown) => declaration.handler({ params: params as P, query: query as Q, body: (parsedBody ?? {}) as B }, pageCaller, web);
      let result: PageResult;
      if (declaration.form) {
        const form = declaration.form;
        try {
          result = await run(((declaration.body as ZodType | undefined) ?? z.object({})).parse(body ?? {}));
        } catch (error) {
          const values = typedValues(body);
          const refusal = formRefusal(error, values, form.messages(pageCaller.lang, params as P, values));
          if (!refusal) throw error;
          return reply.html(await form.render(refusal, params as P, pageCaller, web), { status: refusal.status, headers: noStore });
        }
      } else {
        result = await run(body);
      }
      if (result.kind === 'html') return reply.html(result.html, { status: result.status ?? 200, headers: { ...noStore, ...result.headers } });
      if (result.kind === 'download') {
        if (typeof result.body !== 'string') return reply.stream(result.type, result.body, { headers: noStore, attachment: result.filename });
        res.set(noStore);
        res.attachment(result.filename);
        return reply.media(result.type, result.body);
      }
      if (result.cookie) {
        const { name, value, maxAgeMs } = result.cookie;
        if (value === null) res.clearCookie(name, cookieOptions(deps.publicBaseUrl));
        else res.cookie(name, value, cookieOptions(deps.publicBaseUrl, maxAgeMs));
      }
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
