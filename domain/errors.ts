// Coded errors that use cases throw; api/error-table.ts maps each code to an HTTP status
// and problem type, so a use case never knows it is called over HTTP.
export type DomainErrorCode =
  /** The thing asked for does not exist. */
  | 'not-found'
  /** The request contradicts the current state (a closed case, a running campaign). */
  | 'conflict'
  /** Well-formed input that a business rule refuses; `fields` says which. */
  | 'rejected'
  /** Input larger than the product accepts. */
  | 'too-large'
  /** A dependency cannot be reached; nothing was changed, retrying later is safe. */
  | 'unavailable';

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not-found', `${what} not found`);
export const conflict = (detail: string) => new DomainError('conflict', detail);
export const rejected = (detail: string, fields: FieldError[]) => new DomainError('rejected', detail, fields);
