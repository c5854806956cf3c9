// Every setting is checked when saved: service addresses are https (http only
// to this computer in sandbox mode), certificate files exist and open with the
// password, months are real months; the error names the field.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../src-main/app/open-app';
import { EnvSecretStore } from '../../../src-main/app/secrets';
import { MemorySettingsStore } from '../../../src-main/app/settings';
import { methodInputs, type Result } from '../../../src-main/contract';
import { checkCertificateFile, checkHostOrUrl, checkMonth, checkServiceUrl } from '../../../src-main/integration-settings/setting-checks';
import { demo, useTestApps } from '../helpers/test-app';

const { open } = useTestApps();

const refusedField = (result: Result<unknown>): string[] | null =>
  result.ok || result.error.code !== 'validation_failed' ? null : (result.error.fieldErrors ?? []).map((f) => `${f.field}:${f.key}`);

describe('service addresses', () => {
  it.each([
    ['https://signatures.idura.app/v1/graphql', false, null],
    ['http://127.0.0.1:4020/v1/graphql', true, null],
    ['http://localhost:4010', true, null],
    ['http://127.0.0.1:4020/v1/graphql', false, 'setting_https_required'],
    ['http://signatures.idura.app/v1/graphql', true, 'setting_https_required'],
    ['ftp://example.dk', true, 'setting_url_invalid'],
    ['bare words', true, 'setting_url_invalid'],
    ['', true, 'setting_url_invalid'],
  ])('%s (sandbox %s) → %s', (url, sandbox, key) => {
    expect(checkServiceUrl('endpoint', url, { sandbox })?.key ?? null).toBe(key);
  });

  it('a MitID domain may be a bare host name (meaning https) or empty (the sandbox)', () => {
    expect(checkHostOrUrl('d', 'kommune.idura.broker', { sandbox: false, optional: true })).toBeNull();
    expect(checkHostOrUrl('d', '', { sandbox: false, optional: true })).toBeNull();
    expect(checkHostOrUrl('d', 'http://kommune.idura.broker', { sandbox: true, optional: true })?.key).toBe('setting_https_required');
  });
});

describe('months', () => {
  it.each([
    ['2026-01', null],
    ['2026-12', null],
    ['2026-13', 'setting_month_invalid'],
    ['2026-00', 'setting_month_invalid'],
    ['2026-1', 'setting_month_invalid'],
    ['januar', 'setting_month_invalid'],
  ])('%s → %s', (month, key) => {
    expect(checkMonth('fromMonth', month)?.key ?? null).toBe(key);
  });
});

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasOpenssl)('certificate files (made by openssl)', () => {
  let dir: string;
  beforeAll(() => {
    // Kept for the whole block (tempDir() folders go after each test).
    dir = mkdtempSync(join(tmpdir(), 'caseworker-certs-'));
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '2', '-subj', '/CN=Kommune test');
    run('pkcs12', '-export', '-inkey', 'key.pem', '-in', 'cert.pem', '-out', 'modern.p12', '-passout', 'pass:hemmelig');
    run('pkcs12', '-export', '-legacy', '-inkey', 'key.pem', '-in', 'cert.pem', '-out', 'legacy.p12', '-passout', 'pass:hemmelig');
    run('pkcs12', '-export', '-nokeys', '-in', 'cert.pem', '-out', 'nokey.p12', '-passout', 'pass:hemmelig');
    run('pkey', '-in', 'key.pem', '-aes256', '-out', 'enc-key.pem', '-passout', 'pass:hemmelig');
    writeFileSync(join(dir, 'bundle.pem'), readFileSync(join(dir, 'cert.pem'), 'utf8') + readFileSync(join(dir, 'enc-key.pem'), 'utf8'));
    writeFileSync(join(dir, 'garbage.p12'), 'not a certificate at all');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['modern.p12', 'hemmelig', null],
    ['legacy.p12', 'hemmelig', null],
    ['bundle.pem', 'hemmelig', null],
    ['modern.p12', 'forkert', 'setting_certificate_password'],
    ['legacy.p12', '', 'setting_certificate_password'],
    ['bundle.pem', 'forkert', 'setting_certificate_password'],
    ['nokey.p12', 'hemmelig', 'setting_certificate_unreadable'],
    ['cert.pem', '', 'setting_certificate_unreadable'],
    ['garbage.p12', 'hemmelig', 'setting_certificate_unreadable'],
    ['missing.p12', 'hemmelig', 'setting_certificate_missing'],
    ['.', 'hemmelig', 'setting_certificate_missing'],
  ])('%s with password "%s" → %s', (file, password, key) => {
    expect(checkCertificateFile('certificatePath', join(dir, file), password)?.key ?? null).toBe(key);
  });
});

