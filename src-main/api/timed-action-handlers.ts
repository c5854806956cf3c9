import { writeAudit } from '../audit/audit-log';
import { requeueFailedJob } from '../jobs/job-queue';
import { recordDetail } from '../records/record-detail';
import { isoAt } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import { timedActionsForRecord } from '../timed-actions/timed-actions';
import { moveRecord } from './move-record';
import type { HandlerTable } from './handler';
import { currentUser, requireAdmin } from './handler';

type TimedActionMethods = 'listTimedActions' | 'listGuardTypes' | 'changeStatusOverridingGuards' | 'retryStatusAction';

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
  changeStatusOverridingGuards: (input, ctx) => moveRecord(ctx, requireAdmin(ctx).id, input, { reason: input.reason }),
  retryStatusAction: (input, ctx) => {
    const user = currentUser(ctx);
    const { db, clock } = ctx.services;
    const recordId = db
      .transaction(() => {
        const now = clock.now();
        const id = requeueFailedJob(db, input.jobId, now);
        if (id === null) throw new DomainError('not_found', 'no failed status action with this id');
        writeAudit(db, { at: isoAt(now), userId: user.id, recordId: id, action: 'record.status_action_retried', details: { jobId: input.jobId } });
        return id;
      })
      .immediate();
    ctx.services.jobs.wake();
    ctx.services.events.emit('jobsChanged', { recordId });
    ctx.services.events.emit('recordsChanged', { recordIds: [recordId] });
    return recordDetail(db, ctx.services.records, ctx.services.workspace, recordId);
  },
};
