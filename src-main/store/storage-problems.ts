import type { AppError } from '../contract';

/**
 * Conditions of the disk, not of the request: the case store cannot be written
 * because the disk is full or the file (or its folder) is read-only. Retrying at
 * once will not help, and the caseworker needs to be told which one it is.
 */
export type StorageProblem = 'full' | 'read_only';

const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
const READ_ONLY = new Set(['SQLITE_READONLY', 'EROFS']);

export function storageProblemOf(error: unknown): StorageProblem | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  // SQLite's extended codes (SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE…) belong to their family.
  const family = code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code;
  if (FULL.has(family)) return 'full';
  if (READ_ONLY.has(family)) return 'read_only';
  return null;
}

/** The contract error for a storage problem (the renderer translates the code). */
export function storageError(problem: StorageProblem): AppError {
  return problem === 'full'
    ? { code: 'storage_full', message: 'the disk is full, so the change was not saved; free some space and try again' }
    : { code: 'storage_read_only', message: 'the database file or its folder is read-only, so the change was not saved' };
}

/**
 * What a background loop backs off on: the two problems above, plus SQLite's
 * input/output errors (SQLITE_IOERR_WRITE, _FSYNC…), which a failing or
 * vanished disk gives. Those are not worded for the caseworker as a disk
 * condition (the request fails as "internal"), but retrying at once will not
 * heal them either.
 */
export type StorageCondition = StorageProblem | 'io_error';

export function storageConditionOf(error: unknown): StorageCondition | null {
  const problem = storageProblemOf(error);
  if (problem) return problem;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_IOERR' || code.startsWith('SQLITE_IOERR_') || code === 'EIO') ? 'io_error' : null;
}

const CONDITION_TEXT: Record<StorageCondition, string> = {
  full: storageError('full').message,
  read_only: storageError('read_only').message,
  io_error: 'the database file could not be written (an input/output error of the disk)',
};

/**
 * The one backoff policy of every background loop (job runner, Digital Post
 * sender and receipt poller, signing worker, timed actions, notification
 * retention): on a full disk, a read-only store or an I/O error, wait longer
 * each time the condition is met again (1 s, 2 s, 4 s … up to `maxMs`), and
 * log one line when it starts, one when it changes and one when it is over,
 * instead of a line per attempt. The lines name the condition, never the data.
 */
export class StorageBackoff {
  private problem: StorageCondition | null = null;
  private failures = 0;

  constructor(
    private readonly what: string,
    private readonly log: (line: string) => void = (line) => console.error(line),
    private readonly baseMs = 1000,
    private readonly maxMs = 60_000,
  ) {}

  /** After a failure: the wait before the next attempt, or null when the error is no storage problem. */
  failed(error: unknown): number | null {
    const problem = storageConditionOf(error);
    if (!problem) return null;
    if (problem !== this.problem) {
      this.log(`${this.what} paused: ${CONDITION_TEXT[problem]}. Retrying with growing pauses until it can write again.`);
      this.problem = problem;
      this.failures = 0;
    }
    this.failures += 1;
    return Math.min(this.maxMs, this.baseMs * 2 ** (this.failures - 1));
  }

  /** After a round that went well. */
  succeeded(): void {
    if (this.problem) this.log(`${this.what} resumed: the database can be written again.`);
    this.problem = null;
    this.failures = 0;
  }

  get paused(): boolean {
    return this.problem !== null;
  }

  /** The condition being waited out, or null. */
  get condition(): StorageCondition | null {
    return this.problem;
  }

  /** The condition in words (for a status line), or null. */
  get conditionText(): string | null {
    return this.problem ? CONDITION_TEXT[this.problem] : null;
  }
}
