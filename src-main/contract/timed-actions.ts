import { z } from 'zod';
import type { RecordDetail } from './types';
import { ACTION_TRIGGERS, DELAY_BASES, type GuardTypeView, type TimedActionView } from './timed-actions-types';

// Contract of timed status actions and transition guards (issue 7).

export * from './timed-actions-types';

/** Ten years either way is more than any case rule needs and keeps arithmetic safe. */
const MAX_DELAY_MS = 10 * 366 * 24 * 3_600_000;

export const actionTimingInput = z.strictObject({
  trigger: z.enum(ACTION_TRIGGERS),
  delayMs: z.int().min(-MAX_DELAY_MS).max(MAX_DELAY_MS),
  delayFrom: z.enum(DELAY_BASES),
  delayFieldId: z.int().min(1).max(Number.MAX_SAFE_INTEGER).nullable(),
});

export const guardTypesInput = z
  .array(
    z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z][a-z0-9_]*$/),
  )
  .max(20);

const id = z.int().min(1).max(Number.MAX_SAFE_INTEGER);

export const timedActionMethodInputs = {
  listTimedActions: z.strictObject({ id }),
  listGuardTypes: z.strictObject({}),
  /** An administrator moves a record past failing guards; the reason is mandatory and audited. */
  changeStatusOverridingGuards: z.strictObject({
    id,
    version: z.int().min(1),
    toStatusId: id,
    comment: z.string().max(2000),
    reason: z.string().trim().min(3).max(2000),
  }),
  /** Puts a status action that gave up back in the queue (e.g. after its cause was fixed). */
  retryStatusAction: z.strictObject({ jobId: id }),
} as const;

export interface TimedActionMethodResults {
  listTimedActions: TimedActionView[];
  listGuardTypes: GuardTypeView[];
  changeStatusOverridingGuards: RecordDetail;
  retryStatusAction: RecordDetail;
}