describe('saving settings through the contract', () => {
  const MITID = { clientId: 'urn:my:client', acr: 'urn:grn:authn:dk:mitid:substantial', askForCpr: true, priceOre: 100, message: '', action: 'login', timeoutSeconds: 300 };
  const SIGNATURES = { clientId: 'urn:my:application:abc', priceOre: 790, expiresInDays: 14, acrValue: 'urn:grn:authn:dk:mitid:substantial' };


  it('MitID: a plain-http or non-web address is refused naming the field; https, a host name and the local sandbox are saved', async () => {
    const app = open();
    const session = demo(app).adminSession();
    const save = (domain: string) => app.dispatch('saveMitidSettings', { ...MITID, domain }, session) as Promise<Result<unknown>>;
    expect(refusedField(await save('http://kommune.idura.broker'))).toEqual(['mitid_domain:setting_https_required']);
    expect(refusedField(await save('ftp://kommune.idura.broker'))).toEqual(['mitid_domain:setting_url_invalid']);
    for (const ok of ['kommune.idura.broker', 'https://kommune.idura.broker', 'http://127.0.0.1:4010', '']) expect((await save(ok)).ok, ok).toBe(true);
  });

  it('Signatures: an http endpoint elsewhere than this computer is refused naming the field', async () => {
    const app = open();
    const session = demo(app).adminSession();
    const save = (endpoint: string) => app.dispatch('saveSignaturesSettings', { ...SIGNATURES, endpoint }, session) as Promise<Result<unknown>>;
    expect(refusedField(await save('http://signatures.idura.app/v1/graphql'))).toEqual(['signatures_endpoint:setting_https_required']);
    expect(refusedField(await save('signatures.idura.app'))).toEqual(['signatures_endpoint:setting_url_invalid']);
    expect((await save('https://signatures.idura.app/v1/graphql')).ok).toBe(true);
  });

  it('the cost overview refuses a month that does not exist, naming the field', async () => {
    const app = open();
    const session = demo(app).adminSession();
    const result = (await app.dispatch('getCostOverview', { fromMonth: '2026-13' }, session)) as Result<unknown>;
    expect(refusedField(result)).toEqual(['fromMonth:setting_month_invalid']);
    expect(((await app.dispatch('getCostOverview', { fromMonth: '2026-01', toMonth: '2026-12' }, session)) as Result<unknown>).ok).toBe(true);
  });
});

describe.skipIf(!hasOpenssl)('Digital Post: the certificate file is opened when the settings are saved', () => {
  it('a missing file or a wrong password is refused naming the field; the right one (given or stored) is saved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caseworker-dp-cert-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '2', '-subj', '/CN=System'], { cwd: dir, stdio: 'pipe' });
      execFileSync('openssl', ['pkcs12', '-export', '-inkey', 'key.pem', '-in', 'cert.pem', '-out', 'system.p12', '-passout', 'pass:hemmelig'], { cwd: dir, stdio: 'pipe' });
      const app = openApp({
        dataDir: join(dir, 'data'),
        settings: new MemorySettingsStore(),
        secrets: new EnvSecretStore({ CASEWORKER_SECRET_DIGITAL_POST_CERTIFICATE_PASSWORD: 'hemmelig' }),
        transport: 'web',
      });
      try {
        const session = demo(app).adminSession();
        const view = (await app.dispatch('getDigitalPostSettings', {}, session)) as Result<Record<string, unknown>>;
        if (!view.ok) throw new Error('no settings view');
        // Every input the contract takes, from what the view shows (the form does the same).
        const keys = Object.keys(methodInputs.saveDigitalPostSettings.shape).filter((k) => k in view.value);
        const base = { ...Object.fromEntries(keys.map((k) => [k, view.value[k]])), transport: 'ngdp', endpoint: 'https://api.digitalpost.dk', senderCvr: '12345678' };
        const save = (extra: Record<string, unknown>) => app.dispatch('saveDigitalPostSettings', { ...base, ...extra }, session) as Promise<Result<unknown>>;
        expect(refusedField(await save({ certificatePath: join(dir, 'missing.p12') }))).toEqual(['certificatePath:setting_certificate_missing']);
        expect(refusedField(await save({ certificatePath: join(dir, 'cert.pem') }))).toEqual(['certificatePath:setting_certificate_unreadable']);
        expect(refusedField(await save({ certificatePath: join(dir, 'system.p12'), certificatePassword: 'forkert' }))).toEqual([
          'certificatePath:setting_certificate_password',
        ]);
        // The password the environment holds opens it.
        expect((await save({ certificatePath: join(dir, 'system.p12') })).ok).toBe(true);
      } finally {
        await app.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
