// One declaration per route: method, path, who may call it, the zod schemas of its input
// and answers, and a handler that receives the parsed input and the caller. The Express
// registration (register-routes.ts), the OpenAPI document (openapi-document.ts) and the
// access matrix (access-matrix.ts) are all produced from these declarations.
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { ApiDeps } from '../api-deps.js';
import type { ProblemError } from '../problem.js';
import type { Access } from './access.js';
import type { CallerFor } from './caller.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Schema = z.ZodType;

export type BodySpec =
  | { kind: 'json'; schema: Schema; limit: string; optional: boolean }
  | { kind: 'form'; schema: Schema; limit: string }
  | { kind: 'raw'; mediaTypes: string[]; limit: number; description: string };

/** A JSON body (`optional`: an absent body is parsed as `{}`). */
export const jsonBody = <S extends Schema>(schema: S, options: { limit?: string; optional?: boolean } = {}) =>
  ({ kind: 'json', schema, limit: options.limit ?? '64kb', optional: options.optional ?? false }) as const;
/** An HTML form post (application/x-www-form-urlencoded). */
export const formBody = <S extends Schema>(schema: S, options: { limit?: string } = {}) =>
  ({ kind: 'form', schema, limit: options.limit ?? '16kb' }) as const;
/** The raw bytes, e.g. a message/rfc822 email; the handler gets a Buffer. */
export const rawBody = (mediaTypes: string[], options: { limit: number; description: string }) =>
  ({ kind: 'raw', mediaTypes, ...options }) as const;

export type ResponseSpec =
  | { kind: 'json'; description: string; schema?: Schema }
  | { kind: 'html'; description: string }
  | { kind: 'media'; description: string; mediaTypes: string[] }
  | { kind: 'redirect'; description: string };

export const jsonResponse = (description: string, schema?: Schema): ResponseSpec => ({ kind: 'json', description, schema });
export const htmlResponse = (description: string): ResponseSpec => ({ kind: 'html', description });
export const mediaResponse = (description: string, mediaTypes: string[]): ResponseSpec => ({ kind: 'media', description, mediaTypes });
export const redirectResponse = (description: string): ResponseSpec => ({ kind: 'redirect', description });

type Headers = Record<string, string>;

/** What a handler answers; register-routes.ts writes it. */
export type Reply =
  | { kind: 'json'; status: number; body: unknown; headers?: Headers }
  | { kind: 'html'; status: number; body: string; headers?: Headers }
  | { kind: 'media'; status: number; type: string; body: string | Buffer; headers?: Headers }
  | { kind: 'stream'; status: number; type: string; body: AsyncIterable<string>; headers?: Headers }
  | { kind: 'redirect'; status: number; location: string; headers?: Headers };

interface ReplyOptions {
  status?: number;
  headers?: Headers;
  /** Sets `Location` (a created resource, a started run). */
  location?: string;
  /** Sets `Content-Disposition: attachment` with this file name. */
  attachment?: string;
}

function headersOf(options: ReplyOptions): Headers {
  return {
    ...(options.location ? { Location: options.location } : {}),
    ...(options.attachment ? { 'Content-Disposition': `attachment; filename="${options.attachment}"` } : {}),
    ...options.headers,
  };
}

export const reply = {
  json: (body: unknown, options: ReplyOptions = {}): Reply => ({ kind: 'json', status: options.status ?? 200, body, headers: headersOf(options) }),
  html: (body: string, options: ReplyOptions = {}): Reply => ({ kind: 'html', status: options.status ?? 200, body, headers: headersOf(options) }),
  media: (type: string, body: string | Buffer, options: ReplyOptions = {}): Reply => ({
    kind: 'media',
    status: options.status ?? 200,
    type,
    body,
    headers: headersOf(options),
  }),
  /** Written chunk by chunk with backpressure, for answers too large to hold in memory. */
  stream: (type: string, body: AsyncIterable<string>, options: ReplyOptions = {}): Reply => ({
    kind: 'stream',
    status: options.status ?? 200,
    type,
    body,
    headers: headersOf(options),
  }),
  redirect: (location: string, status = 303, headers?: Headers): Reply => ({ kind: 'redirect', status, location, headers }),
};

type Output<S> = S extends Schema ? z.output<S> : Record<string, never>;
type BodyOutput<B> = B extends { kind: 'json' | 'form'; schema: infer S } ? Output<S> : B extends { kind: 'raw' } ? Buffer : undefined;

export interface RouteInput<P, Q, H, B, A extends Access> {
  params: Output<P>;
  query: Output<Q>;
  headers: Output<H>;
  body: BodyOutput<B>;
  caller: CallerFor<A>;
  /** For content negotiation and request-scoped logging; handlers never read raw input from it. */
  req: Request;
  res: Response;
}

/**
 * How a page or form post for people differs from a JSON route; the web app gives every
 * page the same one (web/page-route.ts), so these rules are written once.
 */
export interface PageBehaviour {
  /** A signed-out visitor of a staff page is sent to sign in instead of getting a 401. */
  signedOut(req: Request, res: Response, deps: ApiDeps): Reply;
  /** Every form post carries the page's CSRF token; checked after the body is parsed. */
  csrfValid(req: Request, res: Response, deps: ApiDeps): Promise<boolean>;
  /** A refused request (bad form, CSRF, wrong role, not found…) answered as an HTML page. */
  problem(problem: ProblemError, req: Request, res: Response, deps: ApiDeps): Promise<Reply>;
}

/** Where routes are mounted unless they say otherwise. */
export const API_MOUNT = '/api/v1';

export interface RouteDeclaration<P, Q, H, B, A extends Access> {
  method: Method;
  /** OpenAPI style, relative to `mount`: `/cases/{id}`. */
  path: string;
  /** The path prefix the route lives under: `/api/v1` unless set (the web app's pages: `/`). */
  mount?: string;
  /** Set for HTML pages and form posts: sign-in redirect, CSRF and problem pages. */
  page?: PageBehaviour;
  operationId: string;
  summary: string;
  tags: string[];
  access: A;
  /** false for pages meant for people (HTML): they stay in the access matrix. */
  inOpenApi?: boolean;
  params?: P;
  query?: Q;
  /** Request headers the route reads, lower-case names. */
  headers?: H;
  body?: B;
  responses: Record<number, ResponseSpec>;
  /** Problem statuses the handler itself can answer (404, 409…); auth and validation ones are added. */
  errors?: number[];
  /** Runs before authentication (CORS, rate limits). */
  before?: RequestHandler[];
  handler(input: RouteInput<P, Q, H, B, A>, deps: ApiDeps): Promise<Reply>;
}

/** The declaration with its types erased, as the registration and the generators see it. */
/** The full path a route answers at, OpenAPI style: `/api/v1/cases/{id}`, `/contacts/{id}`. */
export const fullPath = (route: { mount?: string; path: string }) => `${(route.mount ?? API_MOUNT).replace(/\/$/, '')}${route.path}` || '/';

export type Route = RouteDeclaration<Schema | undefined, Schema | undefined, Schema | undefined, BodySpec | undefined, Access>;

export function defineRoute<
  A extends Access,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  H extends Schema | undefined = undefined,
  B extends BodySpec | undefined = undefined,
>(declaration: RouteDeclaration<P, Q, H, B, A>): Route {
  return declaration as unknown as Route;
}
