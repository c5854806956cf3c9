// Names of the notification inbox's methods and pushed events. Zod-free: the
// preload bundle imports it.

export const NOTIFICATION_METHOD_NAMES = [
  'listNotifications',
  'countUnreadNotifications',
  'markNotificationsRead',
  'markNotificationUnread',
  'markAllNotificationsRead',
  'getMyResponsibilities',
  'listNotificationRecords',
] as const;

export interface NotificationEventMap {
  /**
   * Someone's inbox changed. Sent to every client; each refreshes only when its
   * own user is among `userIds` (no notification content travels in the event).
   */
  notificationsChanged: { userIds: number[] };
  /** The desktop shell asks the window to show a route (a clicked OS notification). */
  openRoute: { route: string };
}

export const NOTIFICATION_EVENT_NAMES = ['notificationsChanged', 'openRoute'] as const;
