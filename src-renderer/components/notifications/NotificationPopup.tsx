import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationView } from '../../../src-main/contract';
import { navigate, type Route } from '../../app/route';
import { ErrorBanner } from '../ErrorBanner';
import { formatDateTime } from '../format';
import { contextText } from './context-text';
import type { useNotifications } from './use-notifications';

interface Props {
  inbox: ReturnType<typeof useNotifications>;
  onClose: () => void;
}

/**
 * Where clicking a notification goes: its record; a bulk operation's summary
 * lists its records; an older summary without them goes to "Mine ansvarsområder".
 */
function destination(n: NotificationView): Route | null {
  if (n.record) return { name: 'record', id: n.record.id };
  // A bulk operation's summary: its records, page by page.
  if (n.bulk) return { name: 'notification', id: n.id };
  if (n.kind === 'responsible_user' || n.kind === 'responsible_group') return { name: 'responsibilities' };
  return null;
}

/** The list under the bell: unread first, each with the record's basics and why I am told. */
export function NotificationPopup({ inbox, onClose }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const { page } = inbox;

  const open = (n: NotificationView): void => {
    const route = destination(n);
    if (!route) return;
    if (n.readAt === null) void inbox.markRead(n.id);
    onClose();
    navigate(route);
  };

  return (
    <div className="notification-popup" role="dialog" aria-label={t('notifications.title')} data-testid="notification-popup">
      <div className="notification-popup-head">
        <h2>{t('notifications.title')}</h2>
        <button type="button" className="btn-link" onClick={() => void inbox.markAllRead()} disabled={inbox.unread === 0}>
          {t('notifications.markAllRead')}
        </button>
      </div>
      <ErrorBanner error={inbox.error} />
      {page && page.rows.length === 0 && <p className="muted notification-empty">{t('notifications.empty')}</p>}
      <ul className="notification-list">
        {page?.rows.map((n) => (
          <li key={n.id} className={n.readAt === null ? 'notification notification-unread' : 'notification'} data-testid="notification">
            <div className="notification-main">
              {n.record ? (
                <button type="button" className="notification-open" onClick={() => open(n)}>
                  <span className="notification-record">
                    <span className="mono">{n.record.number}</span> {n.record.name}
                  </span>
                  <span className="notification-context">{contextText(n, i18n)}</span>
                </button>
              ) : destination(n) ? (
                <button type="button" className="notification-open" onClick={() => open(n)}>
                  <span className="notification-context">{contextText(n, i18n)}</span>
                  <span className="small">{n.bulk ? t('notifications.bulkRecords.open') : t('notifications.context.openResponsibilities')}</span>
                </button>
              ) : (
                <span className="notification-context">{contextText(n, i18n)}</span>
              )}
              {n.record && (
                <div className="notification-meta small muted">
                  {n.record.workflowName} ·{' '}
                  <span className="status-badge">
                    <span className="status-dot" aria-hidden="true" style={{ backgroundColor: n.record.statusColor }} />
                    {n.record.statusName}
                  </span>
                  {n.record.cprMasked && <> · {n.record.cprMasked}</>}
                  {n.record.keyFields.map((f) => (
                    <span key={f.label}>
                      {' '}
                      · {f.label}: {f.value}
                    </span>
                  ))}
                </div>
              )}
              <div className="small muted">{formatDateTime(n.createdAt)}</div>
            </div>
            <button
              type="button"
              className="btn-link small"
              onClick={() => void (n.readAt === null ? inbox.markRead(n.id) : inbox.markUnread(n.id))}
            >
              {n.readAt === null ? t('notifications.markRead') : t('notifications.markUnread')}
            </button>
          </li>
        ))}
      </ul>
      {page && page.rows.length < page.total && (
        <button type="button" className="btn btn-small" onClick={inbox.showMore}>
          {t('notifications.showMore')}
        </button>
      )}
    </div>
  );
}
