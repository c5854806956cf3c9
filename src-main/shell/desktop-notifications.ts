import type { Language } from '../contract';
import { DesktopNotifier, type EventSource, type InboxSource } from './desktop-notifier';
import { NotificationPause } from './notification-pause';
import { OsNotificationService, type OsNotificationApi } from './os-notifications';
import { shellTexts } from './shell-texts';
import { TrayService, type TrayLike, type TrayMenuItem } from './tray';

export interface DesktopNotificationDeps {
  inbox: InboxSource;
  events: EventSource;
  language: () => Language;
  deskUser: () => number | null;
  notificationApi: OsNotificationApi;
  createTray: () => TrayLike;
  buildMenu: (items: TrayMenuItem[]) => unknown;
  /** Bring the window forward (creating it if it was closed), at the record when given. */
  open: (recordId: number | null) => void;
  quit: () => void;
}

/**
 * The desktop side of the inbox: tray icon, pause state and OS notifications,
 * assembled from Electron parts the entry passes in. Returns the pieces the
 * entry needs (userChanged on a new desk user, dispose on quit).
 */
export function startDesktopNotifications(deps: DesktopNotificationDeps) {
  const texts = () => shellTexts(deps.language());
  const pause = new NotificationPause();
  const os = new OsNotificationService(deps.notificationApi, pause);
  const tray = new TrayService({
    createTray: deps.createTray,
    buildMenu: deps.buildMenu,
    pause,
    texts,
    showWindow: () => deps.open(null),
    quit: deps.quit,
  });
  tray.start();
  const notifier = new DesktopNotifier({
    inbox: deps.inbox,
    os,
    texts,
    language: deps.language,
    deskUser: deps.deskUser,
    open: deps.open,
    onUnreadCount: (count) => tray.setUnreadCount(count),
  });
  const unsubscribe = notifier.start(deps.events);
  return {
    userChanged: () => notifier.userChanged(),
    dispose: () => {
      unsubscribe();
      tray.destroy();
    },
  };
}
