import { z } from 'zod';
import type { RecordDetail } from './types';

// Contract of timed status actions and transition guards (issue 7).

/** When a status action runs: on entering its status, on leaving it, or after a delay in it. */
export const ACTION_TRIGGERS = ['enter', 'leave', 'delay'] as const;
export type ActionTrigger = (typeof ACTION_TRIGGERS)[number];

/** What a delay is counted from. `field` is a date field of the record. */
export const DELAY_BASES = ['entered', 'created', 'changed', 'field'] as const;
export type DelayBasis = (typeof DELAY_BASES)[number];

export interface ActionTiming {
  trigger: ActionTrigger;
  /** Milliseconds after the basis; negative means before (e.g. 7 days before a deadline). */
  delayMs: number;
  delayFrom: DelayBasis;
  /** The date field, when delayFrom is `field`. */
  delayFieldId: number | null;
}

export const DEFAULT_TIMING: ActionTiming = { trigger: 'enter', delayMs: 0, delayFrom: 'entered', delayFieldId: null };

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

/** A delayed action waiting for (or done with) its due time, shown on the record. */
export interface TimedActionView {
  id: number;
  actionId: number;
  actionName: string;
  statusId: number;
  basis: DelayBasis;
  delayMs: number;
  /** ISO time; null while a date-field basis has no date. */
  dueAt: string | null;
  state: 'pending' | 'fired' | 'cancelled';
  jobId: number | null;
}

export interface GuardTypeView {
  type: string;
  labelKey: string;
}

/** Why a guard refuses a transition, in the caseworker's language, with the failing item. */
export interface GuardFailureView {
  type: string;
  reason: string;
  link: { kind: 'message' | 'job' | 'signing_request'; id: number } | null;
}

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
} as const;

export interface TimedActionMethodResults {
  listTimedActions: TimedActionView[];
  listGuardTypes: GuardTypeView[];
  changeStatusOverridingGuards: RecordDetail;
}
