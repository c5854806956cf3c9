import type { Language } from '../contract';
import type { Db } from '../store/database';

/**
 * A condition a record must meet before it may take a transition, such as
 * "all messages of this record delivered" (Digital Post) or "signature
 * completed" (signing). Each feature that owns the facts implements its guard
 * type; the workflow module keeps the registry, stores which guards a
 * transition has, refuses a failing transition and audits overrides (issue 7).
 */
export interface TransitionGuardType {
  /** Stable id stored on the transition, e.g. `all_messages_delivered`. */
  type: string;
  /** i18n key of the guard's name in the admin UI. */
  labelKey: string;
  /** Null when the record may move on; otherwise why not, in plain words. */
  check(recordId: number, ctx: GuardContext): GuardFailure | null;
}

export interface GuardContext {
  db: Db;
  lang: Language;
}

export interface GuardFailure {
  /** In the caseworker's language, without CPR numbers. */
  reason: string;
  /** The failing item, so the UI can link to it on the record. */
  link?: { kind: 'message' | 'job' | 'signing_request'; id: number };
}
