// Selections over contact cards (MISSION.md §6): a small boolean language of conditions
// that the API validates strictly and the database evaluates (platform/contact-selection-query.ts).
import { z } from 'zod';
import { EARLIEST_DATE, LATEST_PERIOD_DATE, periodDateProblem } from './date-bounds.js';
import { INTEREST_CODES, LANGUAGES, MOVE_STATUSES, NEWSLETTER_STATUSES, SOURCE_KINDS } from './codes.js';
import { MUNICIPALITY_CODES, UNIT_CODES } from './units.js';

/** Nesting levels, counting the outermost node; a leaf alone is depth 1. */
export const MAX_SELECTION_DEPTH = 6;
/** Children of one all/any node. */
export const MAX_SELECTION_BRANCHES = 20;
/** Nodes in the whole filter: every one becomes SQL, so the total is bounded too. */
export const MAX_SELECTION_NODES = 100;

const oneOrMore = <T extends z.ZodType>(item: T, max: number) => z.array(item).min(1).max(max);
const oneOrMoreOf = <const T extends readonly [string, ...string[]]>(codes: T) => oneOrMore(z.enum(codes), codes.length);

const periodDate = z.iso.date().superRefine((value, ctx) => {
  const problem = periodDateProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const dateRange = z
  .strictObject({
    from: periodDate.meta({ example: '2026-01-01' }),
    to: periodDate.meta({ example: '2026-12-31' }),
  })
  .refine((range) => range.from <= range.to, { path: ['to'], message: 'to is before from' })
  .meta({ description: `Dates in Swedish time (Europe/Stockholm), both days included, between ${EARLIEST_DATE} and ${LATEST_PERIOD_DATE}` });

/** Leaf conditions; each is a key of its own node. */
const conditions = {
  municipalities: oneOrMoreOf(MUNICIPALITY_CODES).meta({ description: 'The contact chose any of these municipalities' }),
  units: oneOrMoreOf(UNIT_CODES).meta({ description: 'Any of the contact’s cases is the responsibility of one of these units' }),
  interests: oneOrMoreOf(INTEREST_CODES).meta({ description: 'The contact has any of these interests' }),
  interestsAll: oneOrMoreOf(INTEREST_CODES).meta({ description: 'The contact has all of these interests' }),
  moveStatus: oneOrMoreOf(MOVE_STATUSES),
  newsletterStatus: oneOrMoreOf(NEWSLETTER_STATUSES),
  sources: oneOrMoreOf(SOURCE_KINDS).meta({ description: 'Any of the contact’s cases came from a source of these kinds' }),
  receivedBetween: dateRange.meta({ description: 'Any of the contact’s cases was received on these days (Swedish time)' }),
  language: oneOrMoreOf(LANGUAGES),
  householdWithChildren: z.boolean().meta({ description: 'true: children in the household; false: none or not told' }),
};
type Conditions = { [K in keyof typeof conditions]: z.output<(typeof conditions)[K]> };

/** A leaf: exactly one condition. */
export type SelectionCondition = { [K in keyof Conditions]: Pick<Conditions, K> }[keyof Conditions];
export type SelectionFilter =
  | { all: SelectionFilter[] }
  | { any: SelectionFilter[] }
  | { not: SelectionFilter }
  | SelectionCondition;

export const SELECTION_KEYS = ['all', 'any', 'not', ...Object.keys(conditions)] as const;

// One strict object with every key optional, plus "exactly one key", rather than a union of
// one-key objects: a union reports any mistake as a bare "Invalid input", this points at the key.
// The cast states what the refinement guarantees and the object type cannot express.
const node: z.ZodType<SelectionFilter> = z.lazy(
  () =>
    z
      .strictObject({
        all: oneOrMore(node, MAX_SELECTION_BRANCHES).optional().meta({ description: 'Every node matches' }),
        any: oneOrMore(node, MAX_SELECTION_BRANCHES).optional().meta({ description: 'At least one node matches' }),
        not: node.optional().meta({ description: 'The node does not match' }),
        ...Object.fromEntries(Object.entries(conditions).map(([key, schema]) => [key, schema.optional()])),
      })
      .refine((value) => Object.values(value).filter((entry) => entry !== undefined).length === 1, {
        message: `a node has exactly one key: ${SELECTION_KEYS.join(', ')}`,
      })
      .meta({ minProperties: 1, maxProperties: 1 }) as unknown as z.ZodType<SelectionFilter>,
);
// register() names this very instance, which the recursion refers to; meta() would name a copy.
node.register(z.globalRegistry, {
  id: 'SelectionFilter',
  description:
    'A node is { all: [nodes] }, { any: [nodes] }, { not: node } or one condition. ' +
    `At most ${MAX_SELECTION_DEPTH} levels, ${MAX_SELECTION_BRANCHES} nodes per all/any and ${MAX_SELECTION_NODES} nodes in all.`,
});

/** Why the all/any/not skeleton is too big, or undefined; it gives up at the first excess, so a hostile body stays cheap. */
function sizeProblem(root: unknown): string | undefined {
  let nodes = 0;
  const visit = (value: unknown, depth: number): string | undefined => {
    if (depth > MAX_SELECTION_DEPTH) return `nested deeper than ${MAX_SELECTION_DEPTH} levels`;
    if (++nodes > MAX_SELECTION_NODES) return `more than ${MAX_SELECTION_NODES} nodes`;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const { all, any, not } = value as Record<string, unknown>;
    const children = [...(Array.isArray(all) ? all : []), ...(Array.isArray(any) ? any : []), ...(not === undefined ? [] : [not])];
    for (const child of children) {
      const problem = visit(child, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  };
  return visit(root, 1);
}

// The size check runs before the recursive parse, so deep nesting cannot exhaust the stack.
export const selectionFilter = z.preprocess((value, ctx) => {
  const problem = sizeProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `the filter is ${problem}`, input: value });
  return value;
}, node);
