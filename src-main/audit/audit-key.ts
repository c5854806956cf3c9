import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStore } from '../app/secrets';
import { PRIVATE_FILE_MODE } from '../shared/private-files';

/** SecretStore name of the key for the audit trail's keyed hashes. */
export const AUDIT_KEY_SECRET = 'audit_hash_key';
const KEY_FILE = 'audit-hash.key';

export type AuditHasher = (value: string) => string;

/**
 * The audit trail keeps no CPR number, only its mask and a keyed hash (HMAC-SHA256),
 * so two entries can be compared ("the same number as before?") without storing
 * either. The key lives in the secret store: the OS keychain in the app, the
 * environment (CASEWORKER_SECRET_AUDIT_HASH_KEY) in the CLI and the browser
 * transport. Where neither holds one and the store cannot keep a new one, a
 * random key is kept in a 0600 file in the data folder, so hashes stay
 * comparable across runs (weaker: whoever can read the folder can read the key).
 * The key is read at the first hash, not at start-up.
 */
export function auditHasher(secrets: SecretStore, dataDir: string): AuditHasher {
  let key: Buffer | null = null;
  const load = (): Buffer => {
    const stored = secrets.get(AUDIT_KEY_SECRET);
    if (stored) return Buffer.from(stored, 'base64url');
    const file = join(dataDir, KEY_FILE);
    if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
    const fresh = randomBytes(32).toString('base64url');
    try {
      if (!secrets.isAvailable()) throw new Error('no secure storage');
      secrets.set(AUDIT_KEY_SECRET, fresh);
      return Buffer.from(fresh, 'base64url');
    } catch {
      // No secret store that keeps it: the key file.
    }
    try {
      writeFileSync(file, `${fresh}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    } catch (error) {
      // Another process (the CLI beside the app) made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
      // Nowhere to keep it: hashes of this run compare only with each other, but the audit entry is still written.
      console.error('the audit key could not be stored; hashes of this run are not comparable with later ones:', (error as Error).message);
    }
    return Buffer.from(fresh, 'base64url');
  };
  return (value) => {
    key ??= load();
    return createHmac('sha256', key).update(value, 'utf8').digest('base64url').slice(0, 22);
  };
}
