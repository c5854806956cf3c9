import { expect, it } from 'vitest';
import type { SecretStore } from '../../../src-main/app/secrets';
import { SigningService } from '../../../src-main/signing/signing-service';
import { signaturesCredentials } from '../../../src-main/signing/signing-settings';
import { demo, useTestApps } from '../helpers/test-app';

const apps = useTestApps();

class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  get = (name: string) => this.values.get(name) ?? null;
  set = (name: string, value: string) => void this.values.set(name, value);
  delete = (name: string) => void this.values.delete(name);
  isAvailable = () => true;
}

it('keeps the client secret in the SecretStore, never in SQLite, and uses it for calls', () => {
  const app = apps.open();
  const s = app.services;
  const secrets = new MemorySecrets();
  const service = new SigningService(s.db, s.clock, s.integrationSettings, secrets, s.signingWorker);
  const admin = demo(app).admin.id;

  // Defaults: the sandbox, 8 DKK, its published test secret.
  const initial = service.settingsView();
  expect(initial).toMatchObject({ endpoint: 'http://127.0.0.1:4020/v1/graphql', priceOre: 800, usingSandbox: true, hasSecret: false });
  expect(signaturesCredentials(s.integrationSettings, secrets)?.clientSecret).toBe('sandbox-secret');

  const saved = service.saveSettings(
    { endpoint: 'https://signatures.idura.app/v1/graphql', clientId: 'urn:my:application:abc', priceOre: 790, expiresInDays: 14, acrValue: 'urn:grn:authn:dk:mitid:substantial', clientSecret: 'top-secret-value' },
    admin,
  );
  expect(saved).toMatchObject({ hasSecret: true, usingSandbox: false, priceOre: 790 });
  expect(secrets.values.get('signatures.clientSecret')).toBe('top-secret-value');
  const dump = JSON.stringify(s.db.prepare('SELECT * FROM integration_settings').all()) + JSON.stringify(s.db.prepare('SELECT * FROM audit_log').all());
  expect(dump).not.toContain('top-secret-value');
  expect(signaturesCredentials(s.integrationSettings, secrets)).toEqual({
    endpoint: 'https://signatures.idura.app/v1/graphql',
    clientId: 'urn:my:application:abc',
    clientSecret: 'top-secret-value',
  });

  // Omitting the secret keeps it; an empty one removes it, and a real endpoint then has no credentials.
  service.saveSettings({ endpoint: 'https://signatures.idura.app/v1/graphql', clientId: 'urn:my:application:abc', priceOre: 800, expiresInDays: 14, acrValue: 'urn:grn:authn:dk:mitid:high' }, admin);
  expect(secrets.values.has('signatures.clientSecret')).toBe(true);
  service.saveSettings({ endpoint: 'https://signatures.idura.app/v1/graphql', clientId: 'urn:my:application:abc', priceOre: 800, expiresInDays: 14, acrValue: 'urn:grn:authn:dk:mitid:high', clientSecret: '' }, admin);
  expect(service.settingsView().hasSecret).toBe(false);
  expect(signaturesCredentials(s.integrationSettings, secrets)).toBeNull();
});
