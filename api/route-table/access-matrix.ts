// The access matrix: every route × every caller identity, from the route table. The
// access-control test walks it, so a new route is checked without anyone listing it.
import { ROLES } from '../../domain/codes.js';
import { allowedIdentities, type CallerIdentity } from './access.js';
import { fullPath, type Method, type Route } from './route.js';

export const CALLER_IDENTITIES: readonly CallerIdentity[] = ['anonymous', 'intake-source', 'mail-ingest', ...ROLES];

export interface AccessMatrixRow {
  method: Method;
  /** As declared, relative to the route's mount: `/cases/{id}`. */
  path: string;
  /** The path it answers at: `/api/v1/cases/{id}`, or `/contacts/{id}` for a page. */
  fullPath: string;
  /** A page for people: a signed-out visitor is refused by a redirect to sign-in, not a 401. */
  page: boolean;
  operationId: string;
  allowed: CallerIdentity[];
}

export function accessMatrix(routes: readonly Route[]): AccessMatrixRow[] {
  return routes.map((route) => ({
    method: route.method,
    path: route.path,
    fullPath: fullPath(route),
    page: route.page !== undefined,
    operationId: route.operationId,
    allowed: allowedIdentities(route.access, ROLES),
  }));
}
