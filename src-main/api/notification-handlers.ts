import { myResponsibilities } from '../notifications/responsibilities';
import type { HandlerContext, HandlerTable } from './handler';
import { currentUser } from './handler';

type NotificationMethods =
  | 'listNotifications'
  | 'countUnreadNotifications'
  | 'markNotificationsRead'
  | 'markNotificationUnread'
  | 'markAllNotificationsRead'
  | 'getMyResponsibilities'
  | 'listNotificationRecords';

/** Read state changed: the user's other windows and tabs refresh their bell. */
const changed = (ctx: HandlerContext, userId: number) => ctx.services.notifications.changed([userId]);

// Every method works on the selected caseworker's own inbox only.
export const notificationHandlers: HandlerTable<NotificationMethods> = {
  listNotifications: (input, ctx) => ctx.services.inbox.list(currentUser(ctx).id, input),
  countUnreadNotifications: (_input, ctx) => ({ unread: ctx.services.inbox.unreadCount(currentUser(ctx).id) }),
  markNotificationsRead: (input, ctx) => {
    const user = currentUser(ctx);
    const unread = ctx.services.inbox.markRead(user.id, input.ids);
    changed(ctx, user.id);
    return { unread };
  },
  markNotificationUnread: (input, ctx) => {
    const user = currentUser(ctx);
    const unread = ctx.services.inbox.markUnread(user.id, input.id);
    changed(ctx, user.id);
    return { unread };
  },
  markAllNotificationsRead: (_input, ctx) => {
    const user = currentUser(ctx);
    const unread = ctx.services.inbox.markAllRead(user.id);
    changed(ctx, user.id);
    return { unread };
  },
  listNotificationRecords: (input, ctx) => ctx.services.inbox.bulkRecords(currentUser(ctx).id, input.id, input),
  getMyResponsibilities: (_input, ctx) => myResponsibilities(ctx.services.db, ctx.services.workspace.snapshot(), currentUser(ctx)),
};
