import type { CsvImportProgress, CsvImportReport, CsvPreview, CsvReportPage, CsvRowError, FieldDef } from '../contract';
import { BatchAssignments, type AssignmentHook } from '../records/assignment-hook';
import type { PreparedRecord } from '../records/record-preparer';
import type { Actor, RecordsService } from '../records/records-service';
import { DomainError, notFound } from '../shared/domain-error';
import type { Db } from '../store/database';
import { readPeopleLists } from '../users/directory';
import type { WorkspaceRepo } from '../workspace/workspace-repo';
import { checkFile, decodeSource, previewText, type CheckedFile, type CsvSource, type ExistingCprs } from './csv-file-check';
import type { ImportJournal, IdRange } from './import-journal';
import type { RowCheckingThread } from './row-checking-thread';
import type { BulkOperations } from '../notifications/bulk-operations';
import { inBulk } from '../notifications/bulk-scope';

/** Records per write transaction: ~10 ms of work on an idle 2-core machine, after which the event loop gets a turn (bench:import: 500 held it least). */
export const ROWS_PER_WRITE = 500;
/** Refused rows in an import's answer; the rest are read page by page from its report. */
export const CSV_REPORT_FIRST_ERRORS = 100;
/** Reports kept for reading (the latest ones; each is the refused rows of one import). */
const REPORTS_KEPT = 8;

export interface CsvImportDeps {
  db: Db;
  workspace: WorkspaceRepo;
  records: RecordsService;
  csvRowChecking: RowCheckingThread;
  /** Told once per person at the end of an import, after every record is in. */
  assignments?: AssignmentHook;
  /** Where an import that is running keeps the ids it has written, so a crash part-way is undone at the next start. */
  journal: ImportJournal;
  /** Each import is one bulk operation: every notification it causes joins one summary per person. */
  bulk?: BulkOperations;
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
 * import's second thread; the app's thread writes the good rows in
 * transactions of ROWS_PER_WRITE, so its event loop never waits long.
 *
 * All or nothing, in another form than one transaction: a transaction over a
 * whole 50 MB file holds the store's write lock for seconds, and every other
 * write of the app (and its event loop) waits behind it. Instead every row is
 * checked before the first is written, the ids written so far are kept in the
 * import journal, and an import that fails part-way (a write error, the
 * thread failing, the app closing or crashing) has its records removed again:
 * right away, or at the next start from the journal. While an import runs, its
 * records already written appear in lists.
 */
export class CsvImportService {
  private readonly progressById = new Map<string, CsvImportProgress>();
  private readonly reports = new Map<string, CsvRowError[]>();

  constructor(private readonly deps: CsvImportDeps) {
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
    const { text, encoding } = decodeSource(source);
    return previewText(text, encoding, { fields, firstRowIsData, existing: this.existingCprs() });
  }

  /** How far the import of an upload has come, or null when none ran for it. */
  progress(uploadId: string): CsvImportProgress | null {
    return this.progressById.get(uploadId) ?? null;
  }

  /** A page of an import's refused rows, in file order. */
  reportPage(reportId: string, offset: number, limit: number): CsvReportPage {
    const rows = this.reports.get(reportId);
    if (!rows) throw notFound('Import report');
    return { total: rows.length, offset, rows: rows.slice(offset, offset + limit) };
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
    };
    const handlers = {
      onProgress: (rowsRead: number) => {
        progress.rowsRead = rowsRead;
      },
      onChecked: (result: CheckedFile) => {
        checked = result;
        progress.rowsRead = result.rows;
        progress.rowsToWrite = result.good;
      },
      onBatch: writeBatch,
    };
    const options = { allFields: ws.fields, fields, headers, people: readPeopleLists(db), firstRowIsData };
    try {
      const thread = this.deps.csvRowChecking;
      if (await thread.whenAvailable()) {
        await thread.import({ source, options, batchSize: ROWS_PER_WRITE, dbFile: this.dbFile() }, handlers);
      } else {
        // Without the second thread (it could not start), the file is read here, in one go.
        const { text, encoding } = decodeSource(source);
        checkFile(text, encoding, { ...options, existing: this.existingCprs() }, handlers, ROWS_PER_WRITE);
      }
      const people = assigned.list();
      if (this.deps.assignments && people.length) {
        const hook = this.deps.assignments;
        inBulk(operation, () => db.transaction(() => hook.assignedInBatch(people, actor)).immediate());
      }
    } catch (error) {
      progress.phase = 'failed';
      await this.removeInSteps(written);
      journal.end();
      throw error;
    }
    journal.end();
    progress.phase = 'done';
    const done = checked as CheckedFile | null;
    if (!done) throw new Error('the CSV import ended without checking its rows');
    this.keepReport(reportId, done.refused);
    return {
      report: {
        imported: recordIds.length,
        failed: done.refused.length,
        rowErrors: done.refused.slice(0, CSV_REPORT_FIRST_ERRORS),
        reportId,
        encoding: done.encoding,
      },
      recordIds,
    };
  }

  private keepReport(reportId: string, refused: CsvRowError[]): void {
    this.reports.delete(reportId);
    this.reports.set(reportId, refused);
    while (this.reports.size > REPORTS_KEPT) this.reports.delete(this.reports.keys().next().value as string);
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
    return new Set(this.deps.db.prepare('SELECT cpr FROM records WHERE cpr IS NOT NULL').pluck().all() as string[]);
  }
}
