import { describe, expect, it, vi } from 'vitest';
import type { EventMap, EventName, NotificationView } from '../../../src-main/contract';
import { IPC_EVENT_CHANNEL } from '../../../src-main/contract/api';
import { DesktopNotifier, type InboxSource } from '../../../src-main/shell/desktop-notifier';
import { trackDeskUser } from '../../../src-main/shell/desk-user';
import { NotificationPause } from '../../../src-main/shell/notification-pause';
import { OsNotificationService, type OsNotificationApi } from '../../../src-main/shell/os-notifications';
import { shellTexts } from '../../../src-main/shell/shell-texts';
import { TrayService, type TrayMenuItem } from '../../../src-main/shell/tray';
import { keepInTrayOnClose, showAtRecord, type RoutableWindow } from '../../../src-main/shell/window-routing';
import { FakeEmitter } from './fakes';

const NOW = new Date(2026, 10, 28, 14, 0, 0).getTime();
const HOUR = 3_600_000;

/** A stand-in for Electron's Notification: records what was shown and lets a test click it. */
class FakeNotification extends FakeEmitter {
  static created: FakeNotification[] = [];
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    FakeNotification.created.push(this);
  }
  show(): void {
    this.shown = true;
  }
  click(): void {
    this.emit('click');
  }
}

function notificationApi(supported = true): OsNotificationApi {
  FakeNotification.created = [];
  return { isSupported: () => supported, create: (options) => new FakeNotification(options) };
}

class FakeTray extends FakeEmitter {
  tooltip = '';
  menu: TrayMenuItem[] = [];
  destroyed = false;
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown): void {
    this.menu = menu as TrayMenuItem[];
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/** An inbox of one user's notifications, ids ascending. */
class FakeInbox implements InboxSource {
  rows: NotificationView[] = [];
  add(count: number, userId = 7): void {
    void userId;
    for (let i = 0; i < count; i += 1) {
      const id = this.rows.length + 1;
      this.rows.push({
        id,
        kind: 'responsible_user',
        context: `Du blev sat som ansvarlig (${id})`,
        params: null,
        actorName: null,
        createdAt: '',
        readAt: null,
        record: { id: 100 + id, number: `2026-${String(100 + id).padStart(6, '0')}`, name: 'Borger Navn', workflowName: '', statusName: '', statusColor: '', cprMasked: '', keyFields: [] },
        bulk: null,
      });
    }
  }
  unreadCount = (): number => this.rows.filter((r) => r.readAt === null).length;
  latestId = (): number => this.rows.at(-1)?.id ?? 0;
  countUnreadSince = (_u: number, after: number): number => this.rows.filter((r) => r.id > after && r.readAt === null).length;
  unreadSince = (_u: number, after: number, limit = 50): NotificationView[] => this.rows.filter((r) => r.id > after && r.readAt === null).slice(0, limit);
}

class FakeEvents {
  private listeners = new Set<(event: EventName, payload: unknown) => void>();
  subscribe(listener: <E extends EventName>(event: E, payload: EventMap[E]) => void): () => void {
    const l = listener as (event: EventName, payload: unknown) => void;
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const l of this.listeners) l(event, payload);
  }
}

function setup(options: { supported?: boolean; user?: number | null; language?: 'da' | 'en' } = {}) {
  let now = NOW;
  const pause = new NotificationPause(() => now);
  const os = new OsNotificationService(notificationApi(options.supported ?? true), pause);
  const inbox = new FakeInbox();
  const events = new FakeEvents();
  const open = vi.fn();
  const counts: number[] = [];
  let user: number | null = options.user === undefined ? 7 : options.user;
  const notifier = new DesktopNotifier({
    inbox,
    os,
    texts: () => shellTexts('da'),
    language: () => options.language ?? 'da',
    deskUser: () => user,
    open,
    onUnreadCount: (n) => counts.push(n),
    settleMs: 0,
  });
  notifier.start(events);
  return {
    pause,
    os,
    inbox,
    events,
    open,
    counts,
    notifier,
    advance: (ms: number) => void (now += ms),
    setUser: (id: number | null) => void (user = id),
  };
}

