// "Test forbindelsen" for MitID and Signatures tests the values in the form,
// not the saved settings: against the real sandboxes over HTTP, a wrong secret
// in the form fails while the saved one is right, and the other way round; an
// empty secret field means the stored secret. Each failure is named in Danish.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../src-main/app/open-app';
import { EnvSecretStore, secretVariable } from '../../../src-main/app/secrets';
import { MemorySettingsStore } from '../../../src-main/app/settings';
import type { ConnectionCheckView, Result } from '../../../src-main/contract';
import { MITID_SECRET_NAME, MITID_SETTINGS_KEY, mitidSettingsSchema } from '../../../src-main/mitid/mitid-settings';
import { SANDBOX_CLIENT_ID as MITID_SANDBOX_CLIENT, startMitidSandbox, type RunningMitidSandbox } from '../../../src-main/sandbox/mitid/mitid-sandbox';
import { createSignaturesSimulator, type RunningSignaturesSandbox } from '../../../src-main/sandbox/signatures/signatures-simulator';
import { SIGNATURES_SECRET_NAME, SIGNATURES_SETTINGS_KEY, signaturesSettingsSchema } from '../../../src-main/signing/signing-settings';
import { demo } from '../helpers/test-app';

const RIGHT = 'the-right-client-secret-of-the-municipality';
const WRONG = 'a-mistyped-client-secret';

