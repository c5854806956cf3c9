import type { TransitionGuardType } from '../workflow/transition-guard';

/**
 * "All Digital Post letters delivered": a record may take the transition only
 * when none of its letters is still on its way or failed. Letters sent by
 * physical post instead (exempt citizens) and cancelled ones do not hold it back.
 */
export const allMessagesDeliveredGuard: TransitionGuardType = {
  type: 'all_messages_delivered',
  labelKey: 'timedActions.guards.all_messages_delivered',
  check(recordId, { db, lang }) {
    const row = db
      .prepare(
        `SELECT id, state, subject FROM digital_post_messages
         WHERE record_id = ? AND state IN ('queued','sending','awaiting_receipt','accepted','failed') ORDER BY id LIMIT 1`,
      )
      .get(recordId) as { id: number; state: string; subject: string } | undefined;
    if (!row) return null;
    const failed = row.state === 'failed';
    const reason =
      lang === 'da'
        ? failed
          ? `Digital Post-brevet "${row.subject}" kunne ikke sendes`
          : `Digital Post-brevet "${row.subject}" er endnu ikke afleveret`
        : failed
          ? `The Digital Post letter "${row.subject}" could not be sent`
          : `The Digital Post letter "${row.subject}" has not been delivered yet`;
    return { reason, link: { kind: 'message', id: row.id } };
  },
};
