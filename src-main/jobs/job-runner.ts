import type { Language } from '../contract';
import { redactCprs } from '../cpr/cpr';
import { inBulk } from '../notifications/bulk-scope';
import type { NotificationPort } from '../notifications/notification-port';
import { DomainError } from '../shared/domain-error';
import type { EventBus } from '../events/event-bus';
import type { RecordsService } from '../records/records-service';
import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import type { Db } from '../store/database';
import { StorageBackoff, storageConditionOf } from '../store/storage-problems';
import type { ActionRegistry } from '../status-actions/registry';
import type { WorkspaceRepo } from '../workspace/workspace-repo';
import { backoffMs, nextDueJob, nextWakeAt, requeueInterrupted, type JobRow } from './job-queue';

export interface JobRunnerDeps {
  db: Db;
  actions: ActionRegistry;
  workspace: WorkspaceRepo;
  records: RecordsService;
  clock: Clock;
  events: EventBus;
  random?: () => number;
  /** Told in the failure's own transaction when a job gives up (issue 7). */
  notifications?: NotificationPort;
  language?: () => Language;
}

/** Longest sleep between looks at the queue, so jobs written by another process (the CLI) are seen. */
const MAX_IDLE_MS = 5_000;

/**
 * Performs queued status-action jobs, one at a time, oldest due first. A local
 * action's effect, its attempt record and the job's completion commit together,
 * so after a crash a job has either fully happened or not at all.
 */
export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private started = false;
  private stopping = false;
  /** A full disk or read-only store: wait longer each time, and log it once, not once per attempt. */
  private readonly storage = new StorageBackoff('the job runner');
  /** Jobs a crash left running go back in the queue at the first round after start() (a write, so it may have to wait). */
  private requeuePending = false;

  constructor(private readonly deps: JobRunnerDeps) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    try {
      requeueInterrupted(this.deps.db, this.deps.clock.now());
      this.requeuePending = false;
    } catch (error) {
      // A store that cannot be written yet: the rounds retry it, with the backoff below.
      if (!storageConditionOf(error)) throw error;
      this.requeuePending = true;
    }
    this.wake();
  }

  /** Look at the queue now (called after a status change enqueued jobs). */
  wake(): void {
    if (!this.started) return;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.started = false;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Runs every job due now; returns how many ran. Tests and the CLI call this directly. */
  async runDue(): Promise<number> {
    let count = 0;
    for (;;) {
      // Stop between jobs when asked, rather than draining a long queue first.
      if (this.stopping) return count;
      const job = nextDueJob(this.deps.db, this.deps.clock.now());
      if (!job) return count;
      this.runOne(job);
      count += 1;
      // Yield between jobs so IPC and HTTP requests are served during a long queue.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private schedule(delayMs: number): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) return this.schedule(50);
      let pause: number | null = null;
      this.running = Promise.resolve()
        .then(() => {
          if (this.requeuePending) requeueInterrupted(this.deps.db, this.deps.clock.now());
          this.requeuePending = false;
          return this.runDue();
        })
        .then(() => this.storage.succeeded())
        .catch((error: unknown) => {
          pause = this.storage.failed(error);
          if (pause === null) console.error('job runner failed:', redactCprs((error as Error).message));
        })
        .finally(() => {
          this.running = null;
          if (pause !== null) return this.schedule(pause);
          const next = nextWakeAt(this.deps.db);
          const wait = next === null ? MAX_IDLE_MS : Math.min(MAX_IDLE_MS, Math.max(0, next - this.deps.clock.now()));
          this.schedule(wait);
        });
    }, delayMs);
  }

  private runOne(job: JobRow): void {
    const { db, clock, events } = this.deps;
    const attempt = job.attempts + 1;
    const startedAt = isoAt(clock.now());
    try {
      // A job of a bulk operation publishes into that operation's summaries.
      inBulk(job.bulk_operation_id ?? null, () => db.transaction(() => {
          const outcome = this.perform(job);
          const finishedAt = isoAt(clock.now());
          db.prepare(
            "INSERT INTO job_attempts (job_id, attempt, started_at, finished_at, outcome, message) VALUES (?, ?, ?, ?, 'succeeded', ?)",
          ).run(job.id, attempt, startedAt, finishedAt, outcome);
          db.prepare("UPDATE jobs SET status = 'succeeded', attempts = ?, last_error = '', finished_at = ? WHERE id = ?").run(
            attempt,
            finishedAt,
            job.id,
          );
        }).immediate());
    } catch (error) {
      // A full disk or read-only store is the store's condition, not the job's
      // failure: no attempt is counted (it could give the job up); the round backs off.
      if (storageConditionOf(error)) throw error;
      // The action's own writes rolled back; record the failed attempt separately.
      const text = redactCprs((error as Error).message).slice(0, 500);
      // A refusal by our own rules (invalid value, unknown action) will not heal by
      // retrying; only transient failures are worth the backoff.
      const permanent = error instanceof DomainError || (error as Error).name === 'ZodError';
      const giveUp = permanent || attempt >= job.max_attempts;
      const now = clock.now();
      inBulk(job.bulk_operation_id ?? null, () => db.transaction(() => {
        db.prepare(
          "INSERT INTO job_attempts (job_id, attempt, started_at, finished_at, outcome, message) VALUES (?, ?, ?, ?, 'failed', ?)",
        ).run(job.id, attempt, startedAt, isoAt(now), text);
        db.prepare('UPDATE jobs SET status = ?, attempts = ?, last_error = ?, next_run_at = ?, finished_at = ? WHERE id = ?').run(
          giveUp ? 'failed' : 'queued',
          attempt,
          text,
          giveUp ? job.next_run_at : now + backoffMs(attempt, this.deps.random),
          giveUp ? isoAt(now) : null,
          job.id,
        );
        // A status action that gives up is never swallowed: the record's responsibles hear of it.
        if (giveUp && this.deps.notifications) {
          this.deps.notifications.publish({
            kind: 'status_action_failed',
            recordId: job.record_id,
            toRecordResponsibles: true,
            // Stored in Danish as the fallback; readers see it in their own language from params.
            message: `Statushandlingen "${job.name}" er fejlet: ${text}`,
            actorUserId: null,
            params: { action: job.name, error: text },
          });
        }
      }).immediate());
    }
    events.emit('jobsChanged', { recordId: job.record_id });
    events.emit('recordsChanged', { recordIds: [job.record_id] });
  }

  /** Runs the action inside the caller's transaction; throws to fail the attempt. */
  private perform(job: JobRow): string {
    const type = this.deps.actions.get(job.type);
    if (!type) throw new DomainError('invalid_input', `unknown status action type "${job.type}"`);
    const params = type.params.parse(JSON.parse(job.params));
    return type.apply(params, {
      db: this.deps.db,
      recordId: job.record_id,
      jobId: job.id,
      idempotencyKey: job.idempotency_key,
      workspace: this.deps.workspace.snapshot(),
      setValues: (values, reason) => this.deps.records.applyValues(job.record_id, values, { userId: null, via: reason }),
    });
  }
}
