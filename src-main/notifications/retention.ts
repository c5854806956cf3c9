import { z } from 'zod';
import type { IntegrationSettings } from '../integration-settings/integration-settings';
import type { NotificationService } from './notification-service';

/** The inbox's retention setting (integration_settings key `notifications`). */
export const notificationSettingsSchema = z.object({
  /** Notifications older than this many days are deleted, read or not. */
  retentionDays: z.int().min(1).max(3650).default(180),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;
export const NOTIFICATION_SETTINGS_KEY = 'notifications';

const SIX_HOURS = 6 * 3_600_000;

/** Deletes old notifications at start and then every six hours while the app runs. */
export class NotificationRetention {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly service: NotificationService,
    private readonly settings: IntegrationSettings,
  ) {}

  runOnce(): number {
    const { retentionDays } = this.settings.read(NOTIFICATION_SETTINGS_KEY, notificationSettingsSchema);
    return this.service.deleteOlderThan(retentionDays);
  }

  start(): void {
    if (this.timer) return;
    this.safeRun();
    this.timer = setInterval(() => this.safeRun(), SIX_HOURS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private safeRun(): void {
    try {
      this.runOnce();
    } catch (error) {
      console.error('notification retention failed:', (error as Error).message);
    }
  }
}
