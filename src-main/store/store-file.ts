import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DomainError } from '../shared/domain-error';
import { LATEST_VERSION } from './migrations';

/** Why a file was not opened as the case store. */
export type StoreFileProblem = 'folder' | 'empty' | 'not_sqlite' | 'not_case_store' | 'damaged' | 'read_only' | 'no_access' | 'cannot_create';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** Tables every case store has had since the first migration. */
const CASE_STORE_TABLES = ['records', 'audit_log', 'workflows', 'status_history'] as const;

const TEXTS: Record<StoreFileProblem, { da: string; en: string }> = {
  folder: { da: 'er en mappe, ikke en databasefil', en: 'is a folder, not a database file' },
  empty: {
    da: 'er tom (0 byte), typisk efter en kopiering eller gendannelse, der ikke blev færdig. Filen er ikke ændret; gendan den fra en sikkerhedskopi eller flyt den væk, så der kan oprettes en ny',
    en: 'is empty (0 bytes), usually after a copy or restore that did not finish. The file was left unchanged; restore it from a backup or move it away so a new one can be created',
  },
  not_sqlite: {
    da: 'er ikke en database for Sagsbehandler (eller den er beskadiget). Filen er ikke ændret',
    en: 'is not a caseworker database (or it is damaged). The file was left unchanged',
  },
  not_case_store: {
    da: 'er en database fra et andet program, ikke Sagsbehandlers sagsdatabase. Filen er ikke ændret',
    en: 'is a database of another program, not a caseworker database. The file was left unchanged',
  },
  damaged: {
    da: 'er beskadiget og kan ikke læses. Filen er ikke ændret; gendan den fra en sikkerhedskopi',
    en: 'is damaged and cannot be read. The file was left unchanged; restore it from a backup',
  },
  read_only: {
    da: 'er skrivebeskyttet, så sagerne kan ikke gemmes. Giv din bruger skriveadgang til filen og mappen',
    en: 'is read-only, so cases cannot be saved. Give your account write access to the file and its folder',
  },
  cannot_create: {
    da: 'kan ikke oprettes: mappen er skrivebeskyttet, disken er fuld, eller du har ikke adgang til den',
    en: 'cannot be created: the folder is read-only, the disk is full, or you have no access to it',
  },
  no_access: {
    da: 'kan ikke læses (ingen adgang). Tjek filens rettigheder',
    en: 'cannot be read (permission denied). Check the file permissions',
  },
};

/**
 * The case store file is refused without being changed. The message is Danish
 * first, then English (the start-up box and the CLI show it as it is), and
 * names the path: an administrator must know which file to look at.
 */
export class StoreFileError extends DomainError {
  constructor(
    readonly problem: StoreFileProblem,
    readonly file: string,
  ) {
    const text = TEXTS[problem];
    super('invalid_input', `Databasefilen ${file} ${text.da}. / The database file ${file} ${text.en}.`);
    this.name = 'StoreFileError';
  }
}

/** True when the path names an existing file (a folder is refused). */
export function storeFileExists(file: string): boolean {
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    // Not there (or a part of the path is a file): opening will try to create it and say why it cannot.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw new StoreFileError('no_access', file);
  }
  if (stat.isDirectory()) throw new StoreFileError('folder', file);
  return true;
}

/**
 * Checks, without writing a byte, that an existing file is a case store this app
 * may open: not empty, a SQLite file, holding the case tables (or a schema
 * version only a newer app knows, which migrate() then refuses), readable and
 * writable. Anything else is refused with a StoreFileError.
 */
export function checkExistingStoreFile(file: string): void {
  const stat = statSync(file);
  if (stat.size === 0) throw new StoreFileError('empty', file);
  const header = readHeader(file);
  if (!header.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER)) throw new StoreFileError('not_sqlite', file);
  // A copy or restore cut short leaves fewer pages than the header counts; SQLite
  // would only notice when it reaches a missing page, perhaps in the middle of a write.
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  // The page count is trusted only when written by SQLite 3.7+ in step with the change counter.
  const pages = header.readUInt32BE(92) === header.readUInt32BE(24) ? header.readUInt32BE(28) : 0;
  if (pageSize >= 512 && pages > 0 && stat.size < pageSize * pages) throw new StoreFileError('damaged', file);
  // Even a read-only look at a WAL-mode file creates its -wal and -shm files;
  // on refusal, those this look created go again.
  const sideFiles = [`${file}-wal`, `${file}-shm`].filter((f) => !existsSync(f));
  try {
    try {
      readOnlyCheck(file);
    } catch (error) {
      // On a read-only file system SQLite cannot even look at a WAL-mode file (it
      // has nowhere to put its -shm): that is a read-only store, not a lack of access.
      if (error instanceof StoreFileError && error.problem === 'no_access' && !writable(file)) throw new StoreFileError('read_only', file);
      throw error;
    }
    if (!writable(file)) throw new StoreFileError('read_only', file);
  } catch (error) {
    // The look's own -wal and -shm files go again, whatever the refusal.
    for (const f of sideFiles) rmSync(f, { force: true });
    throw error;
  }
}

/** Can the file and its folder be written? The folder too: SQLite writes its -wal and -shm files beside the database. */
function writable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    accessSync(dirname(file), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function readOnlyCheck(file: string): void {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw sqliteProblem(error, file);
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    // A newer app's schema may differ in any way; openDatabase() refuses it with its own message.
    if (version > LATEST_VERSION) return;
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name),
    );
    const isCaseStore = CASE_STORE_TABLES.every((t) => tables.has(t));
    if (version === 0 || !isCaseStore) throw new StoreFileError('not_case_store', file);
  } catch (error) {
    throw error instanceof StoreFileError ? error : sqliteProblem(error, file);
  } finally {
    db.close();
  }
}

/** The first 100 bytes: SQLite's file header (zero-filled when the file is shorter). */
function readHeader(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new StoreFileError('no_access', file);
  }
  try {
    const head = Buffer.alloc(100);
    readSync(fd, head, 0, head.length, 0);
    return head;
  } finally {
    closeSync(fd);
  }
}

function sqliteProblem(error: unknown, file: string): StoreFileError {
  const code = String((error as { code?: unknown }).code ?? '');
  if (code.startsWith('SQLITE_NOTADB')) return new StoreFileError('not_sqlite', file);
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) return new StoreFileError('no_access', file);
  return new StoreFileError('damaged', file);
}