let mitid: RunningMitidSandbox;
let signatures: RunningSignaturesSandbox;
/** Answers every request with a web page: a server that is neither Idura service. */
let notIdura: Server;
let notIduraUrl: string;
beforeAll(async () => {
  mitid = await startMitidSandbox({
    port: 0,
    clients: [
      { clientId: MITID_SANDBOX_CLIENT, redirectUris: ['http://127.0.0.1/callback'] },
      { clientId: 'kommune-app', clientSecret: RIGHT, redirectUris: ['http://127.0.0.1/callback'] },
    ],
  });
  signatures = await createSignaturesSimulator({ credentials: [{ clientId: 'kommune-signatures', clientSecret: RIGHT }] }).start({ port: 0 });
  notIdura = createServer((_req, res) => res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Intranet</h1>'));
  await new Promise<void>((resolve) => notIdura.listen(0, '127.0.0.1', resolve));
  notIduraUrl = `http://127.0.0.1:${(notIdura.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await mitid.close();
  await signatures.close();
  await new Promise((resolve) => notIdura.close(resolve));
});

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** An app whose saved settings point at the sandboxes, with `storedSecret` in its secret store. */
function appWithSaved(storedSecret: string) {
  const dir = mkdtempSync(join(tmpdir(), 'caseworker-conntest-'));
  const app = openApp({
    dataDir: dir,
    settings: new MemorySettingsStore({ language: 'da' }),
    secrets: new EnvSecretStore({ [secretVariable(MITID_SECRET_NAME)]: storedSecret, [secretVariable(SIGNATURES_SECRET_NAME)]: storedSecret }),
    transport: 'cli',
  });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => app.close());
  const s = app.services.integrationSettings;
  s.write(MITID_SETTINGS_KEY, mitidSettingsSchema, { ...s.read(MITID_SETTINGS_KEY, mitidSettingsSchema), domain: mitid.issuer, clientId: 'kommune-app' });
  s.write(SIGNATURES_SETTINGS_KEY, signaturesSettingsSchema, { ...s.read(SIGNATURES_SETTINGS_KEY, signaturesSettingsSchema), endpoint: signatures.url, clientId: 'kommune-signatures' });
  const session = demo(app).adminSession();
  const test = async (method: 'testMitidConnection' | 'testSignaturesConnection', input: Record<string, string>): Promise<ConnectionCheckView> => {
    const result = (await app.dispatch(method, input, session)) as Result<ConnectionCheckView>;
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  return { app, test };
}

describe('Test forbindelsen for MitID tests the form', () => {
  it('a wrong secret in the form fails although the saved one is right; an empty field uses the saved one', async () => {
    const { test } = appWithSaved(RIGHT);
    const wrong = await test('testMitidConnection', { domain: mitid.issuer, clientId: 'kommune-app', clientSecret: WRONG });
    expect(wrong).toMatchObject({ ok: false, problem: 'auth' });
    expect(wrong.detail).toMatch(/afviste klient-id'et "kommune-app" eller hemmeligheden/);
    const stored = await test('testMitidConnection', { domain: mitid.issuer, clientId: 'kommune-app', clientSecret: '' });
    expect(stored).toMatchObject({ ok: true, problem: null });
    expect(stored.detail).toMatch(/^Forbindelsen virker/);
  });

  it('the right secret in the form works although the saved one is wrong', async () => {
    const { test } = appWithSaved(WRONG);
    expect(await test('testMitidConnection', { domain: mitid.issuer, clientId: 'kommune-app', clientSecret: RIGHT })).toMatchObject({ ok: true });
    expect(await test('testMitidConnection', { domain: mitid.issuer, clientId: 'kommune-app' })).toMatchObject({ ok: false, problem: 'auth' });
  });

  it('names a wrong client id, a wrong domain and an unreachable one', async () => {
    const { test } = appWithSaved(RIGHT);
    const client = await test('testMitidConnection', { domain: mitid.issuer, clientId: 'ukendt-klient', clientSecret: RIGHT });
    expect(client.detail).toMatch(/afviste klient-id'et "ukendt-klient"/);
    const domain = await test('testMitidConnection', { domain: notIduraUrl, clientId: 'kommune-app', clientSecret: RIGHT });
    expect(domain).toMatchObject({ ok: false, problem: 'settings' });
    expect(domain.detail).toMatch(/ikke som et Idura-domæne .*Domænet er sandsynligvis forkert/);
    const closed = await closedPort();
    const unreachable = await test('testMitidConnection', { domain: closed, clientId: 'kommune-app', clientSecret: RIGHT });
    expect(unreachable).toMatchObject({ ok: false, problem: 'network' });
    expect(unreachable.detail).toMatch(/^Kunne ikke nå .*ECONNREFUSED/);
    const plain = await test('testMitidConnection', { domain: 'http://kommune.idura.broker', clientId: 'kommune-app' });
    expect(plain.detail).toMatch(/skal bruge https/);
  });

  it('a public client (no secret anywhere) is checked by its client id', async () => {
    const { test } = appWithSaved('');
    expect(await test('testMitidConnection', { domain: mitid.issuer, clientId: MITID_SANDBOX_CLIENT })).toMatchObject({ ok: true });
  });
});

describe('Test forbindelsen for Signatures tests the form', () => {
  it('a wrong secret in the form fails although the saved one is right; an empty field uses the saved one', async () => {
    const { test } = appWithSaved(RIGHT);
    const wrong = await test('testSignaturesConnection', { endpoint: signatures.url, clientId: 'kommune-signatures', clientSecret: WRONG });
    expect(wrong).toMatchObject({ ok: false, problem: 'auth' });
    expect(wrong.detail).toMatch(/Idura Signatures afviste klient-id'et "kommune-signatures" eller hemmeligheden \(HTTP 401\)/);
    expect(await test('testSignaturesConnection', { endpoint: signatures.url, clientId: 'kommune-signatures', clientSecret: '' })).toMatchObject({ ok: true });
  });

  it('the right secret in the form works although the saved one is wrong', async () => {
    const { test } = appWithSaved(WRONG);
    expect(await test('testSignaturesConnection', { endpoint: signatures.url, clientId: 'kommune-signatures', clientSecret: RIGHT })).toMatchObject({ ok: true });
    expect(await test('testSignaturesConnection', { endpoint: signatures.url, clientId: 'kommune-signatures' })).toMatchObject({ ok: false, problem: 'auth' });
  });

  it('names a wrong endpoint and an unreachable one', async () => {
    const { test } = appWithSaved(RIGHT);
    const endpoint = await test('testSignaturesConnection', { endpoint: `${notIduraUrl}/v1/graphql`, clientId: 'kommune-signatures', clientSecret: RIGHT });
    expect(endpoint).toMatchObject({ ok: false, problem: 'settings' });
    expect(endpoint.detail).toMatch(/ikke som Idura Signatures' GraphQL-adresse/);
    const unreachable = await test('testSignaturesConnection', { endpoint: `${await closedPort()}/v1/graphql`, clientId: 'kommune-signatures', clientSecret: RIGHT });
    expect(unreachable).toMatchObject({ ok: false, problem: 'network' });
  });
});

/** An address nothing listens on: a port taken and given back. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
