// Compiles a selection filter (domain/selection.ts) to a Prisma where over contacts.
import { DateTime } from 'luxon';
import type { SelectionCondition, SelectionFilter } from '../domain/selection.js';
import type { Prisma } from '../prisma/generated/client.js';

type Where = Prisma.ContactWhereInput;

const STOCKHOLM = 'Europe/Stockholm';

/** The instants a Stockholm calendar day range covers: [start of from, start of the day after to). */
function stockholmDays(range: { from: string; to: string }): { gte: Date; lt: Date } {
  return {
    gte: DateTime.fromISO(range.from, { zone: STOCKHOLM }).startOf('day').toJSDate(),
    lt: DateTime.fromISO(range.to, { zone: STOCKHOLM }).startOf('day').plus({ days: 1 }).toJSDate(),
  };
}

// SQL NOT over a NULL stays NULL, so `NOT (household_children > 0)` would drop contacts who
// never told. Negation is therefore pushed down to the leaves, each with an exact complement.
function conditionWhere(condition: SelectionCondition, negated: boolean): Where {
  // Array columns may be NULL in old rows: NULL has none of the values, so it joins the complement.
  const arrayHasSome = (where: Where, isNull: Where): Where => (negated ? { OR: [isNull, { NOT: where }] } : where);
  const anyCase = (where: Prisma.CaseWhereInput): Where => (negated ? { cases: { none: where } } : { cases: { some: where } });
  const oneOf = (list: readonly string[]) => (negated ? { notIn: [...list] } : { in: [...list] });

  if ('municipalities' in condition) {
    return arrayHasSome({ chosenMunicipalities: { hasSome: condition.municipalities } }, { chosenMunicipalities: { equals: null } });
  }
  if ('interests' in condition) {
    return arrayHasSome({ interests: { hasSome: condition.interests } }, { interests: { equals: null } });
  }
  if ('interestsAll' in condition) {
    return arrayHasSome({ interests: { hasEvery: condition.interestsAll } }, { interests: { equals: null } });
  }
  if ('units' in condition) return anyCase({ responsibleUnit: { in: condition.units } });
  if ('sources' in condition) return anyCase({ sourceKind: { in: condition.sources } });
  if ('receivedBetween' in condition) return anyCase({ receivedAt: stockholmDays(condition.receivedBetween) });
  if ('moveStatus' in condition) return { moveStatus: oneOf(condition.moveStatus) };
  if ('newsletterStatus' in condition) return { newsletterStatus: oneOf(condition.newsletterStatus) };
  if ('language' in condition) return { language: oneOf(condition.language) };
  const withChildren = condition.householdWithChildren !== negated;
  return withChildren
    ? { householdChildren: { gt: 0 } }
    : { OR: [{ householdChildren: null }, { householdChildren: { lte: 0 } }] };
}

function compile(filter: SelectionFilter, negated: boolean): Where {
  if ('not' in filter) return compile(filter.not, !negated);
  if ('all' in filter) {
    const parts = filter.all.map((child) => compile(child, negated));
    return negated ? { OR: parts } : { AND: parts };
  }
  if ('any' in filter) {
    const parts = filter.any.map((child) => compile(child, negated));
    return negated ? { AND: parts } : { OR: parts };
  }
  return conditionWhere(filter, negated);
}

/** The contacts the filter describes; no filter means every contact. */
export function selectionWhere(filter?: SelectionFilter): Prisma.ContactWhereInput {
  return filter ? compile(filter, false) : {};
}

/** Who may be sent a newsletter or invitation: only confirmed subscribers, whatever the filter says. */
export function activeSubscribers(filter?: SelectionFilter): Prisma.ContactWhereInput {
  return { AND: [selectionWhere(filter), { newsletterStatus: 'subscribed' }] };
}
