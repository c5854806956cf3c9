import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSession } from '../../app/app-context';
import { NotificationPopup } from './NotificationPopup';
import { useNotifications } from './use-notifications';
import '../../styles/notifications.css';

/** The header's bell: the unread count, and the popup with the entries. */
export function NotificationBell(): ReactNode {
  const { t } = useTranslation();
  const { user } = useAppSession();
  const [open, setOpen] = useState(false);
  const inbox = useNotifications(user.id, open);
  const wrapper = useRef<HTMLDivElement>(null);

  // Close on Escape and on a click outside, like any popup menu.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    const onClick = (e: MouseEvent): void => {
      if (wrapper.current && !wrapper.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const label = inbox.unread > 0 ? t('notifications.bellUnread', { count: inbox.unread }) : t('notifications.bell');
  return (
    <div className="bell-wrapper" ref={wrapper}>
      <button
        type="button"
        className="btn btn-small bell-button"
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-haspopup="dialog"
        data-testid="notification-bell"
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">🔔</span>
        {inbox.unread > 0 && (
          <span className="bell-count" data-testid="notification-count">
            {inbox.unread > 99 ? '99+' : inbox.unread}
          </span>
        )}
      </button>
      {open && <NotificationPopup inbox={inbox} onClose={() => setOpen(false)} />}
    </div>
  );
}
