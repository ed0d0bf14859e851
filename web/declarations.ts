// One declaration per page or form post: method, path, who may call it, zod schemas and a
// handler that receives the parsed input and the caller. The shape mirrors the JSON API's
// route table, so the lead can register these with it instead of web/register-pages.ts.
import type { Client } from '@temporalio/client';
import type { ZodType } from 'zod';
import type { Database } from '../platform/database.js';
import type { Mailer } from '../activities/mailer.js';
import type { AuthenticatedCoordinator } from '../api/route-table/caller.js';
import type { Language } from './i18n.js';

export interface WebDeps {
  db: Database;
  temporal: Client;
  mailer: Mailer;
  publicBaseUrl: string;
  captureAddress: string;
  /** e.g. http://localhost:8233/namespaces/default; null hides the link. */
  temporalWebUiUrl: string | null;
}

/** Who is asking, as the page sees it: the signed-in guide (if any) and the request's settings. */
export interface WebCaller {
  coordinator: AuthenticatedCoordinator | null;
  /** Every state-changing form carries it; the adapter checks it before any handler runs. */
  csrfToken: string;
  lang: Language;
  /** An htmx request wants the fragment only. */
  partial: boolean;
  /** The path and query the browser asked for (ids only, never personal data). */
  url: string;
}

export type PageResult =
  | { kind: 'html'; status?: number; html: string }
  | { kind: 'redirect'; location: string; session?: { start: string } | { end: true }; lang?: Language };

export type Access = 'public' | 'coordinator' | 'admin';

export interface PageInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

export interface PageDeclaration<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST';
  path: string;
  access: Access;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** Where a refused form (bad input) sends the guide back to, given the path parameters. */
  backTo?: (params: P) => string;
  handler(input: PageInput<P, Q, B>, caller: WebCaller, deps: WebDeps): Promise<PageResult>;
}

/** Keeps each declaration's own types while they sit together in one list. */
export function page<P = Record<string, never>, Q = Record<string, never>, B = Record<string, never>>(
  declaration: PageDeclaration<P, Q, B>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the list is heterogeneous; each entry was checked above
): PageDeclaration<any, any, any> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  return declaration as PageDeclaration<any, any, any>;
}

/** A signed-in page's caller always has a coordinator; the adapter guarantees it. */
export function signedIn(caller: WebCaller): AuthenticatedCoordinator {
  if (!caller.coordinator) throw new Error('page declared for coordinators was called without one');
  return caller.coordinator;
}
