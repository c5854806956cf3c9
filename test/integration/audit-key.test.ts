// The audit trail's keyed hash: the same number hashes the same across runs
// (the key is kept), differently under another key, and the key is kept in the
// secret store when it can be, else in a 0600 file in the data folder.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvSecretStore, type SecretStore } from '../../src-main/app/secrets';
import { auditHasher } from '../../src-main/audit/audit-key';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop() as string, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'caseworker-key-'));
  dirs.push(dir);
  return dir;
};

class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  get = (name: string) => this.values.get(name) ?? null;
  set = (name: string, value: string) => void this.values.set(name, value);
  delete = (name: string) => void this.values.delete(name);
  isAvailable = () => true;
}

describe('the audit hash key', () => {
  it('from the environment (CLI, web): the same value hashes the same, another key differently', () => {
    const dir = tempDir();
    const a = auditHasher(new EnvSecretStore({ CASEWORKER_SECRET_AUDIT_HASH_KEY: 'a'.repeat(43) }), dir);
    const b = auditHasher(new EnvSecretStore({ CASEWORKER_SECRET_AUDIT_HASH_KEY: 'a'.repeat(43) }), dir);
    const c = auditHasher(new EnvSecretStore({ CASEWORKER_SECRET_AUDIT_HASH_KEY: 'b'.repeat(43) }), dir);
    expect(a('0101901234')).toBe(b('0101901234'));
    expect(a('0101901234')).not.toBe(a('0101901235'));
    expect(a('0101901234')).not.toBe(c('0101901234'));
  });

  it('kept in the secret store when it can keep one (the app: the OS keychain)', () => {
    const secrets = new MemorySecrets();
    const first = auditHasher(secrets, tempDir())('0101901234');
    expect(secrets.values.get('audit_hash_key')).toMatch(/^[\w-]{43}$/);
    expect(auditHasher(secrets, tempDir())('0101901234')).toBe(first);
  });

  it('otherwise in a 0600 file in the data folder, so a later run hashes alike', () => {
    const dir = tempDir();
    const first = auditHasher(new EnvSecretStore({}), dir)('0101901234');
    if (process.platform !== 'win32') expect(statSync(join(dir, 'audit-hash.key')).mode & 0o777).toBe(0o600);
    expect(auditHasher(new EnvSecretStore({}), dir)('0101901234')).toBe(first);
  });
});
