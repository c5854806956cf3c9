import type { JobStatus, JobView, StatusActionDef } from '../contract';
import { isoAt } from '../shared/clock';
import { currentBulkOperation } from '../notifications/bulk-scope';
import type { Db } from '../store/database';
import { preparedOnce } from '../store/statement-cache';

export interface JobRow {
  id: number;
  record_id: number;
  action_id: number | null;
  type: string;
  name: string;
  params: string;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  next_run_at: number;
  last_error: string;
  idempotency_key: string;
  created_at: string;
  finished_at: string | null;
  /** The bulk operation (migration 016) whose notifications this job's joins. */
  bulk_operation_id: number | null;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Writes one job per status action. Called inside the status change's own
 * transaction, so the change and its jobs commit together or not at all.
 * The idempotency key ties the job to this very status change: replaying the
 * same change can never create a second job.
 */
export function enqueueStatusActionJobs(
  db: Db,
  args: { recordId: number; historyId: number; actions: StatusActionDef[]; now: number },
): number[] {
  const ids: number[] = [];
  for (const action of args.actions) {
    // Leave and delayed actions are enqueued elsewhere (issue 7: timed-actions/).
    if (!action.enabled || (action.timing?.trigger ?? 'enter') !== 'enter') continue;
    ids.push(
      enqueueJob(db, { recordId: args.recordId, historyId: args.historyId, action, now: args.now, key: `status-change:${args.historyId}:action:${action.id}` }),
    );
  }
  return ids;
}

/**
 * Writes one job for one status action under the caller's transaction. The
 * idempotency key is UNIQUE: the same key can never become a second job.
 */
export function enqueueJob(
  db: Db,
  args: { recordId: number; historyId: number | null; action: StatusActionDef; now: number; key: string },
): number {
  const insert = preparedOnce(
    db,
    `INSERT INTO jobs (record_id, status_history_id, action_id, type, name, params, status, max_attempts, next_run_at, idempotency_key, created_at, bulk_operation_id)
     VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)`,
  );
  const { action } = args;
  const info = insert.run(
    args.recordId,
    args.historyId,
    action.id,
    action.type,
    action.name,
    JSON.stringify(action.params),
    DEFAULT_MAX_ATTEMPTS,
    args.now,
    args.key,
    isoAt(args.now),
    // A job written during a CSV import or a bulk status change tells people in that operation's summary.
    currentBulkOperation(),
  );
  return Number(info.lastInsertRowid);
}

/** The next job due at or before `now`, oldest first (uses the partial index jobs_due). */
export function nextDueJob(db: Db, now: number): JobRow | undefined {
  return db
    .prepare("SELECT * FROM jobs WHERE status = 'queued' AND next_run_at <= ? ORDER BY next_run_at, id LIMIT 1")
    .get(now) as JobRow | undefined;
}

/** When the runner should look again, or null when nothing is queued. */
export function nextWakeAt(db: Db): number | null {
  const row = db.prepare("SELECT min(next_run_at) AS at FROM jobs WHERE status = 'queued'").get() as { at: number | null };
  return row.at;
}

/**
 * Jobs left `running` by a crash go back to the queue. Local jobs never persist
 * `running` (they complete in one transaction), so this only concerns external
 * actions, which carry idempotency keys towards their service.
 */
export function requeueInterrupted(db: Db, now: number): number {
  return db.prepare("UPDATE jobs SET status = 'queued', next_run_at = ? WHERE status = 'running'").run(now).changes;
}

export function jobsForRecord(db: Db, recordId: number): JobView[] {
  const jobs = db.prepare('SELECT * FROM jobs WHERE record_id = ? ORDER BY id DESC LIMIT 200').all(recordId) as JobRow[];
  if (jobs.length === 0) return [];
  const attempts = db
    .prepare(
      `SELECT job_id, attempt, started_at, finished_at, outcome, message FROM job_attempts
       WHERE job_id IN (SELECT id FROM jobs WHERE record_id = ?) ORDER BY job_id, attempt`,
    )
    .all(recordId) as {
    job_id: number;
    attempt: number;
    started_at: string;
    finished_at: string | null;
    outcome: 'succeeded' | 'failed' | 'running';
    message: string;
  }[];
  return jobs.map((j) => ({
    id: j.id,
    actionId: j.action_id,
    actionName: j.name,
    type: j.type,
    status: j.status,
    attempts: j.attempts,
    maxAttempts: j.max_attempts,
    nextRunAt: j.status === 'queued' ? isoAt(j.next_run_at) : null,
    lastError: j.last_error,
    createdAt: j.created_at,
    finishedAt: j.finished_at,
    attemptLog: attempts
      .filter((a) => a.job_id === j.id)
      .map((a) => ({
        attempt: a.attempt,
        startedAt: a.started_at,
        finishedAt: a.finished_at,
        outcome: a.outcome,
        message: a.message,
      })),
  }));
}

/** Exponential backoff with full jitter: 2 s, 4 s, 8 s … capped at 10 minutes. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(10 * 60_000, 2_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * A job that gave up goes back to the queue for a fresh round of attempts; its
 * attempt log is kept. Returns the record id. Only `failed` jobs qualify.
 */
export function requeueFailedJob(db: Db, jobId: number, now: number): number | null {
  const job = db.prepare("SELECT record_id FROM jobs WHERE id = ? AND status = 'failed'").get(jobId) as { record_id: number } | undefined;
  if (!job) return null;
  db.prepare(
    "UPDATE jobs SET status = 'queued', next_run_at = ?, max_attempts = attempts + ?, finished_at = NULL WHERE id = ? AND status = 'failed'",
  ).run(now, DEFAULT_MAX_ATTEMPTS, jobId);
  return job.record_id;
}
