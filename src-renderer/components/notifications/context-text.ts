import type { TFunction } from 'i18next';
import type { NotificationView } from '../../../src-main/contract';

/** The "why am I told" line in the UI language; falls back to the stored Danish text. */
export function contextText(n: Pick<NotificationView, 'kind' | 'context' | 'params'>, t: TFunction): string {
  const p = n.params;
  if (!p) return n.context;
  const by = p.actor
    ? t('notifications.context.byActor', { actor: p.actor })
    : p.via === 'status action'
      ? t('notifications.context.byStatusAction')
      : p.via === 'csv import'
        ? t('notifications.context.byCsvImport')
        : p.via === 'timed action'
          ? t('notifications.context.byTimedAction')
          : '';
  // Values are plain text inserted by React, never HTML: no escaping by i18next needed.
  const opts = { interpolation: { escapeValue: false } };
  // A CSV import sums up the records that name the same person (params.count).
  const count = p.count === undefined ? null : Number(p.count);
  if (n.kind === 'responsible_user' && p.field && count !== null)
    return t('notifications.context.responsibleUserMany', { field: p.field, count, by, ...opts });
  if (n.kind === 'responsible_group' && p.field && p.group && count !== null)
    return t('notifications.context.responsibleGroupMany', { field: p.field, group: p.group, count, by, ...opts });
  if (n.kind === 'responsible_user' && p.field) return t('notifications.context.responsibleUser', { field: p.field, by, ...opts });
  if (n.kind === 'responsible_group' && p.field && p.group)
    return t('notifications.context.responsibleGroup', { field: p.field, group: p.group, by, ...opts });
  if (n.kind === 'status_action' && p.status !== undefined && p.text !== undefined)
    return t('notifications.context.statusAction', { status: p.status, text: p.text, ...opts });
  if (n.kind === 'digital_post_physical_fallback' && p.subject !== undefined) return t('physicalPost.notification', { subject: p.subject, ...opts });
  return n.context;
}
