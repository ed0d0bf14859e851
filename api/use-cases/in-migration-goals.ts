// In-migration goals (issue 16): set by administrators, every change recorded with who,
// when and the old and new value, so the board can see how a goal came about.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/database.js';
import { MUNICIPALITIES, REGION } from '../../domain/units.js';
import { toStockholmIso } from '../../domain/stockholm-time.js';
import type { Goal, GoalChange } from '../goal-schemas.js';
import { GOAL_SCOPES } from '../goal-schemas.js';

export type GoalScope = (typeof GOAL_SCOPES)[number];

export function goalScopeName(scope: GoalScope): string {
  return scope === REGION ? 'Hela regionen' : MUNICIPALITIES[scope];
}

interface GoalRow {
  year: number;
  scope: string;
  people: number;
  households: number | null;
  updatedAt: Date;
  updatedBy: { id: string; name: string };
}

function goalOf(row: GoalRow): Goal {
  const scope = row.scope as GoalScope;
  return {
    year: row.year,
    scope,
    name: goalScopeName(scope),
    people: row.people,
    households: row.households,
    updatedAt: toStockholmIso(row.updatedAt),
    updatedBy: row.updatedBy,
  };
}

interface ChangeRow {
  id: string;
  year: number;
  scope: string;
  oldPeople: number | null;
  oldHouseholds: number | null;
  newPeople: number;
  newHouseholds: number | null;
  changedAt: Date;
  changedBy: { id: string; name: string };
}

function changeOf(row: ChangeRow): GoalChange {
  const scope = row.scope as GoalScope;
  return {
    id: row.id,
    year: row.year,
    scope,
    name: goalScopeName(scope),
    old: row.oldPeople === null ? null : { people: row.oldPeople, households: row.oldHouseholds },
    new: { people: row.newPeople, households: row.newHouseholds },
    changedAt: toStockholmIso(row.changedAt),
    changedBy: row.changedBy,
  };
}

const by = { select: { id: true, name: true } } as const;

export async function listGoals(db: Database, year: number): Promise<Goal[]> {
  const rows = await db.inMigrationGoal.findMany({ where: { year }, include: { updatedBy: by } });
  const order = (scope: string) => GOAL_SCOPES.indexOf(scope as GoalScope);
  return rows.sort((left, right) => order(left.scope) - order(right.scope)).map(goalOf);
}

export async function listGoalChanges(db: Database, year: number | undefined): Promise<GoalChange[]> {
  const rows = await db.inMigrationGoalChange.findMany({
    where: year === undefined ? {} : { year },
    include: { changedBy: by },
    orderBy: [{ changedAt: 'desc' }, { id: 'asc' }],
    take: 1000,
  });
  return rows.map(changeOf);
}

/**
 * Sets one goal. Setting the value it already has records nothing, so a retried request
 * leaves one entry in the history. Concurrent changes of the same goal are serialised by
 * a transaction-scoped advisory lock, so each entry's old value is the one it replaced.
 */
export async function setGoal(
  db: Database,
  input: { year: number; scope: GoalScope; people: number; households: number | null; changedById: string; now?: Date },
): Promise<{ goal: Goal; change: GoalChange | null }> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`in-migration-goal:${input.year}:${input.scope}`}))`;
    const where = { year_scope: { year: input.year, scope: input.scope } };
    const existing = await tx.inMigrationGoal.findUnique({ where, include: { updatedBy: by } });
    if (existing && existing.people === input.people && existing.households === input.households) {
      return { goal: goalOf(existing), change: null };
    }
    const values = { people: input.people, households: input.households, updatedAt: now, updatedById: input.changedById };
    const goal = await tx.inMigrationGoal.upsert({
      where,
      create: { id: randomUUID(), year: input.year, scope: input.scope, ...values },
      update: values,
      include: { updatedBy: by },
    });
    const change = await tx.inMigrationGoalChange.create({
      data: {
        id: randomUUID(),
        year: input.year,
        scope: input.scope,
        oldPeople: existing?.people ?? null,
        oldHouseholds: existing ? existing.households : null,
        newPeople: input.people,
        newHouseholds: input.households,
        changedAt: now,
        changedById: input.changedById,
      },
      include: { changedBy: by },
    });
    return { goal: goalOf(goal), change: changeOf(change) };
  });
}
