import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-main/app/settings';
import { ElectronSettingsStore } from '../../../src-main/shell/settings-store';
import { MemoryFile } from './fakes';

describe('ElectronSettingsStore', () => {
  it('starts from the defaults', () => {
    expect(new ElectronSettingsStore(new MemoryFile()).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('stores and reads back an update', () => {
    const file = new MemoryFile();
    const store = new ElectronSettingsStore(file);
    expect(store.update({ language: 'en' })).toEqual({ language: 'en' });
    expect(new ElectronSettingsStore(file).get()).toEqual({ language: 'en' });
    // The same shape FileSettingsStore writes, so every host reads one settings.json.
    expect(JSON.parse(file.serialized())).toEqual({ language: 'en' });
  });

  it('falls back to the default for corrupt stored values', () => {
    for (const corrupt of ['klingon', 42, null, { nested: true }, ['da'], '']) {
      const file = new MemoryFile();
      file.set('language', corrupt);
      expect(new ElectronSettingsStore(file).get()).toEqual(DEFAULT_SETTINGS);
    }
  });

  it('ignores keys it does not know', () => {
    const file = new MemoryFile();
    file.set('language', 'en');
    file.set('__proto__', { polluted: true });
    file.set('somethingOld', 1);
    const settings = new ElectronSettingsStore(file).get();
    expect(settings).toEqual({ language: 'en' });
    expect(Object.keys(settings)).toEqual(['language']);
  });

  it('refuses an invalid update and keeps what was stored', () => {
    const file = new MemoryFile();
    const store = new ElectronSettingsStore(file);
    store.update({ language: 'en' });
    expect(() => store.update({ language: 'fr' as never })).toThrow(TypeError);
    expect(store.get()).toEqual({ language: 'en' });
  });

  it('leaves settings alone that a patch does not mention', () => {
    const file = new MemoryFile();
    const store = new ElectronSettingsStore(file);
    store.update({ language: 'en' });
    expect(store.update({})).toEqual({ language: 'en' });
  });
});
