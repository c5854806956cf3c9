import { redactCprs } from '../cpr/cpr';
import { DomainError } from '../shared/domain-error';

/** Exit codes: 0 done, 1 nothing (or not everything) could be done, 2 an import left some rows out. */
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_SOME_ROWS_FAILED = 2;

/** A refusal the CLI explains in one plain sentence; never shown with a stack trace. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

const SQLITE_TEXT: Record<string, string> = {
  SQLITE_NOTADB: 'the file is not a caseworker database (or it is damaged)',
  SQLITE_CORRUPT: 'the database file is damaged',
  SQLITE_BUSY: 'the database is busy (another program is writing to it); try again in a moment',
  SQLITE_LOCKED: 'the database is locked by another program; try again in a moment',
  SQLITE_READONLY: 'the database file is read-only',
  SQLITE_CANTOPEN: 'the database file cannot be opened (check the path and the permissions)',
  SQLITE_FULL: 'the disk is full',
  SQLITE_IOERR: 'the database file could not be read or written (disk error)',
  SQLITE_PERM: 'permission denied for the database file',
};

const FILE_TEXT: Record<string, string> = {
  ENOENT: 'the file or folder does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  EEXIST: 'a part of the path is a file, not a folder',
};

/**
 * One line for an administrator: what went wrong, in plain English, without a
 * stack trace and with anything CPR-shaped masked.
 */
export function describeError(error: unknown): string {
  if (error instanceof CliError) return redactCprs(error.message);
  if (error instanceof DomainError) return redactCprs(sentence(error.message));
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    // SQLite reports extended codes such as SQLITE_IOERR_WRITE; the family says enough.
    const family = Object.keys(SQLITE_TEXT).find((k) => code === k || code.startsWith(`${k}_`));
    if (family) return sentence(SQLITE_TEXT[family] as string);
    const path = (error as { path?: unknown }).path;
    if (FILE_TEXT[code]) return typeof path === 'string' ? `Cannot use ${path}: ${FILE_TEXT[code]}.` : sentence(FILE_TEXT[code]);
  }
  const message = error instanceof Error ? error.message : String(error);
  return redactCprs(`Unexpected error: ${message.split('\n')[0] ?? ''}`);
}

/** Reads of the administrator's own files, explained by path. */
export function fileError(path: string, error: unknown): CliError {
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' && FILE_TEXT[code] ? FILE_TEXT[code] : describeError(error);
  return new CliError(`Cannot use ${path}: ${reason}.`);
}

/** Domain messages are lower-case phrases ("the file has no column …"); the CLI prints sentences. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
