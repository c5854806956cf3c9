import type { NotificationRequest } from '../../notifications/notification-port';

/**
 * The notice to a record's responsible people that a letter must go by post.
 * `message` is the Danish text stored with it; the inbox renders the kind from
 * `params` in the reader's language (renderer: notifications.context.physicalPost).
 */
export function physicalPostNotice(recordId: number | null, subject: string): NotificationRequest {
  return {
    kind: 'digital_post_physical_fallback',
    recordId,
    toRecordResponsibles: true,
    message: `Borgeren er fritaget for Digital Post. Brevet "${subject}" skal sendes med fysisk post: print det fra listen "Til print", og markér det som afsendt.`,
    params: { subject },
  };
}
