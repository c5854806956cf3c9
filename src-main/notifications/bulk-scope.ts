/**
 * The bulk operation that the current synchronous work belongs to. A CSV
 * import, a mailing or a bulk status change runs its transactions inside
 * `inBulk`; every notification published meanwhile (by a status action, an
 * assignment, a letter) joins that operation's one summary per person instead
 * of becoming a notification of its own, and every status-action job written
 * meanwhile carries the operation's id, so what the job publishes later joins
 * it too.
 *
 * Synchronous on purpose: the store's transactions are synchronous, so the
 * scope can never leak across an `await` into someone else's request.
 */
let current: number | null = null;

export function inBulk<T>(operationId: number | null, fn: () => T): T {
  if (operationId === null) return fn();
  const outer = current;
  current = operationId;
  try {
    return fn();
  } finally {
    current = outer;
  }
}

/** The bulk operation in progress, or null for ordinary single changes. */
export function currentBulkOperation(): number | null {
  return current;
}
