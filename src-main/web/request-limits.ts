// Bounded work per request in the browser transport. The contract's zod schemas
// bound each input once it is parsed; these bound what the server buffers
// before that, so a few large bodies cannot push the process into gigabytes.

const MB = 1024 * 1024;

/** Every method but the few below: a record with all its fields, a workspace file, a template with its logo. */
export const DEFAULT_BODY_LIMIT = 16 * MB;

/**
 * The only large inputs: a CSV file (50 MB of text in the contract) and a letter
 * with its PDF attachments (the old Digital Post limit was 99.5 MB). JSON
 * escaping adds a little; 110 MB leaves room for it.
 */
export const LARGE_BODY_LIMIT = 110 * MB;
const LARGE_METHODS = new Set(['previewDigitalPost', 'sendDigitalPost']);

/** API calls handled at once; more wait for a 503 and retry (the renderer's calls are few and short). */
export const MAX_CONCURRENT_REQUESTS = 16;
/** Large bodies buffered at once: one CSV import or letter at a time keeps memory to one body. */
export const MAX_CONCURRENT_LARGE = 1;

/** The body-size limit of a method (an unknown name gets the default; dispatch then refuses it). */
export function bodyLimitFor(method: string): number {
  return isLargeMethod(method) ? LARGE_BODY_LIMIT : DEFAULT_BODY_LIMIT;
}

export function isLargeMethod(method: string): boolean {
  // Every CSV method, including any the import gains later (its file is the one large input).
  return /Csv/.test(method) || LARGE_METHODS.has(method);
}

/** Counts requests in flight, so the server can refuse instead of queueing without bound. */
export class InFlight {
  private count = 0;
  constructor(private readonly max: number) {}
  tryEnter(): boolean {
    if (this.count >= this.max) return false;
    this.count += 1;
    return true;
  }
  leave(): void {
    this.count = Math.max(0, this.count - 1);
  }
}
