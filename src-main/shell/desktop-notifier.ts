import type { EventMap, EventName, Language, NotificationView } from '../contract';
import { notificationText } from '../notifications/notification-text';
import type { OsNotificationService } from './os-notifications';
import type { ShellTexts } from './shell-texts';

/** What the notifier reads from the inbox (services.inbox in the app). */
export interface InboxSource {
  unreadCount(userId: number): number;
  latestId(userId: number): number;
  countUnreadSince(userId: number, afterId: number): number;
  unreadSince(userId: number, afterId: number, limit?: number): NotificationView[];
}

export interface EventSource {
  subscribe(listener: <E extends EventName>(event: E, payload: EventMap[E]) => void): () => void;
}

export interface DesktopNotifierDeps {
  inbox: InboxSource;
  os: Pick<OsNotificationService, 'show'>;
  texts: () => ShellTexts;
  /** The language the pop-up's text is rendered in (the app's setting); Danish when not given. */
  language?: () => Language;
  /** The caseworker selected in the desktop window, or null before anyone is chosen. */
  deskUser: () => number | null;
  /** Bring the window forward, at the record when there is one. */
  open: (recordId: number | null) => void;
  /** The tray's tooltip follows the unread count. */
  onUnreadCount: (count: number) => void;
  /** More new ones than this at once become one summary. */
  burstThreshold?: number;
  /** Gathers a burst arriving as many small transactions (500 status-action jobs) before deciding. */
  settleMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

/**
 * Turns the desk user's new inbox entries into OS notifications. A few become a
 * pop-up each (click: the window opens at that record); a burst, such as a bulk
 * reassignment of 500 records, becomes one summary. Only entries newer than
 * what the desk user had when they were selected pop up: the inbox is the
 * record of everything, the pop-ups are only a nudge.
 */
export class DesktopNotifier {
  private seenUpTo = 0;
  private user: number | null = null;
  private pending = false;

  constructor(private readonly deps: DesktopNotifierDeps) {}

  /** Starts listening; returns the unsubscribe. */
  start(events: EventSource): () => void {
    this.userChanged();
    return events.subscribe((event, payload) => {
      if (event !== 'notificationsChanged') return;
      const { userIds } = payload as EventMap['notificationsChanged'];
      this.userChanged();
      if (this.user !== null && userIds.includes(this.user)) this.schedule();
    });
  }

  /** Call when the desk user may have changed (a user was selected in the window). */
  userChanged(): void {
    const user = this.deps.deskUser();
    if (user === this.user) return;
    this.user = user;
    this.seenUpTo = user === null ? 0 : this.deps.inbox.latestId(user);
    this.deps.onUnreadCount(user === null ? 0 : this.deps.inbox.unreadCount(user));
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    const run = (): void => {
      this.pending = false;
      this.flush();
    };
    const settle = this.deps.settleMs ?? 750;
    if (settle <= 0) run();
    else (this.deps.setTimer ?? setTimeout)(run, settle);
  }

  /** Looks at what is new for the desk user now; exposed for tests. */
  flush(): void {
    const user = this.user;
    if (user === null) return;
    const { inbox, texts } = this.deps;
    this.deps.onUnreadCount(inbox.unreadCount(user));
    const fresh = inbox.countUnreadSince(user, this.seenUpTo);
    const latest = inbox.latestId(user);
    const threshold = this.deps.burstThreshold ?? 3;
    if (fresh > threshold) {
      const t = texts();
      this.deps.os.show({ title: t.summaryTitle(fresh), body: t.summaryBody, onClick: () => this.deps.open(null) });
    } else if (fresh > 0) {
      for (const n of inbox.unreadSince(user, this.seenUpTo, threshold)) {
        // The record number, not the citizen's name: OS pop-ups show on lock screens and in notification centres.
        const title = n.record ? `${texts().appName} · ${n.record.number}` : texts().appName;
        const recordId = n.record?.id ?? null;
        // Rendered now from the notification's code and params, in the user's language (not the stored text).
        const body = notificationText(n, this.deps.language?.() ?? 'da');
        this.deps.os.show({ title, body, onClick: () => this.deps.open(recordId) });
      }
    }
    this.seenUpTo = Math.max(this.seenUpTo, latest);
  }
}
