import type { z } from 'zod';
import type { Language } from '../contract';
import type { WorkspaceSnapshot } from '../workspace/workspace-snapshot';
import type { Db } from '../store/database';

/** Names of people and groups, for describing and for portable (exported) params. */
export interface Directory {
  userName(id: number): string | null;
  groupName(id: number): string | null;
  userIdByName(name: string): number | null;
  groupIdByName(name: string): number | null;
  /** Document templates, which status actions name by id and exported files by name. */
  templateName(id: number): string | null;
  templateIdByName(name: string): number | null;
}

/** The caseworker whose status change queued this job (null for imports, timers and the system). */
export function actingUserOf(db: Db, jobId: number): number | null {
  const id = db.prepare('SELECT h.user_id FROM jobs j JOIN status_history h ON h.id = j.status_history_id WHERE j.id = ?').pluck().get(jobId) as
    | number
    | null
    | undefined;
  return id ?? null;
}

export interface ActionRunContext {
  db: Db;
  recordId: number;
  jobId: number;
  /** Unique per job; external services receive it so a retry never acts twice. */
  idempotencyKey: string;
  workspace: WorkspaceSnapshot;
  /** Writes record values through the same validation and audit as a caseworker's edit. */
  setValues(values: Record<string, string | null>, reason: string): void;
}

/**
 * One kind of status action. `local` actions change only this database and run
 * inside the transaction that completes their job, so they happen exactly once.
 * (External actions such as Digital Post arrive in later issues with idempotency keys.)
 */
export interface StatusActionType<P> {
  type: string;
  labelKey: string;
  kind: 'local';
  params: z.ZodType<P>;
  /**
   * Checks references (fields, users, groups, statuses) against the workspace;
   * returns a problem or null. `ownStatusId` is the status the action belongs to:
   * a status it moves the record to must be in that status's workflow.
   */
  check(params: P, ws: WorkspaceSnapshot, dir: Directory, ownStatusId: number): string | null;
  /** One line for the status-change dialog, in the caseworker's language. */
  describe(params: P, ws: WorkspaceSnapshot, dir: Directory, lang: Language): string;
  /** Performs the action; returns the outcome line for the job's attempt log. */
  apply(params: P, ctx: ActionRunContext): string;
  /**
   * Replaces ids by names for export, and back for import. The workspace tells
   * whether a field holds users or groups: their ids overlap, so the id alone
   * cannot say which name is meant.
   */
  toPortable(params: P, dir: Directory, ws: WorkspaceSnapshot): Record<string, unknown>;
  /** `ownStatusId`: the status the imported action is attached to (status names resolve in its workflow). */
  fromPortable(portable: Record<string, unknown>, dir: Directory, ws: WorkspaceSnapshot, ownStatusId: number): P;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStatusActionType = StatusActionType<any>;
