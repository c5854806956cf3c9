import { dirname } from 'node:path';
import type { CsvImportProgress, CsvImportReport, CsvPreview, CsvReportPage, CsvRowError, FieldDef } from '../contract';
import { BatchAssignments, type AssignmentHook } from '../records/assignment-hook';
import type { PreparedRecord } from '../records/record-preparer';
import type { Actor, RecordsService } from '../records/records-service';
import { DomainError, notFound } from '../shared/domain-error';
import type { Db } from '../store/database';
import { readPeopleLists } from '../users/directory';
import type { WorkspaceRepo } from '../workspace/workspace-repo';
import { checkFile, decodeSource, previewText, type CheckedFile, type CsvSource, type ExistingCprs } from './csv-file-check';
import { CsvReports } from './csv-reports';
import { cprsOf } from './existing-cprs';
import type { ImportJournal, IdRange } from './import-journal';
import type { RowCheckingThread } from './row-checking-thread';
import { WriteSizer } from './write-sizer';
import type { BulkOperations } from '../notifications/bulk-operations';
import { inBulk } from '../notifications/bulk-scope';
import type { LogLength } from '../store/wal-checkpointer';

/** Rows the second thread prepares per message; the writer joins messages into transactions. */
export const ROWS_PER_BATCH = 100;
/** Messages of rows the second thread is ahead of the writer at most: bounds the rows in memory (~4 MB). */
const BATCHES_AHEAD = 60;
/**
 * How long one write transaction should hold the app's thread: the event loop
 * then gets a turn at least every ~30 ms, well within issue 13's 100 ms, with
 * room for a slow commit (a checkpoint or a garbage collection landing in it).
 */
export const WRITE_TARGET_MS = 25;
/** Bounds of the rows per write transaction (write-sizer.ts). */
export const WRITE_ROWS = { min: ROWS_PER_BATCH, max: 5_000, start: 500 };
/** Rows per transaction when the file is read on the app's thread (no second thread). */
const ROWS_PER_WRITE_HERE = 500;
/** Refused rows in an import's answer; the rest are read page by page from its report. */
export const CSV_REPORT_FIRST_ERRORS = 100;

export interface CsvImportDeps {
  db: Db;
  workspace: WorkspaceRepo;
  records: RecordsService;
  csvRowChecking: RowCheckingThread;
  /** Told once per person at the end of an import, after every record is in. */
  assignments?: AssignmentHook;
  /** Where an import that is running keeps the ids it has written, so a crash part-way is undone at the next start. */
  journal: ImportJournal;
  /** Where the full reports are kept (default: files in the store's folder, in memory for an in-memory store). */
  reports?: CsvReports;
  /** Each import is one bulk operation: every notification it causes joins one summary per person. */
  bulk?: BulkOperations;
  /** The write-ahead log, which the import lets a checkpoint catch up on between transactions when it grows long. */
  walLog?: LogLength;
}

export interface ImportArgs {
  workflowId: number;
  mapping: Record<string, string>;
  firstRowIsData?: boolean;
  /** The file's name, which the summary notification names (no path). */
  fileName?: string;
}

/** The import's result inside main: the answer, and the new records' ids (for events and tests). */
export interface CsvImportResult {
  report: CsvImportReport;
  recordIds: number[];
}

/**
 * Reads, checks and imports CSV files as new records, with bounded work on the
 * app's thread (issue 13): the file is decoded, read and checked on the
 * import's second thread, slice by slice; the app's thread writes the good
 * rows as they come, in transactions sized to take ~WRITE_TARGET_MS, so its
 * event loop never waits long.
 *
 * All or nothing, in another form than one transaction: a transaction over a
 * whole 50 MB file holds the store's write lock for seconds, and every other
 * write of the app (and its event loop) waits behind it. Instead the ids written so far are kept in the
 * import journal, and an import that fails part-way (a write error, the
 * thread failing, the app closing or crashing) has its records removed again:
 * right away, or at the next start from the journal. While an import runs, its
 * records already written appear in lists.
 */
export class CsvImportService {
  private readonly progressById = new Map<string, CsvImportProgress>();
  private readonly reports: CsvReports;

