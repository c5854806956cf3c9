/**
 * How long to wait before asking Idura again about an open order, by how long
 * ago the link was sent: citizens usually sign within minutes of opening their
 * Digital Post, or days later; an order weeks old is asked rarely. Closed
 * orders are not polled at all (their requests are final).
 */
export function pollDelayMs(ageMs: number): number {
  const minute = 60_000;
  if (ageMs < 10 * minute) return 15_000;
  if (ageMs < 60 * minute) return minute;
  if (ageMs < 24 * 60 * minute) return 5 * minute;
  if (ageMs < 7 * 24 * 60 * minute) return 30 * minute;
  return 2 * 60 * minute;
}

/** Waiting after a failed call (network down, service error): 5 s doubling to at most 30 min. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30 * 60_000, 5_000 * 2 ** Math.max(0, attempt - 1));
}
