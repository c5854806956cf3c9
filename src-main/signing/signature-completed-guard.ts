import type { TransitionGuardType } from '../workflow/transition-guard';

/**
 * "Signature completed": a record may take the transition only when its
 * latest signing request is signed and its signed PDF stored. Registered by
 * the workflow module's guard registry.
 */
export const signatureCompletedGuard: TransitionGuardType = {
  type: 'signature_completed',
  labelKey: 'signing.guardLabel',
  check(recordId, { db, lang }) {
    const latest = db
      .prepare('SELECT id, state, signed_pdf IS NOT NULL AS has_pdf, title FROM signing_requests WHERE record_id = ? ORDER BY id DESC LIMIT 1')
      .get(recordId) as { id: number; state: string; has_pdf: number; title: string } | undefined;
    if (!latest) return { reason: lang === 'da' ? 'Sagen har ingen underskrift endnu' : 'The record has no signature yet' };
    if (latest.state === 'completed' && latest.has_pdf) return null;
    return {
      reason:
        lang === 'da'
          ? `Underskriften "${latest.title}" er ikke gennemført endnu`
          : `The signature "${latest.title}" is not completed yet`,
      link: { kind: 'signing_request', id: latest.id },
    };
  },
};
