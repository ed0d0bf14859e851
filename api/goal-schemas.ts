// Requests and answers of the goals API (issue 16), registered for the OpenAPI document.
import { z } from 'zod';
import { MUNICIPALITY_CODES, REGION } from '../domain/units.js';
import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR } from './reports/report-query.js';

/** A municipality, or "region" for the region as a whole (all eight together). */
export const GOAL_SCOPES = [...MUNICIPALITY_CODES, REGION] as const;
export const goalScope = z.enum(GOAL_SCOPES).meta({ id: 'GoalScope', description: 'A municipality code, or "region" for the whole region' });

const goalYearText = z
  .string()
  .regex(/^\d{4}$/, 'expected a year such as 2026')
  .transform(Number)
  .pipe(z.int().min(FIRST_REPORT_YEAR).max(LAST_REPORT_YEAR));

export const goalPathParams = z.strictObject({ year: goalYearText, scope: goalScope });
export const goalYearQuery = z.strictObject({ year: goalYearText.optional() });

const goalCount = z.int().min(0).max(1_000_000);
export const setGoalRequest = z
  .strictObject({
    people: goalCount.meta({ description: 'People who should move in during the year' }),
    households: goalCount.nullable().optional().meta({ description: 'Households, optional; omitted or null = no household goal' }),
  })
  .meta({ id: 'SetGoalRequest' });
export type SetGoalRequest = z.infer<typeof setGoalRequest>;

const who = z.object({ id: z.uuid(), name: z.string() });
export const goalSchema = z
  .object({
    year: z.int(),
    scope: goalScope,
    name: z.string(),
    people: z.int(),
    households: z.int().nullable(),
    updatedAt: z.string(),
    updatedBy: who,
  })
  .meta({ id: 'Goal' });
export type Goal = z.infer<typeof goalSchema>;

export const goalChangeSchema = z
  .object({
    id: z.uuid(),
    year: z.int(),
    scope: goalScope,
    name: z.string(),
    old: z.object({ people: z.int(), households: z.int().nullable() }).nullable().meta({ description: 'null for the first value' }),
    new: z.object({ people: z.int(), households: z.int().nullable() }),
    changedAt: z.string(),
    changedBy: who,
  })
  .meta({ id: 'GoalChange' });
export type GoalChange = z.infer<typeof goalChangeSchema>;

export const goalListSchema = z.object({ year: z.int(), goals: z.array(goalSchema) }).meta({ id: 'GoalList' });
export const goalChangeListSchema = z.object({ year: z.int().nullable(), changes: z.array(goalChangeSchema) }).meta({ id: 'GoalChangeList' });
export const setGoalResponse = z
  .object({ goal: goalSchema, change: goalChangeSchema.nullable().meta({ description: 'null when the value was already the same' }) })
  .meta({ id: 'SetGoalResponse' });
