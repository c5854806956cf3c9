import type { ErrorCode, FieldError } from '../contract';

/**
 * The one exception type domain code throws on purpose. The dispatcher turns it
 * into an error Result; anything else becomes `internal` with a generic text,
 * so stack traces and personal data never reach the renderer.
 * Messages must never contain a CPR number.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldError[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string): DomainError => new DomainError('not_found', `${what} was not found`);
