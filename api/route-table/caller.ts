// The caller a route's handler receives, resolved by the authenticators before it runs.
import type { Role, SourceKind } from '../../domain/codes.js';
import type { UnitCode } from '../../domain/units.js';
import type { Access } from './access.js';

export interface AuthenticatedCoordinator {
  id: string;
  name: string;
  unit: UnitCode;
  role: Role;
}

export interface AuthenticatedSource {
  id: string;
  name: string;
  kind: SourceKind;
  municipality: string | null;
}

export type AnonymousCaller = { kind: 'anonymous' };
export type StaffCaller = { kind: 'staff'; coordinator: AuthenticatedCoordinator };
export type IntakeSourceCaller = { kind: 'intake-source'; source: AuthenticatedSource };
export type Caller = AnonymousCaller | StaffCaller | IntakeSourceCaller;

/** The caller type a handler sees for its access rule. */
export type CallerFor<A extends Access> = A extends { kind: 'staff' }
  ? StaffCaller
  : A extends { kind: 'intake-source' }
    ? IntakeSourceCaller
    : AnonymousCaller;
