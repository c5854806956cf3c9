import { recordDetail } from '../records/record-detail';
import { timedActionsForRecord } from '../timed-actions/timed-actions';
import type { HandlerTable } from './handler';
import { currentUser, language, requireAdmin } from './handler';

type TimedActionMethods = 'listTimedActions' | 'listGuardTypes' | 'changeStatusOverridingGuards';

export const timedActionHandlers: HandlerTable<TimedActionMethods> = {
  listTimedActions: (input, ctx) => {
    currentUser(ctx);
    ctx.services.records.row(input.id);
    return timedActionsForRecord(ctx.services.db, input.id);
  },
  listGuardTypes: (_input, ctx) => {
    currentUser(ctx);
    return ctx.services.guards.list();
  },
  changeStatusOverridingGuards: (input, ctx) => {
    const user = requireAdmin(ctx);
    ctx.services.statusChanges.change({
      recordId: input.id,
      expectedVersion: input.version,
      toStatusId: input.toStatusId,
      comment: input.comment,
      userId: user.id,
      lang: language(ctx),
      override: { reason: input.reason },
    });
    ctx.services.jobs.wake();
    ctx.services.timedActions.wake();
    ctx.services.events.emit('recordsChanged', { recordIds: [input.id] });
    return recordDetail(ctx.services.db, ctx.services.records, ctx.services.workspace, input.id);
  },
};
