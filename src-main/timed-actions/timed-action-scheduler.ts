import { redactCprs } from '../cpr/cpr';
import type { EventBus } from '../events/event-bus';
import type { Clock } from '../shared/clock';
import type { Db } from '../store/database';
import { StorageBackoff } from '../store/storage-problems';
import { dueTimedActionIds, fireTimedAction, nextTimedActionDue } from './timed-actions';

export interface SchedulerDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  /** Tells the job runner that new jobs are queued. */
  onJobsQueued: () => void;
}

/** Longest sleep: date fields edited by another process (the CLI) move due times without telling us. */
const MAX_IDLE_MS = 30_000;
const BATCH = 200;

/**
 * Finds due timed actions and turns each into a job. Started with the app's
 * jobs; at start it first fires everything that fell due while the app was
 * closed, oldest due first.
 */
export class TimedActionScheduler {
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  /** A full disk or read-only store: wait it out with growing pauses and one log line. */
  private readonly storage = new StorageBackoff('the timed-action scheduler');

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.wake();
  }

  stop(): void {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Look again now (after a status change or an edit that may have moved a due time). */
  wake(): void {
    if (!this.started) return;
    this.schedule(0);
  }

  /** Fires every timed action due now, in due order; returns how many became jobs. Tests and the CLI call this. */
  fireDue(): number {
    const { db, clock, events } = this.deps;
    let fired = 0;
    for (;;) {
      const now = clock.now();
      const ids = dueTimedActionIds(db, now, BATCH);
      if (ids.length === 0) break;
      const touched = new Set<number>();
      for (const id of ids) {
        const outcome = fireTimedAction(db, id, now);
        if (outcome.kind === 'fired') fired += 1;
        if (outcome.kind !== 'skipped') touched.add(outcome.recordId);
      }
      if (touched.size) {
        events.emit('recordsChanged', { recordIds: [...touched].slice(0, 1000) });
        for (const recordId of touched) events.emit('jobsChanged', { recordId });
      }
      if (ids.length < BATCH) break;
    }
    if (fired > 0) this.deps.onJobsQueued();
    return fired;
  }

  private schedule(delayMs: number): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      try {
        this.fireDue();
        this.storage.succeeded();
      } catch (error) {
        const pause = this.storage.failed(error);
        if (pause !== null) return this.schedule(pause);
        console.error('timed action scheduler failed:', redactCprs((error as Error).message));
      }
      const next = nextTimedActionDue(this.deps.db);
      const wait = next === null ? MAX_IDLE_MS : Math.min(MAX_IDLE_MS, Math.max(0, next - this.deps.clock.now()));
      this.schedule(wait);
    }, delayMs);
  }
}
