import type { MethodResults, RecordDetail } from '../contract';
import { inBulk } from '../notifications/bulk-scope';
import { DomainError } from '../shared/domain-error';
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

/** Records moved between turns of the event loop during a bulk change. */
const MOVES_PER_TURN = 200;

/**
 * A bulk status change: every record moves on its own transaction, as if
 * moved one by one (guards, history, status actions), so a refused record
 * leaves the others. It is one bulk operation: whatever the status actions
 * and assignments tell people, each person gets one summary notification.
 */
export async function moveRecords(
  ctx: HandlerContext,
  userId: number,
  input: { ids: number[]; toStatusId: number; comment: string },
): Promise<MethodResults['changeStatusMany']> {
  const { services } = ctx;
  const status = services.workspace.snapshot().statusesById.get(input.toStatusId);
  if (!status) throw new DomainError('not_found', 'status not found');
  const operation = services.bulkOperations.begin('status_change', status.name, userId);
  const refused: MethodResults['changeStatusMany']['refused'] = [];
  const moved: number[] = [];
  for (const [index, recordId] of [...new Set(input.ids)].entries()) {
    try {
      inBulk(operation, () =>
        services.statusChanges.change({ recordId, expectedVersion: null, toStatusId: input.toStatusId, comment: input.comment, userId, lang: language(ctx) }),
      );
      moved.push(recordId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refused.push({ id: recordId, code: error.code, message: error.message });
    }
    if (index % MOVES_PER_TURN === MOVES_PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  services.jobs.wake();
  services.timedActions.wake();
  if (moved.length) services.events.emit('recordsChanged', { recordIds: moved.slice(0, 1000) });
  return { changed: moved.length, refused };
}
