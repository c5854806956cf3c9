/**
 * "Pause notifications" from the tray menu: for an hour, or until tomorrow
 * morning. Only OS pop-ups pause; the inbox still fills, so nothing is lost.
 */
export class NotificationPause {
  private until: number | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  pauseFor(ms: number): void {
    this.until = this.now() + ms;
  }

  /** Until 08:00 local time the next day. */
  pauseUntilTomorrow(): void {
    const next = new Date(this.now());
    next.setDate(next.getDate() + 1);
    next.setHours(8, 0, 0, 0);
    this.until = next.getTime();
  }

  resume(): void {
    this.until = null;
  }

  /** When the pause ends, or null when not paused. */
  pausedUntil(): number | null {
    if (this.until !== null && this.now() >= this.until) this.until = null;
    return this.until;
  }

  isPaused(): boolean {
    return this.pausedUntil() !== null;
  }
}
