// The one table from errors to HTTP: coded domain errors, body-parser errors and
// unreachable dependencies become RFC 9457 problems; anything else is a logged 500.
import { DomainError, type DomainErrorCode } from '../domain/errors.js';
import { ProblemError } from './problem.js';

export const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request (e.g. invalid JSON)',
  401: 'Missing or invalid credentials',
  403: 'The role may not do this',
  404: 'Not found',
  406: 'None of the accepted media types can be produced',
  409: 'Conflict (e.g. Idempotency-Key reused with another body, case closed)',
  413: 'Body too large',
  415: 'Unsupported body media type',
  422: 'Validation failed; `errors` lists each field',
  503: 'A dependency is unavailable; retry after the seconds in Retry-After',
};

const DOMAIN_ERRORS: Record<DomainErrorCode, (error: DomainError) => ProblemError> = {
  'not-found': (error) => new ProblemError(404, 'not-found', error.message),
  conflict: (error) => new ProblemError(409, 'conflict', 'Conflict', error.message),
  rejected: (error) => new ProblemError(422, 'validation', 'The request is not valid', error.message || undefined, error.fields),
  'too-large': (error) => new ProblemError(413, 'too-large', error.message),
  unavailable: () => unavailable(),
};

const unavailable = () =>
  new ProblemError(503, 'unavailable', 'Service temporarily unavailable', 'A dependency is unreachable or busy; nothing was changed. Retry shortly.');

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

// Connection refused/reset/timed out; Prisma: server unreachable (P1001), connect timeout
// (P1002), connection closed (P1017), pool timeout (P2024), transaction timed out or
// closed (P2028), too many connections (P2037); PostgreSQL: too many connections (53300),
// cannot connect now (57P03), admin shutdown (57P01).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'P1001',
  'P1002',
  'P1017',
  'P2024',
  'P2028',
  'P2037',
  '53300',
  '57P01',
  '57P03',
]);

/** A database or Temporal that cannot be reached or is busy is a temporary condition. */
function isUnavailableDependency(error: unknown): boolean {
  const { code, name, cause } = (error ?? {}) as { code?: string; name?: string; cause?: { code?: string } };
  return Boolean(
    (code && UNAVAILABLE_CODES.has(code)) ||
      (cause?.code && UNAVAILABLE_CODES.has(cause.code)) ||
      name === 'PrismaClientInitializationError' ||
      name === 'ServiceError' ||
      // node-postgres reports a dropped or refused connection as a plain Error.
      /Connection terminated|ECONNREFUSED|ECONNRESET|timeout exceeded when trying to connect|Can't reach database server/i.test(
        String((error as Error | undefined)?.message ?? ''),
      ),
  );
}

/** The problem to answer for an error, or undefined for a bug (a 500). */
export function problemFor(error: unknown): ProblemError | undefined {
  if (error instanceof ProblemError) return error;
  if (error instanceof DomainError) return DOMAIN_ERRORS[error.code](error);
  return problemFromBodyParser(error as { type?: string; status?: number }) ?? (isUnavailableDependency(error) ? unavailable() : undefined);
}

export const RETRY_AFTER_SECONDS = 5;