  constructor(private readonly deps: CsvImportDeps) {
    this.reports = deps.reports ?? new CsvReports(deps.db.memory ? null : dirname(deps.db.name));
    // An import cut off by a crash or by closing the app is undone before anything else runs.
    this.deps.journal.undoUnfinished((ranges) => this.remove(ranges));
  }

  /** The preview: read on the second thread when it is up, else here. */
  async preview(source: CsvSource, firstRowIsData = false): Promise<CsvPreview> {
    const fields = this.deps.workspace.snapshot().fields;
    const thread = this.deps.csvRowChecking;
    if (await thread.whenAvailable()) {
      return thread.preview({ source, fields, firstRowIsData, dbFile: this.dbFile() });
    }
    const { slices, encoding } = decodeSource(source);
    return previewText(slices, encoding, { fields, firstRowIsData, existing: this.existingCprs() });
  }

  /** How far the import of an upload has come, or null when none ran for it. */
  progress(uploadId: string): CsvImportProgress | null {
    return this.progressById.get(uploadId) ?? null;
  }

  /** A page of an import's refused rows, in file order. */
  reportPage(reportId: string, offset: number, limit: number): CsvReportPage {
    return this.reports.page(reportId, offset, limit);
  }

  /**
   * Imports the file's good rows into the workflow's first status. Resolves
   * when every record is written; `reportId` names the report of refused rows
   * (and, for an upload, the progress that getCsvImportProgress shows meanwhile).
   */
  async run(source: CsvSource, args: ImportArgs, actor: Actor, reportId: string): Promise<CsvImportResult> {
    const { db, records } = this.deps;
    const ws = this.deps.workspace.snapshot();
    const workflow = ws.workflowsById.get(args.workflowId);
    if (!workflow) throw notFound('Workflow');
    const statusId = workflow.initialStatusId;
    if (statusId === null) throw new DomainError('invalid_input', `the workflow "${workflow.name}" has no initial status`);
    const firstRowIsData = args.firstRowIsData === true;
    // The columns are found by their headers where the file is decoded and read (on the second thread).
    const headers: string[] = [];
    const fields: FieldDef[] = [];
    for (const [header, fieldKey] of Object.entries(args.mapping)) {
      const field = ws.fieldsByKey.get(fieldKey);
      if (!field) throw new DomainError('invalid_input', `unknown field "${fieldKey}"`);
      if (fields.includes(field)) throw new DomainError('invalid_input', `two columns are mapped to the field "${fieldKey}"`);
      headers.push(header);
      fields.push(field);
    }
    if (fields.length === 0) throw new DomainError('invalid_input', 'map at least one column to a field');

    const progress: CsvImportProgress = { phase: 'checking', rowsRead: 0, rowsToWrite: null, rowsWritten: 0 };
    this.progressById.set(reportId, progress);
    const target = { workflowId: args.workflowId, statusId };
    // Gathered over every batch, told once at the end: one notification per person per import.
    const assigned = new BatchAssignments();
    const written: IdRange[] = [];
    const recordIds: number[] = [];
    const journal = this.deps.journal.begin(reportId);
    // Every refused row goes to the report as it is found; the answer carries the first ones.
    const report = this.reports.begin(reportId);
    const firstErrors: CsvRowError[] = [];
    const operation = this.deps.bulk?.begin('csv_import', args.fileName ?? '', actor.userId) ?? null;
    let checked: CheckedFile | null = null;
    const writeBatch = (batch: PreparedRecord[]): void => {
      inBulk(operation, () => db.transaction(() => {
        const writer = records.batchWriter(ws, target, fields, actor, { assignments: assigned });
        for (const record of batch) writer.addPrepared(record);
        const ids = writer.finish();
        if (ids.length) {
          written.push([ids[0] as number, ids[ids.length - 1] as number]);
          // Inside the transaction, before it commits: a crash after the commit finds these ids in the journal.
          journal.save(written);
          for (const id of ids) recordIds.push(id);
        }
      }).immediate());
      progress.phase = 'writing';
      progress.rowsWritten += batch.length;
      if (progress.rowsToWrite !== null && progress.rowsToWrite < progress.rowsWritten) progress.rowsToWrite = progress.rowsWritten;
    };
    const handlers = {
      onProgress: (rowsRead: number, rowsToWrite: number) => {
        progress.rowsRead = rowsRead;
        progress.rowsToWrite = Math.max(rowsToWrite, progress.rowsWritten);
      },
      onRefused: (rows: CsvRowError[]) => {
        report.add(rows);
        for (const row of rows) if (firstErrors.length < CSV_REPORT_FIRST_ERRORS) firstErrors.push(row);
      },
      onChecked: (result: CheckedFile) => {
        checked = result;
        progress.rowsRead = result.rows;
        progress.rowsToWrite = result.good;
      },
      onBatch: writeBatch,
      // A long log would make a COMMIT of this import do SQLite's own checkpoint on the app's thread (~200 ms).
      pauseBeforeWrite: () => this.deps.walLog?.whenLogIsShort() ?? null,
    };
    const options = { allFields: ws.fields, fields, headers, people: readPeopleLists(db), firstRowIsData };
    try {
      const thread = this.deps.csvRowChecking;
      if (await thread.whenAvailable()) {
        const sizer = new WriteSizer({ targetMs: WRITE_TARGET_MS, minRows: WRITE_ROWS.min, maxRows: WRITE_ROWS.max, startRows: WRITE_ROWS.start });
        await thread.import({ source, options, batchSize: ROWS_PER_BATCH, batchesAhead: BATCHES_AHEAD, dbFile: this.dbFile() }, handlers, sizer);
      } else {
        // Without the second thread (it could not start), the file is read here, in one go.
        const { slices, encoding, shareRead } = decodeSource(source);
        checkFile(slices, encoding, { ...options, existing: this.existingCprs() }, handlers, ROWS_PER_WRITE_HERE, shareRead);
      }
      const people = assigned.list();
      if (this.deps.assignments && people.length) {
        const hook = this.deps.assignments;
        inBulk(operation, () => db.transaction(() => hook.assignedInBatch(people, actor)).immediate());
      }
    } catch (error) {
      progress.phase = 'failed';
      report.discard();
      await this.removeInSteps(written);
      journal.end();
      throw error;
    }
    journal.end();
    const done = checked as CheckedFile | null;
    if (!done) {
      progress.phase = 'failed';
      report.discard();
      throw new Error('the CSV import ended without checking its rows');
    }
    report.finish();
    progress.phase = 'done';
    return {
      report: {
        imported: recordIds.length,
        failed: done.refused,
        rowErrors: firstErrors,
        reportId,
        encoding: done.encoding,
      },
      recordIds,
    };
  }

