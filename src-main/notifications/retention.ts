import { z } from 'zod';
import type { IntegrationSettings } from '../integration-settings/integration-settings';
import { StorageBackoff } from '../store/storage-problems';
import type { NotificationService } from './notification-service';

/** The inbox's retention setting (integration_settings key `notifications`). */
export const notificationSettingsSchema = z.object({
  /** Notifications older than this many days are deleted, read or not. */
  retentionDays: z.int().min(1).max(3650).default(180),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;
export const NOTIFICATION_SETTINGS_KEY = 'notifications';

const SIX_HOURS = 6 * 3_600_000;

/**
 * Deletes old notifications at start and then every six hours while the app
 * runs. On a full disk or read-only store it tries again with growing pauses
 * (logged once), not six hours later and not once per tick.
 */
export class NotificationRetention {
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private readonly storage = new StorageBackoff('notification retention');

  constructor(
    private readonly service: NotificationService,
    private readonly settings: IntegrationSettings,
  ) {}

  runOnce(): number {
    const { retentionDays } = this.settings.read(NOTIFICATION_SETTINGS_KEY, notificationSettingsSchema);
    return this.service.deleteOlderThan(retentionDays);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(this.safeRun());
  }

  stop(): void {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (!this.started) return;
    this.timer = setTimeout(() => this.schedule(this.safeRun()), delayMs);
    this.timer.unref();
  }

  /** Runs once; returns the wait before the next run. */
  private safeRun(): number {
    try {
      this.runOnce();
      this.storage.succeeded();
    } catch (error) {
      const pause = this.storage.failed(error);
      if (pause !== null) return pause;
      console.error('notification retention failed:', (error as Error).message);
    }
    return SIX_HOURS;
  }
}
