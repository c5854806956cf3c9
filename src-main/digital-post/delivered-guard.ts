import type { TransitionGuardType } from '../workflow/transition-guard';

/**
 * "All Digital Post letters delivered": a record may take the transition only
 * when none of its letters is still on its way or failed. Letters sent by
 * physical post instead (exempt citizens) hold it back until a caseworker has
 * marked them as posted ("Til print"); cancelled ones do not hold it back.
 */
export const allMessagesDeliveredGuard: TransitionGuardType = {
  type: 'all_messages_delivered',
  labelKey: 'timedActions.guards.all_messages_delivered',
  check(recordId, { db, lang }) {
    const toPrint = db
      .prepare("SELECT id, subject FROM digital_post_messages WHERE record_id = ? AND state = 'physical_post' AND posted_on IS NULL ORDER BY id")
      .all(recordId) as { id: number; subject: string }[];
    if (toPrint.length > 0) {
      const names = toPrint.map((r) => `"${r.subject}"`).join(', ');
      const reason =
        lang === 'da'
          ? toPrint.length === 1
            ? `Brevet ${names} skal sendes med fysisk post og er endnu ikke markeret som afsendt (se "Til print")`
            : `Brevene ${names} skal sendes med fysisk post og er endnu ikke markeret som afsendt (se "Til print")`
          : toPrint.length === 1
            ? `The letter ${names} must go by physical post and has not been marked as posted yet (see "To print")`
            : `The letters ${names} must go by physical post and have not been marked as posted yet (see "To print")`;
      return { reason, link: { kind: 'message', id: (toPrint[0] as { id: number }).id } };
    }
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
