import { describe, expect, it, vi } from 'vitest';

const created: Array<Record<string, unknown>> = [];
vi.mock('electron-store', () => ({
  default: class {
    private readonly data = new Map<string, unknown>();
    constructor(options: Record<string, unknown>) {
      created.push(options);
    }
    get(key: string) {
      return this.data.get(key);
    }
    set(key: string, value: unknown) {
      this.data.set(key, value);
    }
  },
}));

const { openSecretStore, openSettingsStore } = await import('../../../src-main/shell/electron-stores');

describe('the electron-store files', () => {
  it('keeps settings in settings.json, treating keys literally, resetting a damaged file, readable only by the user', () => {
    expect(openSettingsStore().get()).toEqual({ language: 'da' });
    expect(created.at(-1)).toEqual({ name: 'settings', clearInvalidConfig: true, accessPropertiesByDotNotation: false, configFileMode: 0o600 });
  });

  it('keeps secrets in a file of their own, readable only by the user', () => {
    const safeStorage = { isEncryptionAvailable: () => false };
    const store = openSecretStore(safeStorage as unknown as Parameters<typeof openSecretStore>[0]);
    expect(store.isAvailable()).toBe(false);
    expect(created.at(-1)).toMatchObject({ name: 'secrets', configFileMode: 0o600, accessPropertiesByDotNotation: false });
  });
});
