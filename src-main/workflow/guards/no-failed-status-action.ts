import type { TransitionGuardType } from '../transition-guard';

/**
 * "No failed status action": the record may not move on while one of its
 * status actions has given up (a job in permanent failure). Retrying or an
 * administrator's audited override clears the way.
 */
export const noFailedStatusActionGuard: TransitionGuardType = {
  type: 'no_failed_status_action',
  labelKey: 'timedActions.guards.no_failed_status_action',
  check(recordId, { db, lang }) {
    const job = db
      .prepare("SELECT id, name FROM jobs WHERE record_id = ? AND status = 'failed' ORDER BY id LIMIT 1")
      .get(recordId) as { id: number; name: string } | undefined;
    if (!job) return null;
    return {
      reason:
        lang === 'da'
          ? `Statushandlingen "${job.name}" er fejlet og skal være i orden, før sagen kan gå videre.`
          : `The status action "${job.name}" failed and must be resolved before the record can move on.`,
      link: { kind: 'job', id: job.id },
    };
  },
};