  /** Removes an unfinished import's records, a transaction per step, giving the event loop a turn in between. */
  private async removeInSteps(ranges: IdRange[]): Promise<void> {
    for (const range of ranges) {
      this.remove([range]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Removes the records in these id ranges with everything they derived (cascades, search entries, audit). */
  private remove(ranges: IdRange[]): void {
    const { db } = this.deps;
    const search = db.prepare('DELETE FROM records_search WHERE rowid = ?');
    const cpr = db.prepare('DELETE FROM records_cpr WHERE rowid = ?');
    db.transaction(() => {
      for (const [first, last] of ranges) {
        const ids = db.prepare('SELECT id, name, cpr FROM records WHERE id BETWEEN ? AND ?').all(first, last) as { id: number; name: string; cpr: string | null }[];
        for (const r of ids) {
          if (r.name) search.run(r.id);
          if (r.cpr) cpr.run(r.id);
        }
        db.prepare('DELETE FROM audit_log WHERE record_id BETWEEN ? AND ?').run(first, last);
        db.prepare('DELETE FROM records WHERE id BETWEEN ? AND ?').run(first, last);
      }
    }).immediate();
  }

  private dbFile(): string | null {
    const { db } = this.deps;
    return db.memory ? null : db.name;
  }

  /** The store's CPR numbers, read on this thread (only when the second thread is not there). */
  private existingCprs(): ExistingCprs {
    return cprsOf(this.deps.db);
  }
}