describe('OS notifications', () => {
  it('renders the pop-up text from the stored code and params in the app language, not the stored text', () => {
    const s = setup({ language: 'en' });
    s.inbox.add(1);
    const row = s.inbox.rows[0] as NotificationView;
    row.kind = 'digital_post_physical_fallback';
    row.params = { subject: 'Afgørelse' };
    s.events.emit('notificationsChanged', { userIds: [7] });
    expect(FakeNotification.created.at(-1)?.options.body).toBe('The citizen is exempt from Digital Post. The letter "Afgørelse" must go by physical post: print it from the "To print" list and mark it as posted.');
  });

  it('shows one pop-up per new notification; a click opens the window at that record', () => {
    const s = setup();
    s.inbox.add(2);
    s.events.emit('notificationsChanged', { userIds: [7] });
    expect(FakeNotification.created.map((n) => n.options.title)).toEqual(['Sagsbehandler · 2026-000101', 'Sagsbehandler · 2026-000102']);
    expect(FakeNotification.created.every((n) => n.shown)).toBe(true);
    // The citizen's name stays off lock screens.
    expect(FakeNotification.created.map((n) => n.options.title).join()).not.toContain('Borger');
    FakeNotification.created[1]?.click();
    expect(s.open).toHaveBeenCalledWith(102);
    expect(s.counts.at(-1)).toBe(2);
  });

  it('ignores other users and does not repeat what was already shown', () => {
    const s = setup();
    s.inbox.add(1);
    s.events.emit('notificationsChanged', { userIds: [8] });
    expect(FakeNotification.created).toHaveLength(0);
    s.events.emit('notificationsChanged', { userIds: [7] });
    s.events.emit('notificationsChanged', { userIds: [7] });
    expect(FakeNotification.created).toHaveLength(1);
  });

  it('turns a burst of 500 into one summary that opens the window', () => {
    const s = setup();
    s.inbox.add(500);
    s.events.emit('notificationsChanged', { userIds: [7] });
    expect(FakeNotification.created).toHaveLength(1);
    expect(FakeNotification.created[0]?.options.title).toBe('500 nye notifikationer');
    FakeNotification.created[0]?.click();
    expect(s.open).toHaveBeenCalledWith(null);
  });

  it('gathers a burst arriving as many events into one summary', async () => {
    vi.useFakeTimers();
    try {
      const inbox = new FakeInbox();
      const events = new FakeEvents();
      const os = new OsNotificationService(notificationApi(), new NotificationPause(() => NOW));
      new DesktopNotifier({ inbox, os, texts: () => shellTexts('da'), deskUser: () => 7, open: vi.fn(), onUnreadCount: () => {}, settleMs: 500 }).start(events);
      for (let i = 0; i < 50; i += 1) {
        inbox.add(1);
        events.emit('notificationsChanged', { userIds: [7] });
      }
      expect(FakeNotification.created).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(500);
      expect(FakeNotification.created.map((n) => n.options.title)).toEqual(['50 nye notifikationer']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows nothing while paused, and again after the pause ends; the inbox keeps count', () => {
    const s = setup();
    s.pause.pauseFor(HOUR);
    s.inbox.add(1);
    s.events.emit('notificationsChanged', { userIds: [7] });
    expect(FakeNotification.created).toHaveLength(0);
    expect(s.counts.at(-1)).toBe(1);
    s.advance(HOUR);
    s.inbox.add(1);
    s.events.emit('notificationsChanged', { userIds: [7] });
    expect(FakeNotification.created.map((n) => n.options.title)).toEqual(['Sagsbehandler · 2026-000102']);
  });

  it('reports why nothing was shown, and keeps shown ones referenced until clicked', () => {
    const pause = new NotificationPause(() => NOW);
    const unsupported = new OsNotificationService(notificationApi(false), pause);
    expect(unsupported.show({ title: 'a', body: 'b', onClick: () => {} })).toEqual({ status: 'not_sent', reason: 'not_supported' });
    const dnd = new OsNotificationService(notificationApi(), pause, { isDoNotDisturb: () => true });
    expect(dnd.show({ title: 'a', body: 'b', onClick: () => {} })).toEqual({ status: 'not_sent', reason: 'do_not_disturb' });
    pause.pauseUntilTomorrow();
    expect(new OsNotificationService(notificationApi(), pause).show({ title: 'a', body: 'b', onClick: () => {} })).toEqual({
      status: 'not_sent',
      reason: 'paused',
    });
    pause.resume();
    const os = new OsNotificationService(notificationApi(), pause);
    const clicked = vi.fn();
    expect(os.show({ title: 'a', body: 'b', onClick: clicked })).toEqual({ status: 'shown' });
    expect(os.liveCount()).toBe(1);
    FakeNotification.created[0]?.click();
    expect(clicked).toHaveBeenCalledTimes(1);
    expect(os.liveCount()).toBe(0);
    const failing = new OsNotificationService({ isSupported: () => true, create: () => { throw new Error('dbus gone'); } }, pause);
    expect(failing.show({ title: 'a', body: 'b', onClick: () => {} })).toEqual({ status: 'error', reason: 'failed' });
  });

  it('pauses until 08:00 the next morning', () => {
    const pause = new NotificationPause(() => NOW);
    pause.pauseUntilTomorrow();
    expect(new Date(pause.pausedUntil() ?? 0)).toEqual(new Date(2026, 10, 29, 8, 0, 0));
  });

  it('pops up only what is new since the desk user was selected', () => {
    const s = setup({ user: null });
    s.inbox.add(3);
    s.setUser(7);
    s.notifier.userChanged();
    expect(s.counts.at(-1)).toBe(3);
    s.events.emit('notificationsChanged', { userIds: [7] });
    expect(FakeNotification.created).toHaveLength(0);
  });
});

describe('tray', () => {
  function tray() {
    const fake = new FakeTray();
    let now = NOW;
    const pause = new NotificationPause(() => now);
    const showWindow = vi.fn();
    const quit = vi.fn();
    const service = new TrayService({
      createTray: () => fake,
      buildMenu: (items) => items,
      pause,
      texts: () => shellTexts('da'),
      showWindow,
      quit,
      formatTime: (ms) => new Date(ms).toTimeString().slice(0, 5),
    });
    service.start();
    return { fake, service, pause, showWindow, quit, advance: (ms: number) => void (now += ms) };
  }
  const item = (menu: TrayMenuItem[], label: string) => {
    const found = menu.find((m) => m.label === label);
    if (!found) throw new Error(`no menu item "${label}" in ${menu.map((m) => m.label).join(' | ')}`);
    return found;
  };

  it('shows the unread count in the tooltip', () => {
    const t = tray();
    expect(t.fake.tooltip).toBe('Sagsbehandler');
    t.service.setUnreadCount(3);
    expect(t.fake.tooltip).toBe('Sagsbehandler – 3 ulæste notifikationer');
    t.service.setUnreadCount(1);
    expect(t.fake.tooltip).toBe('Sagsbehandler – 1 ulæst notifikation');
  });

  it('opens the window from the menu and on click, and quits from the menu', () => {
    const t = tray();
    item(t.fake.menu, 'Åbn Sagsbehandler').click?.();
    t.fake.emit('click');
    expect(t.showWindow).toHaveBeenCalledTimes(2);
    item(t.fake.menu, 'Afslut').click?.();
    expect(t.quit).toHaveBeenCalledTimes(1);
  });

  it('pauses for an hour, shows until when, and resumes', () => {
    const t = tray();
    item(t.fake.menu, 'Sæt notifikationer på pause i 1 time').click?.();
    expect(t.pause.isPaused()).toBe(true);
    expect(item(t.fake.menu, 'Notifikationer på pause til 15:00').enabled).toBe(false);
    item(t.fake.menu, 'Genoptag notifikationer').click?.();
    expect(t.pause.isPaused()).toBe(false);
    item(t.fake.menu, 'Sæt notifikationer på pause til i morgen').click?.();
    expect(item(t.fake.menu, 'Notifikationer på pause til 08:00').enabled).toBe(false);
  });

  it('goes away when destroyed', () => {
    const t = tray();
    t.service.destroy();
    expect(t.fake.destroyed).toBe(true);
  });
});

describe('window routing', () => {
  class FakeWindow extends FakeEmitter {
    hide = vi.fn();
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    minimized = true;
    isMinimized = () => this.minimized;
    loading = false;
    readonly contents = new FakeEmitter();
    readonly webContents = {
      isLoading: () => this.loading,
      once: (event: 'did-finish-load', listener: () => void) => this.contents.once(event, listener),
      send: vi.fn(),
    };
  }
  /** The fake as the window type the module takes (FakeEmitter's listeners are untyped). */
  const as = (w: FakeWindow): RoutableWindow => w as unknown as RoutableWindow;

  it('hides instead of closing while the app runs, closes when quitting', () => {
    const window = new FakeWindow();
    let quitting = false;
    keepInTrayOnClose(as(window), () => quitting);
    const close = { preventDefault: vi.fn() };
    window.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    expect(window.hide).toHaveBeenCalled();
    quitting = true;
    const last = { preventDefault: vi.fn() };
    window.emit('close', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('brings the window forward and sends the record route to the renderer', () => {
    const window = new FakeWindow();
    showAtRecord(as(window), 42);
    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(window.webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, { event: 'openRoute', payload: { route: '#/record/42' } });
  });

  it('waits for a loading page before sending the route; no route for a summary', () => {
    const window = new FakeWindow();
    window.loading = true;
    showAtRecord(as(window), 5);
    expect(window.webContents.send).not.toHaveBeenCalled();
    window.contents.emit('did-finish-load');
    expect(window.webContents.send).toHaveBeenCalledTimes(1);
    const other = new FakeWindow();
    showAtRecord(as(other), null);
    expect(other.show).toHaveBeenCalled();
    expect(other.webContents.send).not.toHaveBeenCalled();
  });
});

describe('desk user', () => {
  it('follows the user selected in the window', async () => {
    const changes: (number | null)[] = [];
    const app = { dispatch: vi.fn(async () => ({ ok: true as const, value: null })) };
    const desk = trackDeskUser(app, (id) => changes.push(id));
    const session = { userId: null as number | null };
    await desk.app.dispatch('getSession', {}, session);
    expect(desk.userId()).toBeNull();
    session.userId = 3;
    await desk.app.dispatch('selectUser', { userId: 3 }, session);
    expect(desk.userId()).toBe(3);
    await desk.app.dispatch('listRecords', {}, session);
    expect(changes).toEqual([3]);
  });
});
