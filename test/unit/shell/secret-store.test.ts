import { describe, expect, it, vi } from 'vitest';
import { SafeStorageSecretStore, type SafeStorageApi } from '../../../src-main/shell/secret-store';
import { MemoryFile } from './fakes';

const PREFIX = Buffer.from('v10');

/** A reversible stand-in for OS encryption; what matters is that output differs from input. */
function fakeSafeStorage(options: { available?: boolean; backend?: ReturnType<SafeStorageApi['getSelectedStorageBackend']> } = {}) {
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a));
  return {
    isEncryptionAvailable: vi.fn(() => options.available ?? true),
    getSelectedStorageBackend: vi.fn(() => options.backend ?? 'gnome_libsecret'),
    encryptString: vi.fn((plain: string) => Buffer.concat([PREFIX, xor(Buffer.from(plain, 'utf8'))])),
    decryptString: vi.fn((blob: Buffer) => {
      if (!blob.subarray(0, PREFIX.length).equals(PREFIX)) throw new Error('bad blob');
      return xor(blob.subarray(PREFIX.length)).toString('utf8');
    }),
  } satisfies SafeStorageApi;
}

const SECRET = 'hemmeligt-kodeord-æøå';

describe('SafeStorageSecretStore', () => {
  it('round-trips a secret', () => {
    const file = new MemoryFile();
    const store = new SafeStorageSecretStore(fakeSafeStorage(), file, 'linux');
    store.set('digitalPost.certificatePassword', SECRET);
    expect(store.get('digitalPost.certificatePassword')).toBe(SECRET);
    // A fresh instance on the same file sees it too.
    expect(new SafeStorageSecretStore(fakeSafeStorage(), file, 'linux').get('digitalPost.certificatePassword')).toBe(SECRET);
  });

  it('never writes the plaintext, only base64 of the encrypted bytes', () => {
    const file = new MemoryFile();
    const safeStorage = fakeSafeStorage();
    new SafeStorageSecretStore(safeStorage, file, 'win32').set('mitid.clientSecret', SECRET);
    const written = file.serialized();
    expect(written).not.toContain(SECRET);
    expect(written).not.toContain(Buffer.from(SECRET).toString('base64'));
    const encrypted = safeStorage.encryptString.mock.results[0]?.value as Buffer;
    expect(file.get('secrets')).toEqual({ 'mitid.clientSecret': encrypted.toString('base64') });
  });

  it('refuses to store when the OS offers no encryption', () => {
    const file = new MemoryFile();
    const safeStorage = fakeSafeStorage({ available: false });
    const store = new SafeStorageSecretStore(safeStorage, file, 'darwin');
    expect(store.isAvailable()).toBe(false);
    expect(() => store.set('mitid.clientSecret', SECRET)).toThrow(/secure storage/);
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    expect(file.data.size).toBe(0);
  });

  it("treats Linux's basic_text fallback as no encryption", () => {
    for (const backend of ['basic_text', 'unknown'] as const) {
      const store = new SafeStorageSecretStore(fakeSafeStorage({ backend }), new MemoryFile(), 'linux');
      expect(store.isAvailable()).toBe(false);
      expect(() => store.set('a', SECRET)).toThrow();
    }
    // The backend question is Linux-only; elsewhere it is not asked.
    const safeStorage = fakeSafeStorage({ backend: 'basic_text' });
    expect(new SafeStorageSecretStore(safeStorage, new MemoryFile(), 'win32').isAvailable()).toBe(true);
    expect(safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it('returns null for missing, undecryptable or unreadable secrets', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const file = new MemoryFile();
    file.set('secrets', { broken: Buffer.from('not encrypted').toString('base64'), wrongType: 12 });
    const store = new SafeStorageSecretStore(fakeSafeStorage(), file, 'linux');
    expect(store.get('missing')).toBeNull();
    expect(store.get('broken')).toBeNull();
    expect(store.get('wrongType')).toBeNull();
    expect(store.get('constructor')).toBeNull();
    expect(store.get('__proto__')).toBeNull();
    log.mockRestore();
  });

  it('cannot read secrets while encryption is unavailable', () => {
    const file = new MemoryFile();
    new SafeStorageSecretStore(fakeSafeStorage(), file, 'linux').set('a', SECRET);
    const locked = fakeSafeStorage({ available: false });
    expect(new SafeStorageSecretStore(locked, file, 'linux').get('a')).toBeNull();
    expect(locked.decryptString).not.toHaveBeenCalled();
  });

  it('survives a corrupt file', () => {
    for (const corrupt of ['text', 7, null, ['a']]) {
      const file = new MemoryFile();
      file.set('secrets', corrupt);
      const store = new SafeStorageSecretStore(fakeSafeStorage(), file, 'linux');
      expect(store.get('a')).toBeNull();
      store.set('a', SECRET);
      expect(store.get('a')).toBe(SECRET);
    }
  });

  it('deletes one secret and keeps the others', () => {
    const file = new MemoryFile();
    const store = new SafeStorageSecretStore(fakeSafeStorage(), file, 'linux');
    store.set('a', 'one');
    store.set('b', 'two');
    store.delete('a');
    store.delete('never-set');
    expect(store.get('a')).toBeNull();
    expect(store.get('b')).toBe('two');
  });

  it('rejects names that are not plain identifiers', () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage(), new MemoryFile(), 'linux');
    for (const name of ['', 'has space', 'x'.repeat(129), 'a/b']) expect(() => store.set(name, SECRET)).toThrow(TypeError);
  });
});
