// Registers the route table in Express: for each route, authentication once, body parsing,
// validation of params, query, headers and body once (422 problem+json on failure), then
// the handler with the parsed input and the caller, and its reply written out.
import { once } from 'node:events';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { ApiDeps } from '../api-deps.js';
import { problemFor } from '../error-table.js';
import { jsonParser, requireJsonBody } from '../json-body.js';
import { ProblemError } from '../problem.js';
import { parseOrThrow } from '../validate.js';
import type { Access } from './access.js';
import type { Authenticator, Authenticators } from './authenticators.js';
import type { Caller } from './caller.js';
import { API_MOUNT, type BodySpec, type Reply, type Route } from './route.js';

/** `/cases/{id}` → `/cases/:id`. */
export const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

function bodyParsers(route: Route): RequestHandler[] {
  const body: BodySpec | undefined = route.body;
  if (!body) {
    // A body nobody reads is still refused when it is not JSON, as on every other route.
    return route.method === 'get' ? [] : [requireJsonBody, jsonParser('64kb')];
  }
  switch (body.kind) {
    case 'json':
      return [requireJsonBody, jsonParser(body.limit)];
    case 'form':
      return [express.urlencoded({ extended: false, limit: body.limit })];
    case 'raw':
      return [express.raw({ type: body.mediaTypes, limit: body.limit })];
  }
}

function parseBody(route: Route, req: Request): unknown {
  const body = route.body;
  if (!body) return undefined;
  switch (body.kind) {
    case 'json':
      return parseOrThrow(body.schema, body.optional ? (req.body ?? {}) : req.body, 'body');
    case 'form':
      return parseOrThrow(body.schema, req.body ?? {}, 'body');
    case 'raw':
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new ProblemError(415, 'unsupported-media-type', `Send the body as ${body.mediaTypes[0]}`);
      }
      return req.body;
  }
}

/** The caller, and whether its credential is one the browser sends by itself (a cookie). */
async function resolveCaller(rule: Access, authenticators: Authenticators, req: Request, res: Response): Promise<{ caller: Caller; sentByBrowser: boolean }> {
  if (rule.kind === 'public') return { caller: { kind: 'anonymous' }, sentByBrowser: false };
  const candidates: Authenticator<Caller>[] = authenticators[rule.kind];
  let firstAbsent: { problem: ProblemError; challenge?: string } | undefined;
  for (const authenticator of candidates) {
    const outcome = await authenticator.authenticate(req, res);
    if (outcome.outcome === 'authenticated') {
      const caller = outcome.caller;
      if (rule.kind === 'staff' && caller.kind === 'staff' && !rule.roles.includes(caller.coordinator.role)) {
        throw new ProblemError(403, 'forbidden', 'Forbidden', `This needs one of the roles: ${rule.roles.join(', ')}.`);
      }
      return { caller, sentByBrowser: authenticator.sentByBrowser === true };
    }
    if (outcome.outcome === 'rejected') {
      if (outcome.challenge) res.setHeader('WWW-Authenticate', outcome.challenge);
      throw outcome.problem;
    }
    firstAbsent ??= outcome;
  }
  if (firstAbsent?.challenge) res.setHeader('WWW-Authenticate', firstAbsent.challenge);
  throw firstAbsent?.problem ?? new ProblemError(401, 'unauthorized', 'Authentication required');
}

async function writeReply(res: Response, answer: Reply): Promise<void> {
  if (answer.headers) res.set(answer.headers);
  if (answer.kind === 'redirect') return res.redirect(answer.status, answer.location);
  res.status(answer.status);
  switch (answer.kind) {
    case 'json':
      res.json(answer.body);
      return;
    case 'html':
      res.type('html').send(answer.body);
      return;
    case 'media':
      res.type(answer.type).send(answer.body);
      return;
    case 'stream':
      res.type(answer.type);
      for await (const chunk of answer.body) {
        if (!res.write(chunk)) await once(res, 'drain');
      }
      res.end();
  }
}

const csrfRefused = () =>
  new ProblemError(403, 'csrf', 'Forbidden', "The form's security token is missing or out of date; reload the page and send it again.");
const browserCredentialRefused = () =>
  new ProblemError(403, 'forbidden', 'Forbidden', "A browser session may post the app's own forms only; integrations send a bearer token.");

/** Registers the routes mounted at `mount` (default /api/v1) on the router serving that prefix. */
export function registerRoutes(
  router: Router,
  routes: readonly Route[],
  options: { deps: ApiDeps; authenticators: Authenticators; mount?: string },
): void {
  const mount = options.mount ?? API_MOUNT;
  for (const route of routes.filter((candidate) => (candidate.mount ?? API_MOUNT) === mount)) {
    const page = route.page;
    const authenticate: RequestHandler = async (req, res, next) => {
      try {
        const { caller, sentByBrowser } = await resolveCaller(route.access, options.authenticators, req, res);
        res.locals.caller = caller;
        res.locals.sentByBrowser = sentByBrowser;
      } catch (error) {
        // A person without a session is asked to sign in; an integration gets the 401.
        if (page && error instanceof ProblemError && error.status === 401) {
          res.removeHeader('WWW-Authenticate');
          return writeReply(res, page.signedOut(req, res, options.deps));
        }
        throw error;
      }
      next();
    };
    // State-changing requests a browser could be tricked into sending: a page's form post
    // must carry its CSRF token, and a cookie session cannot call the JSON API's writes.
    const checkCsrf: RequestHandler = async (req, res, next) => {
      if (route.method !== 'get') {
        if (page) {
          if (!(await page.csrfValid(req, res, options.deps))) throw csrfRefused();
          if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>)._csrf;
        } else if (res.locals.sentByBrowser) {
          throw browserCredentialRefused();
        }
      }
      next();
    };
    const answerAsPage: ErrorRequestHandler = async (error, req, res, next) => {
      const problem = problemFor(error);
      if (!page || !problem || problem.status >= 500 || res.headersSent) return next(error);
      await writeReply(res, await page.problem(problem, req, res, options.deps));
    };
    const handle: RequestHandler = async (req, res) => {
      const params = route.params ? parseOrThrow(route.params, req.params, 'path') : {};
      const query = route.query ? parseOrThrow(route.query, req.query, 'query') : {};
      const headers = route.headers ? parseOrThrow(route.headers, req.headers, 'header') : {};
      const body = parseBody(route, req);
      const answer = await route.handler(
        { params, query, headers, body, caller: res.locals.caller as never, req, res } as Parameters<Route['handler']>[0],
        options.deps,
      );
      await writeReply(res, answer);
    };
    router[route.method](
      expressPath(route.path),
      ...(route.before ?? []),
      authenticate,
      ...bodyParsers(route),
      checkCsrf,
      handle,
      ...(page ? [answerAsPage] : []),
    );
  }
}
