import type { SigningErrorCode, SigningErrorView } from '../contract';
import { redactCprs } from '../cpr/cpr';
import { DomainError } from '../shared/domain-error';

/**
 * A signing request's failure is stored as a code and parameters (JSON in
 * `signing_requests.last_error`), never as a sentence: the renderer words it in the
 * reader's language when shown. Rows written before this are plain text and read
 * back as `unknown` with the text kept for the technical details.
 */
export function encodeSigningError(e: SigningErrorView): string {
  return JSON.stringify({ code: e.code, params: e.params, technical: redactCprs(e.technical).slice(0, 500) });
}

export function decodeSigningError(stored: string): SigningErrorView | null {
  if (!stored) return null;
  try {
    const parsed = JSON.parse(stored) as Partial<SigningErrorView>;
    if (parsed && typeof parsed.code === 'string') return { code: parsed.code, params: parsed.params ?? {}, technical: parsed.technical ?? '' };
  } catch {
    // An older row: plain text.
  }
  return { code: 'unknown', params: {}, technical: stored };
}

/** Carries a code so the worker can store why, not a sentence. */
export class CodedSigningError extends Error {
  constructor(
    message: string,
    readonly code: SigningErrorCode,
    readonly params: SigningErrorView['params'] = {},
  ) {
    super(message);
    this.name = 'CodedSigningError';
  }
}

/** The stored form of anything the worker caught. */
export function signingErrorOf(error: unknown): SigningErrorView {
  const technical = (error as Error)?.message ?? String(error);
  if (error instanceof CodedSigningError) return { code: error.code, params: error.params, technical };
  if (error instanceof DomainError) {
    const first = error.fieldErrors?.[0];
    return { code: 'rule', params: { rule: error.code, ...(first ? { field: first.field, fieldError: first.key } : {}) }, technical };
  }
  return { code: 'unknown', params: {}, technical };
}
