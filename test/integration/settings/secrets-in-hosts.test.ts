// saveMitidSettings with a client secret in the hosts whose secrets come from
// the environment (web, CLI): it used to fail as "internal". Now a new secret is
// refused as a field error naming the variable to set, nothing is saved, and
// the secret the environment already holds works.
import { describe, expect, it } from 'vitest';
import { openApp } from '../../../src-main/app/open-app';
import { EnvSecretStore } from '../../../src-main/app/secrets';
import { MemorySettingsStore } from '../../../src-main/app/settings';
import type { MitidSetupView, Result } from '../../../src-main/contract';
import { demo, useTestApps, value } from '../helpers/test-app';

const { tempDir } = useTestApps();

const SETTINGS = {
  domain: 'kommune.idura.broker',
  clientId: 'urn:my:client',
  acr: 'urn:grn:authn:dk:mitid:substantial',
  askForCpr: true,
  priceOre: 100,
  message: '',
  action: 'login',
  timeoutSeconds: 300,
} as const;

describe.each(['web', 'cli'] as const)('saveMitidSettings in the %s host', (transport) => {
  const openWith = (env: NodeJS.ProcessEnv) => {
    const app = openApp({ dataDir: tempDir(), settings: new MemorySettingsStore(), secrets: new EnvSecretStore(env), transport });
    return { app, session: demo(app).adminSession() };
  };

  it('refuses a new client secret clearly, naming the variable, and saves nothing', async () => {
    const { app, session } = openWith({});
    const result = (await app.dispatch('saveMitidSettings', { ...SETTINGS, clientSecret: 'a-new-secret' }, session)) as Result<MitidSetupView>;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation_failed');
    expect(result.error.fieldErrors).toEqual([
      { field: 'mitid_client_secret', key: 'secret_from_environment', params: { variable: 'CASEWORKER_SECRET_MITID_CLIENT_SECRET' } },
    ]);
    expect(result.error.message).not.toContain('a-new-secret');
    const setup = value((await app.dispatch('getMitidSetup', {}, session)) as Result<MitidSetupView>);
    expect(setup.settings.domain).toBe('');
    expect(setup.clientSecretSet).toBe(false);
    await app.close();
  });

  it('accepts the secret the environment holds, and the settings without a secret', async () => {
    const { app, session } = openWith({ CASEWORKER_SECRET_MITID_CLIENT_SECRET: 'from-the-environment' });
    const same = value((await app.dispatch('saveMitidSettings', { ...SETTINGS, clientSecret: 'from-the-environment' }, session)) as Result<MitidSetupView>);
    expect(same.clientSecretSet).toBe(true);
    expect(same.settings.domain).toBe('kommune.idura.broker');
    const without = value((await app.dispatch('saveMitidSettings', { ...SETTINGS, clientId: 'urn:other' }, session)) as Result<MitidSetupView>);
    expect(without.settings.clientId).toBe('urn:other');
    await app.close();
  });

  it('removing a secret that is not set is no change and succeeds', async () => {
    const { app, session } = openWith({});
    const result = (await app.dispatch('saveMitidSettings', { ...SETTINGS, clientSecret: null }, session)) as Result<MitidSetupView>;
    expect(result.ok).toBe(true);
    await app.close();
  });
});
