// Who may call a route. Every route names one of these; the Express registration, the
// OpenAPI security requirement and the access matrix the tests walk all read it here.
import { CASEWORK_ROLES, FIGURE_READER_ROLES, type Role } from '../../domain/codes.js';

/** Roles that may read contact cards, cases and figures; never a `viewer`. */
export const READING_ROLES: readonly Role[] = CASEWORK_ROLES;
/** Roles that may change contact cards and cases (MISSION.md §1: guides of every unit). */
export const COORDINATING_ROLES: readonly Role[] = CASEWORK_ROLES;
/** Roles that may read the figures and goals: every staff role, decision makers (`viewer`) included. */
export const FIGURE_READING_ROLES: readonly Role[] = FIGURE_READER_ROLES;
/** Users, intake sources, retention approval, newsletters (MISSION.md §1). */
export const ADMIN_ROLES: readonly Role[] = ['admin'];

export type Access =
  /** Anyone; the in-mover never logs in (a secret token in a link may identify them). */
  | { kind: 'public' }
  /** A web form or import, by its `X-Api-Key`. */
  | { kind: 'intake-source' }
  /** The organisation's mail system pushing captured mail, by the one mail-ingest key (README, "Email"). */
  | { kind: 'mail-ingest' }
  /** A signed-in member of staff with one of these roles. */
  | { kind: 'staff'; roles: readonly Role[] };

export const access = {
  public: { kind: 'public' },
  intakeSource: { kind: 'intake-source' },
  mailIngest: { kind: 'mail-ingest' },
  readers: { kind: 'staff', roles: READING_ROLES },
  /** The figures and goals, and nothing else: the only rule that lets a `viewer` in. */
  figureReaders: { kind: 'staff', roles: FIGURE_READING_ROLES },
  coordinators: { kind: 'staff', roles: COORDINATING_ROLES },
  admins: { kind: 'staff', roles: ADMIN_ROLES },
} as const satisfies Record<string, Access>;

/** A caller as the access matrix names it: nobody, an intake source, the mail system, or a staff role. */
export type CallerIdentity = 'anonymous' | 'intake-source' | 'mail-ingest' | Role;

/** The identities an access rule lets through (the rows of the access matrix). */
export function allowedIdentities(rule: Access, roles: readonly Role[]): CallerIdentity[] {
  switch (rule.kind) {
    case 'public':
      return ['anonymous', 'intake-source', 'mail-ingest', ...roles];
    case 'intake-source':
      return ['intake-source'];
    case 'mail-ingest':
      return ['mail-ingest'];
    case 'staff':
      return roles.filter((role) => rule.roles.includes(role));
  }
}
