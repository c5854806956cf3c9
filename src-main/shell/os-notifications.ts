import type { NotificationPause } from './notification-pause';

/** The part of an Electron Notification this service uses. */
export interface OsNotificationLike {
  on(event: 'click' | 'close' | 'failed', listener: () => void): unknown;
  show(): void;
}

/** Electron's Notification class, as a parameter (tests pass a fake). */
export interface OsNotificationApi {
  isSupported(): boolean;
  create(options: { title: string; body: string; silent?: boolean }): OsNotificationLike;
}

export type OsNotificationStatus = 'shown' | 'not_sent' | 'error';
export type OsNotificationReason = 'not_supported' | 'paused' | 'do_not_disturb' | 'failed';
export interface OsNotificationResult {
  status: OsNotificationStatus;
  reason?: OsNotificationReason;
}

export interface OsNotificationOptions {
  /** The operating system's own do-not-disturb, where the host can tell. */
  isDoNotDisturb?: () => boolean;
  /** How many shown notifications are kept referenced at most. */
  maxLive?: number;
}

/**
 * OS-native notifications (Mattermost's pattern): checks support, the user's
 * pause and do-not-disturb, and answers with a status instead of throwing. A
 * shown notification stays referenced until clicked or closed, because Electron
 * drops the click handler of a notification the garbage collector took.
 */
export class OsNotificationService {
  private readonly live = new Set<OsNotificationLike>();

  constructor(
    private readonly api: OsNotificationApi,
    private readonly pause: NotificationPause,
    private readonly options: OsNotificationOptions = {},
  ) {}

  show(message: { title: string; body: string; onClick: () => void }): OsNotificationResult {
    if (!this.api.isSupported()) return { status: 'not_sent', reason: 'not_supported' };
    if (this.pause.isPaused()) return { status: 'not_sent', reason: 'paused' };
    if (this.options.isDoNotDisturb?.()) return { status: 'not_sent', reason: 'do_not_disturb' };
    try {
      const n = this.api.create({ title: message.title, body: message.body });
      const forget = (): void => void this.live.delete(n);
      n.on('click', () => {
        forget();
        message.onClick();
      });
      n.on('close', forget);
      n.on('failed', forget);
      this.live.add(n);
      // Oldest first out, so a long day does not keep every notification alive.
      const max = this.options.maxLive ?? 50;
      while (this.live.size > max) this.live.delete(this.live.values().next().value as OsNotificationLike);
      n.show();
      return { status: 'shown' };
    } catch (error) {
      console.error('OS notification failed:', (error as Error).message);
      return { status: 'error', reason: 'failed' };
    }
  }

  /** How many notifications are held (for tests and diagnostics). */
  liveCount(): number {
    return this.live.size;
  }
}
