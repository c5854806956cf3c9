// Errors cross the process boundary as values, never as thrown exceptions:
// a handler's failure must not crash main, and the renderer must get a code it
// can translate into the caseworker's language.

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'not_allowed'
  | 'no_user_selected'
  /** The session is locked (idle or by the caseworker): sign in again. */
  | 'session_locked'
  | 'invalid_transition'
  | 'guard_failed'
  | 'validation_failed'
  | 'import_failed'
  | 'database_too_new'
  /** An external service (e.g. MitID) could not be reached. */
  | 'unavailable'
  /** The case store cannot be written: the disk is full, or the file or its folder is read-only. */
  | 'storage_full'
  | 'storage_read_only'
  /** Sending would exceed what is left of a channel's monthly budget (fieldErrors carry the figures). */
  | 'budget_exceeded'
  /** The figures a confirmation was given for have changed since they were shown: show them again. */
  | 'figures_changed'
  | 'internal';

export interface FieldError {
  /** Field id, or a path such as `mapping.0` for non-field input. */
  field: string;
  /** Message key in the `errors.field.*` catalogue, e.g. `cpr_invalid_date`. */
  key: string;
  /** Parameters for the translation (never a CPR number). */
  params?: Record<string, string | number>;
}

export interface AppError {
  code: ErrorCode;
  /** Plain English text for logs and CLI; the renderer prefers a translation of `code`. */
  message: string;
  fieldErrors?: FieldError[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, fieldErrors?: FieldError[]): Result<never> => ({
  ok: false,
  error: fieldErrors ? { code, message, fieldErrors } : { code, message },
});
