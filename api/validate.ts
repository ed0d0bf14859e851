import type { z } from 'zod';
import { validationProblem } from './problem.js';

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'path' | 'header'): z.output<S> {
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) throw validationProblem(result.error, where);
  return result.data;
}
