import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvSecretStore } from '../../../src-main/app/secrets';
import { digitalPostSettingsSchema } from '../../../src-main/digital-post/settings';
import { testConnection } from '../../../src-main/digital-post/transport/create-transport';
import { useSandboxes } from './dp-helpers';

const sandbox = useSandboxes();
const dir = mkdtempSync(join(tmpdir(), 'caseworker-cert-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A throwaway PKCS#12 system certificate protected by `password`. */
function makeP12(password: string): string {
  const keys = forge.pki.rsa.generateKeyPair(1024);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date();
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ name: 'commonName', value: 'Kommunen system' }]);
  cert.setIssuer([{ name: 'commonName', value: 'Kommunen system' }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password, { algorithm: '3des' });
  const file = join(dir, 'system.p12');
  writeFileSync(file, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
  return file;
}

const settings = (over: Record<string, unknown>) => digitalPostSettingsSchema.parse(over);
const secrets = (password: string) => new EnvSecretStore({ CASEWORKER_SECRET_DIGITAL_POST_CERTIFICATE_PASSWORD: password });

describe('"test connection" explains failures in plain words', () => {
  it('works against the sandbox', async () => {
    const sim = await sandbox();
    expect(await testConnection(settings({}), secrets(''), sim.apiUrl)).toMatchObject({ ok: true });
  });

  it('names a refused certificate/credentials as an access problem', async () => {
    const sim = await sandbox();
    sim.setFaults({ refuseAuth: true });
    const r = await testConnection(settings({}), secrets(''), sim.apiUrl);
    expect(r).toMatchObject({ ok: false, problem: 'auth' });
    if (!r.ok) expect(r.detail).toContain('Basic-værdi');
  });

  it('fails on HTTP 404 and on an answer that is not JSON, naming the cause', async () => {
    const sim = await sandbox();
    const notFound = await testConnection(settings({}), secrets(''), `${sim.url}/not/the/api`);
    expect(notFound).toMatchObject({ ok: false, problem: 'server', detail: expect.stringContaining('HTTP 404') });
    const page = await testConnection(settings({}), secrets(''), `${sim.url}/mailbox#`);
    expect(page).toMatchObject({ ok: false, problem: 'server' });
  });

  it('names an unreachable address as a network problem', async () => {
    const sim = await sandbox();
    const url = sim.apiUrl;
    await sim.close();
    const r = await testConnection(settings({}), secrets(''), url);
    expect(r).toMatchObject({ ok: false, problem: 'network' });
    if (!r.ok) expect(r.detail).toContain('Kunne ikke nå');
  });

  it('names a missing certificate, a wrong password and an http address before connecting', async () => {
    const file = makeP12('rigtig-kode');
    const missing = await testConnection(settings({ transport: 'ngdp', endpoint: 'https://api.test.digitalpost.dk/apis/v1' }), secrets(''));
    expect(missing).toMatchObject({ ok: false, problem: 'certificate' });
    const wrong = await testConnection(
      settings({ transport: 'ngdp', endpoint: 'https://api.test.digitalpost.dk/apis/v1', certificatePath: file }),
      secrets('forkert-kode'),
    );
    expect(wrong).toMatchObject({ ok: false, problem: 'certificate', detail: expect.stringContaining('adgangskode er forkert') });
    const http = await testConnection(settings({ transport: 'ngdp', endpoint: 'http://api.test.digitalpost.dk/apis/v1', certificatePath: file }), secrets('rigtig-kode'));
    expect(http).toMatchObject({ ok: false, problem: 'settings', detail: expect.stringContaining('kun https') });
    const noCredential = await testConnection(settings({ transport: 'ngdp', endpoint: 'https://api.test.digitalpost.dk/apis/v1', certificatePath: file }), secrets('rigtig-kode'));
    expect(noCredential).toMatchObject({ ok: false, problem: 'auth', detail: expect.stringContaining('Basic-værdi') });
    const badCredential = await testConnection(
      settings({ transport: 'ngdp', endpoint: 'https://api.test.digitalpost.dk/apis/v1', certificatePath: file }),
      new EnvSecretStore({ CASEWORKER_SECRET_DIGITAL_POST_CERTIFICATE_PASSWORD: 'rigtig-kode', CASEWORKER_SECRET_DIGITAL_POST_API_CREDENTIAL: 'e545b339-8542-4a30-ae75-c67e4d2a7b99' }),
    );
    expect(badCredential).toMatchObject({ ok: false, problem: 'auth', detail: expect.stringContaining('to UUID') });
  });
});
