import { describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../src-main/app/session';
import { IPC_EVENT_CHANNEL, ipcChannel, METHOD_NAMES, type Result } from '../../../src-main/contract';
import { EventBus } from '../../../src-main/events/event-bus';
import { registerIpc, type IpcOptions } from '../../../src-main/shell/ipc';
import { APP_URL, FakeEmitter, prodLocation } from './fakes';

type Handler = (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>;

class FakeSender extends FakeEmitter {
  constructor(readonly id: number) {
    super();
  }
}

class FakeTarget {
  readonly sent: unknown[][] = [];
  destroyed = false;
  constructor(public url = APP_URL) {}
  isDestroyed = () => this.destroyed;
  getURL = () => this.url;
  send = (...args: unknown[]) => {
    this.sent.push(args);
  };
}

function setup(targets: FakeTarget[] = []) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  const seen: Array<{ method: string; input: unknown; session: Session }> = [];
  const events = new EventBus();
  const app = {
    events,
    dispatch: vi.fn(async (method: string, input: unknown, session: Session): Promise<Result<unknown>> => {
      seen.push({ method, input, session });
      return { ok: true, value: method };
    }),
  };
  const dispose = registerIpc({
    ipcMain: ipcMain as unknown as IpcOptions['ipcMain'],
    app,
    location: prodLocation(),
    targets: () => targets as unknown as ReturnType<IpcOptions['targets']>,
  });
  const invoke = (method: string, input: unknown, sender: FakeSender, frame: { url: string; parent: unknown } | null = { url: APP_URL, parent: null }) => {
    const handler = handlers.get(ipcChannel(method as (typeof METHOD_NAMES)[number]));
    if (!handler) throw new Error(`no handler for ${method}`);
    return handler({ sender, senderFrame: frame }, input);
  };
  return { handlers, ipcMain, app, events, seen, dispose, invoke };
}

describe('registerIpc', () => {
  it('registers exactly one channel per contract method', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort());
  });

  it('routes each call to dispatch with its method name and input', async () => {
    const { invoke, seen } = setup();
    const sender = new FakeSender(1);
    await expect(invoke('getRecord', { id: 7 }, sender)).resolves.toEqual({ ok: true, value: 'getRecord' });
    await invoke('listUsers', {}, sender);
    expect(seen.map((s) => [s.method, s.input])).toEqual([
      ['getRecord', { id: 7 }],
      ['listUsers', {}],
    ]);
  });

  it('keeps one session per window and a separate one for each other window', async () => {
    const { invoke, seen } = setup();
    const first = new FakeSender(1);
    const second = new FakeSender(2);
    await invoke('getSession', {}, first);
    await invoke('getSession', {}, first);
    await invoke('getSession', {}, second);
    expect(seen[0]?.session).toBe(seen[1]?.session);
    expect(seen[2]?.session).not.toBe(seen[0]?.session);
  });

  it('forgets a window session when its webContents is destroyed', async () => {
    const { invoke, seen } = setup();
    const sender = new FakeSender(1);
    await invoke('getSession', {}, sender);
    const first = seen[0]?.session;
    if (first) first.userId = 42;
    sender.emit('destroyed');
    // Electron may hand the id to a new webContents; it must start with no user.
    await invoke('getSession', {}, new FakeSender(1));
    expect(seen[1]?.session).not.toBe(first);
    expect(seen[1]?.session.userId).toBeNull();
  });

  it('rejects calls from frames that are not the app page', async () => {
    const { invoke, app } = setup();
    const sender = new FakeSender(1);
    const foreign = [
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///tmp/other.html', parent: null },
      { url: APP_URL, parent: { url: APP_URL } },
    ];
    for (const frame of foreign) {
      const result = await invoke('listRecords', {}, sender, frame);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('not_allowed');
    }
    const gone = await invoke('listRecords', {}, sender, null);
    expect(gone.ok).toBe(false);
    expect(app.dispatch).not.toHaveBeenCalled();
  });

  it('answers with a value even if dispatch throws', async () => {
    const { invoke, app } = setup();
    app.dispatch.mockRejectedValueOnce(new Error('boom with details'));
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = await invoke('getAppInfo', {}, new FakeSender(1));
    log.mockRestore();
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error.' } });
  });

  it('forwards every event to live app windows only', () => {
    const app = new FakeTarget();
    const other = new FakeTarget();
    const elsewhere = new FakeTarget('https://example.com/');
    const closed = new FakeTarget();
    closed.destroyed = true;
    const { events } = setup([app, other, elsewhere, closed]);
    events.emit('recordsChanged', { recordIds: [1, 2] });
    events.emit('workspaceChanged', {});
    const expected = [
      [IPC_EVENT_CHANNEL, { event: 'recordsChanged', payload: { recordIds: [1, 2] } }],
      [IPC_EVENT_CHANNEL, { event: 'workspaceChanged', payload: {} }],
    ];
    expect(app.sent).toEqual(expected);
    expect(other.sent).toEqual(expected);
    expect(elsewhere.sent).toEqual([]);
    expect(closed.sent).toEqual([]);
  });

  it('removes handlers and stops forwarding when disposed', () => {
    const target = new FakeTarget();
    const { dispose, handlers, events } = setup([target]);
    dispose();
    expect(handlers.size).toBe(0);
    events.emit('jobsChanged', { recordId: 1 });
    expect(target.sent).toEqual([]);
  });
});
