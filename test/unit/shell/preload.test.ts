import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, IPC_EVENT_CHANNEL, ipcChannel, METHOD_NAMES, type EventName } from '../../../src-main/contract';
import { createCaseworkerApi } from '../../../src-preload/caseworker-api';

type MessageListener = (event: unknown, message: unknown) => void;

function fakeIpcRenderer() {
  const listeners: MessageListener[] = [];
  const ipc = {
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    on: vi.fn((channel: string, listener: MessageListener) => {
      expect(channel).toBe(IPC_EVENT_CHANNEL);
      listeners.push(listener);
      return ipc;
    }),
    /** What main's webContents.send(IPC_EVENT_CHANNEL, message) delivers. */
    push(message: unknown) {
      for (const listener of listeners) listener({ sender: 'the IpcRendererEvent' }, message);
    },
    listeners,
  };
  return ipc;
}

const build = () => {
  const ipc = fakeIpcRenderer();
  const api = createCaseworkerApi(ipc as unknown as Parameters<typeof createCaseworkerApi>[0]);
  return { ipc, api };
};

describe('the preload API', () => {
  it('has exactly one function per contract method, plus on', () => {
    const { api } = build();
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'on'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
  });

  it('invokes each method on its own channel with the input', async () => {
    const { ipc, api } = build();
    await expect(api.getRecord({ id: 3 })).resolves.toEqual({ ok: true, value: { channel: 'cw:getRecord', input: { id: 3 } } });
    for (const name of METHOD_NAMES) {
      await (api[name] as (input: unknown) => Promise<unknown>)({});
      expect(ipc.invoke).toHaveBeenLastCalledWith(ipcChannel(name), {});
    }
  });

  it('delivers only the payload of the subscribed event', () => {
    const { ipc, api } = build();
    const records = vi.fn();
    const jobs = vi.fn();
    api.on('recordsChanged', records);
    api.on('jobsChanged', jobs);
    ipc.push({ event: 'recordsChanged', payload: { recordIds: [5] } });
    expect(records).toHaveBeenCalledWith({ recordIds: [5] });
    expect(records.mock.calls[0]).toHaveLength(1);
    expect(jobs).not.toHaveBeenCalled();
  });

  it('ignores unknown and malformed event messages', () => {
    const { ipc, api } = build();
    const listener = vi.fn();
    for (const name of EVENT_NAMES) api.on(name, listener);
    for (const message of [{ event: 'somethingElse', payload: 1 }, { event: 'toString' }, null, 'recordsChanged', 42, {}]) {
      ipc.push(message);
    }
    expect(listener).not.toHaveBeenCalled();
  });

  it('refuses to subscribe to names outside EVENT_NAMES', () => {
    const { api, ipc } = build();
    for (const name of ['somethingElse', 'constructor', '__proto__', '']) {
      expect(() => api.on(name as EventName, () => undefined)).toThrow(TypeError);
    }
    expect(() => api.on('recordsChanged', 'not a function' as never)).toThrow(TypeError);
    expect(ipc.on).not.toHaveBeenCalled();
  });

  it('unsubscribes, and adds a single IPC listener however many subscribe', () => {
    const { ipc, api } = build();
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = api.on('workspaceChanged', first);
    api.on('workspaceChanged', second);
    offFirst();
    ipc.push({ event: 'workspaceChanged', payload: {} });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(ipc.listeners).toHaveLength(1);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const { ipc, api } = build();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const after = vi.fn();
    api.on('jobsChanged', () => {
      throw new Error('render failed');
    });
    api.on('jobsChanged', after);
    ipc.push({ event: 'jobsChanged', payload: { recordId: 1 } });
    log.mockRestore();
    expect(after).toHaveBeenCalledWith({ recordId: 1 });
  });
});

describe('the preload entry', () => {
  it('exposes the API as window.caseworker and nothing else', async () => {
    const exposeInMainWorld = vi.fn();
    vi.doMock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer: fakeIpcRenderer() }));
    await import('../../../src-preload/index');
    vi.doUnmock('electron');
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(exposeInMainWorld.mock.calls[0]?.[0]).toBe('caseworker');
    expect(Object.keys(exposeInMainWorld.mock.calls[0]?.[1] as object).sort()).toEqual([...METHOD_NAMES, 'on'].sort());
  });

  it('imports nothing but electron and zod-free contract files', () => {
    // The sandboxed preload may require only 'electron'; everything else must be
    // bundled, and zod has no place in the bundle. Walk the relative imports.
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/^\s*import\s+(type\s+)?[^'"]*['"]([^'"]+)['"]/gm)) {
        const [, typeOnly, specifier = ''] = match;
        if (typeOnly) continue;
        if (specifier.startsWith('.')) visit(resolve(dirname(file), `${specifier}.ts`));
        else external.add(specifier);
      }
    };
    visit(resolve(import.meta.dirname, '../../../src-preload/index.ts'));
    expect([...external]).toEqual(['electron']);
    expect(seen.size).toBeGreaterThan(1);
  });
});
