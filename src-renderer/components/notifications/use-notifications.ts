import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, NotificationPage } from '../../../src-main/contract';
import { useApi, useApiEvent } from '../../api/api-context';

const PAGE = 20;

/**
 * The selected caseworker's inbox: unread count always, the list while the popup
 * is open. Refreshes when main says this user's inbox changed (another tab, a
 * colleague's assignment, a status action) and ignores other users' changes.
 */
export function useNotifications(userId: number, listOpen: boolean) {
  const api = useApi();
  const [unread, setUnread] = useState(0);
  const [page, setPage] = useState<NotificationPage | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const [error, setError] = useState<AppError | null>(null);

  const refresh = useCallback(async () => {
    if (listOpen) {
      const result = await api.listNotifications({ offset: 0, limit });
      if (!result.ok) return setError(result.error);
      setError(null);
      setPage(result.value);
      setUnread(result.value.unread);
    } else {
      const result = await api.countUnreadNotifications({});
      if (result.ok) setUnread(result.value.unread);
    }
  }, [api, listOpen, limit]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A burst of changes (status actions running over a 100,000-record import)
  // must not queue a request per event: one refresh at a time, and one more
  // afterwards if anything changed meanwhile.
  const inFlight = useRef(false);
  const changedMeanwhile = useRef(false);
  const refreshOnce = useCallback(() => {
    if (inFlight.current) {
      changedMeanwhile.current = true;
      return;
    }
    inFlight.current = true;
    void refresh().finally(() => {
      inFlight.current = false;
      if (changedMeanwhile.current) {
        changedMeanwhile.current = false;
        refreshOnce();
      }
    });
  }, [refresh]);

  useApiEvent('notificationsChanged', (payload) => {
    if (payload.userIds.includes(userId)) refreshOnce();
  });
  // Records change under the entries (status, names): keep the open list current.
  useApiEvent('recordsChanged', () => {
    if (listOpen) refreshOnce();
  });

  const act = useCallback(
    async (call: () => Promise<{ ok: boolean; error?: AppError }>) => {
      const result = await call();
      if (!result.ok && result.error) setError(result.error);
      await refresh();
    },
    [refresh],
  );

  return {
    unread,
    page,
    error,
    showMore: () => setLimit((l) => l + PAGE),
    markRead: (id: number) => act(() => api.markNotificationsRead({ ids: [id] })),
    markUnread: (id: number) => act(() => api.markNotificationUnread({ id })),
    markAllRead: () => act(() => api.markAllNotificationsRead({})),
  };
}
