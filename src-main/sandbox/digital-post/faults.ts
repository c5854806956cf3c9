import { z } from 'zod';

/** Fault injection switches, settable over HTTP (`PUT /sandbox/faults`) so tests can make the sandbox misbehave. */
export const faultsSchema = z.strictObject({
  /** Share of POSTs answered 503 (0–1). */
  error5xxRate: z.number().min(0).max(1).default(0),
  /** Share of POSTs answered 429 with Retry-After. */
  rate429: z.number().min(0).max(1).default(0),
  /** Share of POSTs that never get an answer (the client times out). Half of them are still received. */
  timeoutRate: z.number().min(0).max(1).default(0),
  /** Share of POSTs whose connection is reset. Half of them are still received. */
  resetRate: z.number().min(0).max(1).default(0),
  /** Share of the timed-out/reset POSTs that are received before the answer is lost (0–1). */
  lostReceivedShare: z.number().min(0).max(1).default(0.5),
  /** Retry-After seconds sent with 429. */
  retryAfterSeconds: z.int().min(0).max(3600).default(0),
  /** How long an unanswered request is held before the socket is dropped. */
  timeoutHoldMs: z.int().min(0).max(600_000).default(35_000),
  /** Delay from acceptance to the delivery receipt. */
  deliveryDelayMs: z.int().min(0).max(3_600_000).default(1_500),
  /** Answer every request 401 (a refused certificate). */
  refuseAuth: z.boolean().default(false),
  /**
   * Readings of what the NgDP reference leaves open (docs/digital-post.md):
   * whether `receipts/` paging starts at 0 or 1, and how a repeated
   * messageUUID is answered (201 with the first receipt, or 400 ErrorMessage
   * saying it is a duplicate). The client must work with each.
   */
  receiptPageBase: z.union([z.literal(0), z.literal(1)]).default(0),
  duplicateAnswer: z.enum(['receipt', 'bad_request']).default('receipt'),
  /** What a receipt id equals: its own uuid, the messageUUID or the transmissionId. */
  receiptIdReading: z.enum(['own', 'messageUUID', 'transmissionId']).default('own'),
  /** Hold every NgDP answer this many ms (the real access point is a network round trip away). */
  latencyMs: z.int().min(0).max(60_000).default(0),
});
export type Faults = z.infer<typeof faultsSchema>;
export const NO_FAULTS: Faults = faultsSchema.parse({});
