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
        {/* An inline bell: no emoji font is needed on the caseworker's machine. */}
        <svg className="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
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
