import type { RecordDetail } from '../contract';
import { recordDetail } from '../records/record-detail';
import type { HandlerContext } from './handler';
import { language } from './handler';

/**
 * A caseworker's status change, with or without an administrator's override of
 * the guards: the change itself, then the workers woken for the jobs and timed
 * actions it wrote, the windows told, and the record as it now is.
 */
export function moveRecord(
  ctx: HandlerContext,
  userId: number,
  input: { id: number; version: number; toStatusId: number; comment: string },
  override?: { reason: string },
): RecordDetail {
  ctx.services.statusChanges.change({
    recordId: input.id,
    expectedVersion: input.version,
    toStatusId: input.toStatusId,
    comment: input.comment,
    userId,
    lang: language(ctx),
    ...(override ? { override } : {}),
  });
  ctx.services.jobs.wake();
  ctx.services.timedActions.wake();
  ctx.services.events.emit('recordsChanged', { recordIds: [input.id] });
  return recordDetail(ctx.services.db, ctx.services.records, ctx.services.workspace, input.id);
}
