// RFC 9457 problem details: every error the API returns has this shape, and nothing
// internal (stack traces, SQL) ever reaches the body.
import type { ErrorRequestHandler, Response } from 'express';
import type { ZodError } from 'zod';
import type { FieldError } from '../domain/errors.js';

const PROBLEM_BASE = 'https://inflyttarvagledning.se/problems/';

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
  }
}

export function validationProblem(error: ZodError, where: 'body' | 'query' | 'path' | 'header' = 'body'): ProblemError {
  const errors = error.issues.slice(0, 50).map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : `(${where})`,
    message: issue.message,
  }));
  return new ProblemError(422, 'validation', 'The request is not valid', `See "errors" for each field in the ${where}.`, errors);
}

export function sendProblem(res: Response, problem: ProblemError, instance: string): void {
  res
    .status(problem.status)
    .type('application/problem+json')
    .json({
      type: `${PROBLEM_BASE}${problem.slug}`,
      title: problem.title,
      status: problem.status,
      ...(problem.detail ? { detail: problem.detail } : {}),
      instance,
      ...(problem.errors ? { errors: problem.errors } : {}),
      requestId: res.getHeader('x-request-id'),
    });
}

/** Built with the error table so this file stays free of domain knowledge. */
export function problemErrorHandler(problemFor: (error: unknown) => ProblemError | undefined, retryAfterSeconds: number): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const problem = problemFor(error);
    if (problem?.status === 503) res.setHeader('Retry-After', String(retryAfterSeconds));
    if (problem) return sendProblem(res, problem, req.originalUrl.split('?')[0] ?? req.path);
    // Error messages can quote stored values, so only the type and the frames are logged.
    const { name, code, stack } = error as { name?: string; code?: string; stack?: string };
    req.log?.error({ errorName: name, errorCode: code, frames: stack?.split('\n').slice(1, 8).join('\n') }, 'unhandled error');
    sendProblem(res, new ProblemError(500, 'internal', 'Internal Server Error', 'The error was logged with this request id.'), req.path);
  };
}
