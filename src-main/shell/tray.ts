import type { NotificationPause } from './notification-pause';
import type { ShellTexts } from './shell-texts';

/** The part of an Electron Tray this service uses. */
export interface TrayLike {
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

/** One entry of the tray menu, in the shape Menu.buildFromTemplate takes. */
export interface TrayMenuItem {
  label?: string;
  type?: 'separator' | 'normal';
  enabled?: boolean;
  click?: () => void;
}

export interface TrayDeps {
  /** Creates the Tray (Signal Desktop's pattern: the factory is a parameter, so tests pass a fake). */
  createTray: () => TrayLike;
  buildMenu: (items: TrayMenuItem[]) => unknown;
  pause: NotificationPause;
  texts: () => ShellTexts;
  showWindow: () => void;
  quit: () => void;
  /** Local clock time for "paused until 14:30". */
  formatTime?: (ms: number) => string;
}

const HOUR = 3_600_000;

/**
 * The tray icon: the unread count in its tooltip, and a menu to open the
 * window, pause OS notifications for an hour or until tomorrow, and quit.
 */
export class TrayService {
  private tray: TrayLike | null = null;
  private unread = 0;

  constructor(private readonly deps: TrayDeps) {}

  start(): void {
    if (this.tray) return;
    this.tray = this.deps.createTray();
    this.tray.on('click', () => this.deps.showWindow());
    this.render();
  }

  setUnreadCount(count: number): void {
    this.unread = count;
    this.render();
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }

  /** The menu as it stands (tests read it; render() hands it to the tray). */
  menuItems(): TrayMenuItem[] {
    const t = this.deps.texts();
    const until = this.deps.pause.pausedUntil();
    const format = this.deps.formatTime ?? ((ms: number) => new Date(ms).toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit' }));
    const pauseItems: TrayMenuItem[] =
      until === null
        ? [
            { label: t.pauseHour, click: () => this.act(() => this.deps.pause.pauseFor(HOUR)) },
            { label: t.pauseTomorrow, click: () => this.act(() => this.deps.pause.pauseUntilTomorrow()) },
          ]
        : [
            { label: t.pausedUntil(format(until)), enabled: false },
            { label: t.resume, click: () => this.act(() => this.deps.pause.resume()) },
          ];
    return [
      { label: t.open, click: () => this.deps.showWindow() },
      { type: 'separator' },
      ...pauseItems,
      { type: 'separator' },
      { label: t.quit, click: () => this.deps.quit() },
    ];
  }

  tooltip(): string {
    return this.deps.texts().unreadTooltip(this.unread);
  }

  private act(change: () => void): void {
    change();
    this.render();
  }

  private render(): void {
    if (!this.tray) return;
    this.tray.setToolTip(this.tooltip());
    this.tray.setContextMenu(this.deps.buildMenu(this.menuItems()));
  }
}
