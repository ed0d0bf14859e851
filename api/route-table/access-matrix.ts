// The access matrix: every route × every caller identity, from the route table. The
// access-control test walks it, so a new route is checked without anyone listing it.
import { ROLES } from '../../domain/codes.js';
import { allowedIdentities, type CallerIdentity } from './access.js';
import type { Method, Route } from './route.js';

export const CALLER_IDENTITIES: readonly CallerIdentity[] = ['anonymous', 'intake-source', ...ROLES];

export interface AccessMatrixRow {
  method: Method;
  /** As declared, relative to /api/v1: `/cases/{id}`. */
  path: string;
  operationId: string;
  allowed: CallerIdentity[];
}

export function accessMatrix(routes: readonly Route[]): AccessMatrixRow[] {
  return routes.map((route) => ({
    method: route.method,
    path: route.path,
    operationId: route.operationId,
    allowed: allowedIdentities(route.access, ROLES),
  }));
}
