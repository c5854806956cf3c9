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
 * For background loops (the job runner): wait longer each time the same storage
 * problem is met again, up to `maxMs`, and say so once when it starts and once
 * when it is over, instead of a log line per attempt.
 */
export class StorageBackoff {
  private problem: StorageProblem | null = null;
  private failures = 0;

  constructor(
    private readonly what: string,
    private readonly log: (line: string) => void = (line) => console.error(line),
    private readonly baseMs = 1000,
    private readonly maxMs = 60_000,
  ) {}

  /** After a failure: the wait before the next attempt, or null when the error is no storage problem. */
  failed(error: unknown): number | null {
    const problem = storageProblemOf(error);
    if (!problem) return null;
    if (problem !== this.problem) {
      this.log(`${this.what} paused: ${storageError(problem).message}. Retrying with growing pauses until it can write again.`);
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
}
