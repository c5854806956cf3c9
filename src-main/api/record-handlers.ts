import { importCsv, previewCsv, readsOnSecondThread } from '../csv-import/csv-import';
import { listRecords } from '../records/record-list';
import { recordDetail } from '../records/record-detail';
import type { HandlerContext, HandlerTable } from './handler';
import { currentUser, language } from './handler';
import { moveRecord } from './move-record';

type RecordMethods =
  | 'listRecords'
  | 'getRecord'
  | 'createRecord'
  | 'updateRecord'
  | 'revealCpr'
  | 'previewStatusChange'
  | 'changeStatus'
  | 'previewCsvImport'
  | 'runCsvImport';

const detail = (ctx: HandlerContext, id: number) => recordDetail(ctx.services.db, ctx.services.records, ctx.services.workspace, id);

const touched = (ctx: HandlerContext, ids: number[]) => ctx.services.events.emit('recordsChanged', { recordIds: ids });

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
  previewCsvImport: (input, ctx) => {
    currentUser(ctx);
    // The import follows the preview: start its second thread now, so it is up by then.
    if (readsOnSecondThread(input.csv)) ctx.services.csvRowChecking.warmUp();
    return previewCsv(input.csv, ctx.services.workspace.snapshot().fields);
  },
  runCsvImport: (input, ctx) => {
    const user = currentUser(ctx);
    const report = importCsv(ctx.services, input, { userId: user.id, via: 'csv import' });
    if (report.recordIds.length) {
      ctx.services.jobs.wake();
      touched(ctx, report.recordIds.slice(0, 1000));
    }
    return report;
  },
};
