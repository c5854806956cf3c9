import { randomBytes } from 'node:crypto';
import type { CsvSource } from '../csv-import/csv-file-check';
import { DomainError } from '../shared/domain-error';
import { listRecords } from '../records/record-list';
import { recordDetail } from '../records/record-detail';
import type { HandlerContext, HandlerTable } from './handler';
import { currentUser, language } from './handler';
import { moveRecord, moveRecords } from './move-record';

type RecordMethods =
  | 'listRecords'
  | 'getRecord'
  | 'changeStatusMany'
  | 'createRecord'
  | 'updateRecord'
  | 'revealCpr'
  | 'previewStatusChange'
  | 'changeStatus'
  | 'previewCsvImport'
  | 'runCsvImport'
  | 'startCsvUpload'
  | 'appendCsvUpload'
  | 'getCsvImportProgress'
  | 'getCsvImportReport';

const detail = (ctx: HandlerContext, id: number) => recordDetail(ctx.services.db, ctx.services.records, ctx.services.workspace, id);

const touched = (ctx: HandlerContext, ids: number[]) => ctx.services.events.emit('recordsChanged', { recordIds: ids });

/** A CSV file as a method names it: text inline (small files), or an upload of this window that has fully arrived. */
function csvSource(ctx: HandlerContext, input: { csv?: string | undefined; uploadId?: string | undefined }, take: boolean): CsvSource {
  if (input.csv === undefined && input.uploadId === undefined) throw new DomainError('not_found', 'no file was given: choose a CSV file');
  if (input.csv !== undefined && input.uploadId !== undefined) throw new DomainError('invalid_input', 'give either csv or uploadId, not both');
  if (input.csv !== undefined) return { text: input.csv };
  // The preview's thread gets a copy as the job is posted; the import takes the upload's own bytes.
  return { bytes: ctx.services.csvUploads.complete(input.uploadId as string, ctx.session, take) };
}

export const recordHandlers: HandlerTable<RecordMethods> = {
  listRecords: (input, ctx) => {
    const user = currentUser(ctx);
    return listRecords(ctx.services.db, input, user);
  },
  getRecord: (input, ctx) => {
    currentUser(ctx);
    return detail(ctx, input.id);
  },
  createRecord: (input, ctx) => {
    const user = currentUser(ctx);
    const id = ctx.services.records.create(input.workflowId, input.values, { userId: user.id, via: 'caseworker' });
    ctx.services.jobs.wake();
    ctx.services.timedActions.wake();
    touched(ctx, [id]);
    return detail(ctx, id);
  },
  updateRecord: (input, ctx) => {
    const user = currentUser(ctx);
    ctx.services.records.update(input.id, input.version, input.values, { userId: user.id, via: 'caseworker' });
    // An edited date or change time may have moved a timed action's due time.
    ctx.services.timedActions.wake();
    touched(ctx, [input.id]);
    return detail(ctx, input.id);
  },
  revealCpr: (input, ctx) => {
    const user = currentUser(ctx);
    return { cpr: ctx.services.records.revealCpr(input.id, input.fieldKey, { userId: user.id, via: 'caseworker' }) };
  },
  previewStatusChange: (input, ctx) => {
    currentUser(ctx);
    return ctx.services.statusChanges.preview(input.id, input.toStatusId, language(ctx));
  },
  changeStatus: (input, ctx) => moveRecord(ctx, currentUser(ctx).id, input),
  changeStatusMany: (input, ctx) => moveRecords(ctx, currentUser(ctx).id, input),
  startCsvUpload: (input, ctx) => {
    currentUser(ctx);
    // The preview and the import follow: start the second thread now, so it is up by then.
    ctx.services.csvRowChecking.warmUp();
    return { uploadId: ctx.services.csvUploads.start(input.size, ctx.session) };
  },
  appendCsvUpload: (input, ctx) => {
    currentUser(ctx);
    return { received: ctx.services.csvUploads.append(input.uploadId, input.offset, input.data, ctx.session) };
  },
  previewCsvImport: (input, ctx) => {
    currentUser(ctx);
    return ctx.services.csvImport.preview(csvSource(ctx, input, false), input.firstRowIsData);
  },
  runCsvImport: async (input, ctx) => {
    const user = currentUser(ctx);
    const source = csvSource(ctx, input, true);
    const reportId = input.uploadId ?? randomBytes(18).toString('base64url');
    try {
      const { report, recordIds } = await ctx.services.csvImport.run(
        source,
        {
          workflowId: input.workflowId,
          mapping: input.mapping,
          firstRowIsData: input.firstRowIsData === true,
          ...(input.fileName ? { fileName: input.fileName } : {}),
        },
        { userId: user.id, via: 'csv import' },
        reportId,
      );
      if (recordIds.length) {
        ctx.services.jobs.wake();
        touched(ctx, recordIds.slice(0, 1000));
      }
      return report;
    } finally {
      if (input.uploadId !== undefined) ctx.services.csvUploads.drop(input.uploadId);
    }
  },
  getCsvImportProgress: (input, ctx) => {
    currentUser(ctx);
    return ctx.services.csvImport.progress(input.uploadId);
  },
  getCsvImportReport: (input, ctx) => {
    currentUser(ctx);
    return ctx.services.csvImport.reportPage(input.reportId, input.offset, input.limit);
  },
};
