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
  /** Retry-After seconds sent with 429. */
  retryAfterSeconds: z.int().min(0).max(3600).default(0),
  /** How long an unanswered request is held before the socket is dropped. */
  timeoutHoldMs: z.int().min(0).max(600_000).default(35_000),
  /** Delay from acceptance to the delivery receipt. */
  deliveryDelayMs: z.int().min(0).max(3_600_000).default(1_500),
  /** Answer every request 401 (a refused certificate). */
  refuseAuth: z.boolean().default(false),
  /** Hold every NgDP answer this many ms (the real access point is a network round trip away). */
  latencyMs: z.int().min(0).max(60_000).default(0),
});
export type Faults = z.infer<typeof faultsSchema>;
export const NO_FAULTS: Faults = faultsSchema.parse({});
