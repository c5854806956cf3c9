// Types and constants of timed status actions and guards (issue 7), without zod,
// so the renderer can import the constants without bundling the schemas.

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

