// Registers the route table in Express: for each route, authentication once, body parsing,
// validation of params, query, headers and body once (422 problem+json on failure), then
// the handler with the parsed input and the caller, and its reply written out.
import { once } from 'node:events';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { ApiDeps } from '../api-deps.js';
import { requireJsonBody } from '../json-body.js';
import { ProblemError } from '../problem.js';
import { parseOrThrow } from '../validate.js';
import type { Access } from './access.js';
import type { Authenticator, Authenticators } from './authenticators.js';
import type { Caller } from './caller.js';
import type { BodySpec, Reply, Route } from './route.js';

/** `/cases/{id}` → `/cases/:id`. */
export const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

function bodyParsers(route: Route): RequestHandler[] {
  const body: BodySpec | undefined = route.body;
  if (!body) {
    // A body nobody reads is still refused when it is not JSON, as on every other route.
    return route.method === 'get' ? [] : [requireJsonBody, express.json({ limit: '64kb', strict: true })];
  }
  switch (body.kind) {
    case 'json':
      return [requireJsonBody, express.json({ limit: body.limit, strict: true })];
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

async function resolveCaller(rule: Access, authenticators: Authenticators, req: Request, res: Response): Promise<Caller> {
  if (rule.kind === 'public') return { kind: 'anonymous' };
  const candidates: Authenticator<Caller>[] = authenticators[rule.kind];
  let firstAbsent: { problem: ProblemError; challenge?: string } | undefined;
  for (const authenticator of candidates) {
    const outcome = await authenticator.authenticate(req, res);
    if (outcome.outcome === 'authenticated') {
      const caller = outcome.caller;
      if (rule.kind === 'staff' && caller.kind === 'staff' && !rule.roles.includes(caller.coordinator.role)) {
        throw new ProblemError(403, 'forbidden', 'Forbidden', `This needs one of the roles: ${rule.roles.join(', ')}.`);
      }
      return caller;
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
  if (answer.kind === 'redirect') return res.redirect(answer.status, answer.location);
  res.status(answer.status);
  if (answer.headers) res.set(answer.headers);
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

export function registerRoutes(router: Router, routes: readonly Route[], options: { deps: ApiDeps; authenticators: Authenticators }): void {
  for (const route of routes) {
    const authenticate: RequestHandler = async (req, res, next) => {
      res.locals.caller = await resolveCaller(route.access, options.authenticators, req, res);
      next();
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
    router[route.method](expressPath(route.path), ...(route.before ?? []), authenticate, ...bodyParsers(route), handle);
  }
}
