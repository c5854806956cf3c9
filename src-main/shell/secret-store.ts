import type { SafeStorage } from 'electron';
import type { SecretStore } from '../app/secrets';
import type { KeyValueFile } from './key-value-file';

export type SafeStorageApi = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

/** All blobs live under one key, so secret names never act as electron-store paths. */
const BLOBS_KEY = 'secrets';
const NAME = /^[\w.:-]{1,128}$/;

/**
 * Secrets (certificate passwords, API credentials) encrypted with the OS keychain
 * through Electron's safeStorage, kept as base64 blobs in a file of their own.
 * Plaintext never reaches the disk: without real OS encryption, set() refuses.
 *
 * SecretStore is synchronous, so this uses safeStorage's synchronous calls, which
 * Electron marks deprecated in favour of the async ones; switching needs an async
 * SecretStore first.
 */
export class SafeStorageSecretStore implements SecretStore {
  constructor(
    private readonly safeStorage: SafeStorageApi,
    private readonly file: KeyValueFile,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  isAvailable(): boolean {
    if (!this.safeStorage.isEncryptionAvailable()) return false;
    // On Linux without a keyring Chromium falls back to 'basic_text': a key that is
    // hard-coded in Chromium, which is plaintext by another name.
    if (this.platform === 'linux') {
      const backend = this.safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') return false;
    }
    return true;
  }

  get(name: string): string | null {
    const blob = this.blobs().get(name);
    if (blob === undefined || !this.isAvailable()) return null;
    try {
      return this.safeStorage.decryptString(Buffer.from(blob, 'base64'));
    } catch (error) {
      // E.g. the OS keychain was reset: the secret must be entered again.
      console.error(`secret ${name} could not be decrypted:`, (error as Error).message);
      return null;
    }
  }

  set(name: string, value: string): void {
    if (!NAME.test(name)) throw new TypeError('Invalid secret name.');
    if (typeof value !== 'string') throw new TypeError('A secret must be a string.');
    if (!this.isAvailable()) {
      throw new Error('The operating system offers no secure storage here, so the secret was not saved.');
    }
    const blobs = this.blobs();
    blobs.set(name, this.safeStorage.encryptString(value).toString('base64'));
    this.write(blobs);
  }

  delete(name: string): void {
    const blobs = this.blobs();
    if (blobs.delete(name)) this.write(blobs);
  }

  /** The stored blobs; anything that is not a name → base64 string is ignored. */
  private blobs(): Map<string, string> {
    const raw = this.file.get(BLOBS_KEY);
    const blobs = new Map<string, string>();
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return blobs;
    for (const [name, blob] of Object.entries(raw)) {
      if (NAME.test(name) && typeof blob === 'string') blobs.set(name, blob);
    }
    return blobs;
  }

  private write(blobs: Map<string, string>): void {
    this.file.set(BLOBS_KEY, Object.fromEntries(blobs));
  }
}
