// Small stand-ins for the Electron objects the shell modules take as parameters.
import { vi } from 'vitest';
import { appLocation } from '../../../src-main/shell/app-location';

export const APP_URL = 'app://renderer/index.html';
export const prodLocation = () => appLocation(undefined);
export const devLocation = () => appLocation('http://localhost:5173/');

type Listener = (...args: unknown[]) => unknown;

/** Records `on`/`once` listeners by event name so a test can emit events. */
export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapper: Listener = (...args) => {
      this.off(event, wrapper);
      return listener(...args);
    };
    return this.on(event, wrapper);
  }
  off(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

/** A navigation-like event: records whether a handler prevented it. */
export const navigationEvent = (url: string, isMainFrame = true) => ({ url, isMainFrame, preventDefault: vi.fn() });

/** An electron-store stand-in: a Map, plus what the file on disk would hold. */
export class MemoryFile {
  readonly data = new Map<string, unknown>();
  get(key: string): unknown {
    return this.data.get(key);
  }
  set(key: string, value: unknown): void {
    this.data.set(key, structuredClone(value));
  }
  /** The file as electron-store would serialise it. */
  serialized(): string {
    return JSON.stringify(Object.fromEntries(this.data), null, '\t');
  }
}
