// PROVISIONAL: registers the web app's page declarations on Express until the JSON API's
// route table (branch "routes") can take them; at merge this file is replaced by that
// table's registration with a session-cookie caller authenticator.
import { timingSafeEqual } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { ZodType } from 'zod';
import { problemFor } from '../api/error-table.js';
import type { PageDeclaration, PageResult, WebCaller, WebDeps } from './declarations.js';
import { isLanguage, words, type Language } from './i18n.js';
import { renderStatusPage } from './pages/status-page.js';
import { ANONYMOUS_CSRF_COOKIE, LANGUAGE_COOKIE, SESSION_COOKIE, cookieOptions, endSession, findSession, newSecret, startSession } from './session.js';

function readCookies(req: Request): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 1) continue;
    const name = part.slice(0, index).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A cookie we did not set; ignore it.
    }
  }
  return cookies;
}

function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

type FieldError = { field: string; message: string };

function parsePart<T>(schema: ZodType<T> | undefined, value: unknown): { ok: true; value: T } | { ok: false; errors: FieldError[] } {
  if (!schema) return { ok: true, value: {} as T };
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => ({ field: issue.path.join('.') || 'form', message: issue.message })) };
}

function send(res: Response, req: Request, deps: WebDeps, result: PageResult) {
  res.set('Cache-Control', 'private, no-store');
  if (result.kind === 'html') {
    res.status(result.status ?? 200).type('html').send(result.html);
    return;
  }
  if (result.session && 'start' in result.session) {
    res.cookie(SESSION_COOKIE, result.session.start, cookieOptions(deps.publicBaseUrl, 12 * 60 * 60_000));
  } else if (result.session) {
    res.clearCookie(SESSION_COOKIE, cookieOptions(deps.publicBaseUrl));
  }
  if (result.lang) res.cookie(LANGUAGE_COOKIE, result.lang, cookieOptions(deps.publicBaseUrl, 365 * 24 * 60 * 60_000));
  // htmx follows a 303 itself; a full-page navigation (sign-in, sign-out) needs HX-Redirect.
  if (req.get('hx-request') && result.session) {
    res.set('HX-Redirect', result.location).status(204).end();
    return;
  }
  res.redirect(303, result.location);
}

export function registerPages(deps: WebDeps, declarations: PageDeclaration[]): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 }));

  for (const declaration of declarations) {
    const method = declaration.method === 'GET' ? 'get' : 'post';
    router[method](declaration.path, async (req, res, next) => {
      const cookies = readCookies(req);
      const lang: Language = isLanguage(cookies[LANGUAGE_COOKIE]) ? (cookies[LANGUAGE_COOKIE] as Language) : 'sv';
      const t = words(lang);
      let caller: WebCaller = { coordinator: null, csrfToken: '', lang, partial: false, url: req.originalUrl };
      try {
        const session = await findSession(deps.db, cookies[SESSION_COOKIE]);
        let csrfToken = session?.csrfToken ?? cookies[ANONYMOUS_CSRF_COOKIE];
        if (!csrfToken || csrfToken.length !== 43) {
          csrfToken = newSecret();
          res.cookie(ANONYMOUS_CSRF_COOKIE, csrfToken, cookieOptions(deps.publicBaseUrl));
        }
        caller = {
          coordinator: session?.coordinator ?? null,
          csrfToken,
          lang,
          partial: req.get('hx-request') === 'true',
          url: req.originalUrl,
        };
        if (declaration.access !== 'public' && !caller.coordinator) {
          if (cookies[SESSION_COOKIE]) res.clearCookie(SESSION_COOKIE, cookieOptions(deps.publicBaseUrl));
          const back = declaration.method === 'GET' ? req.originalUrl : '/';
          const location = `/sign-in?returnTo=${encodeURIComponent(back)}`;
          if (caller.partial) return void res.set('HX-Redirect', location).status(204).end();
          return void res.redirect(303, location);
        }
        if (declaration.access === 'admin' && caller.coordinator?.role !== 'admin') {
          return send(res, req, deps, { kind: 'html', status: 403, html: renderStatusPage(caller, { title: t.forbiddenTitle }) });
        }
        const body = (req.body ?? {}) as Record<string, unknown>;
        if (declaration.method === 'POST' && !sameToken(body._csrf, csrfToken)) {
          return send(res, req, deps, { kind: 'html', status: 403, html: renderStatusPage(caller, { title: t.forbiddenTitle, message: t.csrfRefused }) });
        }
        const { _csrf: _ignored, ...fields } = body;
        const params = parsePart(declaration.params, req.params);
        const query = parsePart(declaration.query, req.query);
        const parsedBody = parsePart(declaration.body, fields);
        if (!params.ok) {
          return send(res, req, deps, { kind: 'html', status: 404, html: renderStatusPage(caller, { title: t.notFoundTitle }) });
        }
        if (!query.ok || !parsedBody.ok) {
          const errors = [...(query.ok ? [] : query.errors), ...(parsedBody.ok ? [] : parsedBody.errors)];
          const backTo = declaration.backTo?.(params.value) ?? '/';
          return send(res, req, deps, { kind: 'html', status: 422, html: renderStatusPage(caller, { title: t.errorSummaryTitle, errors, backTo }) });
        }
        const result = await declaration.handler({ params: params.value, query: query.value, body: parsedBody.value }, caller, deps);
        if (result.kind === 'redirect' && result.session && 'start' in result.session) {
          // The handler names whose session to start; the secret is made here, never in a page.
          const started = await startSession(deps.db, result.session.start);
          return send(res, req, deps, { ...result, session: { start: started.secret } });
        }
        if (result.kind === 'redirect' && result.session) await endSession(deps.db, cookies[SESSION_COOKIE]);
        return send(res, req, deps, result);
      } catch (error) {
        const problem = problemFor(error);
        if (problem && problem.status < 500) {
          const error = problem;
          const title = error.status === 404 ? t.notFoundTitle : t.errorTitle;
          return send(res, req, deps, { kind: 'html', status: error.status, html: renderStatusPage(caller, { title, message: error.detail ?? error.title }) });
        }
        next(error);
      }
    });
  }
  return router;
}
