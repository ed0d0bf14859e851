// RFC 9457 problem details: every error the API returns has this shape, and nothing
// internal (stack traces, SQL) ever reaches the body.
import type { ErrorRequestHandler, Response } from 'express';
import type { ZodError } from 'zod';

export interface FieldError {
  field: string;
  message: string;
}

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

export const notFound = (what: string) => new ProblemError(404, 'not-found', `${what} not found`);
export const conflict = (detail: string) => new ProblemError(409, 'conflict', 'Conflict', detail);

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

/** express.json() and friends signal client mistakes with these http-errors types. */
function problemFromBodyParser(error: { type?: string; status?: number }): ProblemError | undefined {
  switch (error.type) {
    case 'entity.too.large':
      return new ProblemError(413, 'too-large', 'The request body is too large');
    case 'entity.parse.failed':
      return new ProblemError(400, 'malformed-json', 'The request body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ProblemError(415, 'unsupported-encoding', 'Unsupported content encoding or charset');
    case 'request.aborted':
      return new ProblemError(400, 'aborted', 'The request was aborted');
    default:
      return typeof error.status === 'number' && error.status >= 400 && error.status < 500
        ? new ProblemError(error.status, 'bad-request', 'Bad request')
        : undefined;
  }
}

// P2028: a transaction that could not start or finish in time (the database is busy or hangs).
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'P1001', 'P1002', 'P1017', 'P2024', 'P2028']);

/** A database or Temporal that cannot be reached is a temporary condition: 503, retry later. */
function problemFromUnavailableDependency(error: unknown): ProblemError | undefined {
  const { code, name, cause } = (error ?? {}) as { code?: string; name?: string; cause?: { code?: string } };
  const unreachable =
    (code && UNAVAILABLE_CODES.has(code)) ||
    (cause?.code && UNAVAILABLE_CODES.has(cause.code)) ||
    name === 'PrismaClientInitializationError' ||
    name === 'ServiceError' ||
    // node-postgres reports a dropped or refused connection as a plain Error.
    /Connection terminated|ECONNREFUSED|ECONNRESET|timeout exceeded when trying to connect|Can't reach database server|Query read timeout|Connection terminated due to connection timeout/i.test(
      String((error as Error | undefined)?.message ?? ''),
    );
  return unreachable
    ? new ProblemError(503, 'unavailable', 'Service temporarily unavailable', 'A dependency is unreachable; nothing was changed. Retry shortly.')
    : undefined;
}

export const problemErrorHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  const problem =
    error instanceof ProblemError
      ? error
      : (problemFromBodyParser(error as { type?: string; status?: number }) ?? problemFromUnavailableDependency(error));
  if (problem?.status === 503) res.setHeader('Retry-After', '5');
  if (problem) return sendProblem(res, problem, req.originalUrl.split('?')[0] ?? req.path);
  // Error messages can quote stored values, so only the type and the frames are logged.
  const { name, code, stack } = error as { name?: string; code?: string; stack?: string };
  req.log?.error({ errorName: name, errorCode: code, frames: stack?.split('\n').slice(1, 8).join('\n') }, 'unhandled error');
  sendProblem(res, new ProblemError(500, 'internal', 'Internal Server Error', 'The error was logged with this request id.'), req.path);
};
