import { readFileSync } from 'node:fs';
import https from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EnvSecretStore } from '../../../src-main/app/secrets';
import { digitalPostSettingsSchema } from '../../../src-main/digital-post/settings';
import { testConnection } from '../../../src-main/digital-post/transport/create-transport';
import { NgdpTransport } from '../../../src-main/digital-post/transport/ngdp-transport';
import { startDigitalPostSandbox, type RunningDigitalPostSandbox } from '../../../src-main/sandbox/digital-post/digital-post-simulator';
import { foreignClientP12 } from '../../../src-main/sandbox/digital-post/sandbox-pki';

// Ground truth: the real ErrorMessage DTO from the NgDP 1.68.0 OpenAPI.
const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../shared/reference/ngdp/ngdp-1.68.0.schema.json'), 'utf8')) as { $id: string };
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(schema);
const errorMessage = ajv.compile({ type: 'object', $ref: `${schema.$id}#/$defs/ErrorMessage`, unevaluatedProperties: false });

const dir = mkdtempSync(join(tmpdir(), 'caseworker-dp-pki-'));
let sim: RunningDigitalPostSandbox;
beforeAll(async () => {
  sim = await startDigitalPostSandbox({ port: 0, strict: { pkiDir: dir } });
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const transports: NgdpTransport[] = [];
afterEach(() => transports.splice(0).forEach((t) => t.close()));

/** The app's own client certificate, the Basic value and the sandbox CA, as the sandbox made them. */
const own = () => ({
  pfx: readFileSync(sim.pki!.clientP12Path),
  passphrase: sim.pki!.clientP12Password,
  basicCredential: sim.pki!.basicCredential,
  ca: sim.pki!.caCertPem,
});
const foreign = foreignClientP12('x');

function get(path: string, tls: { pfx?: Buffer; passphrase?: string }, authorization?: string): Promise<{ status: number; body: unknown }> {
  return new Promise((ok, fail) => {
    const req = https.request(`${sim.apiUrl}/${path}`, { ca: sim.pki!.caCertPem, ...tls, agent: false, headers: authorization ? { authorization } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
    });
    req.on('error', fail);
    req.end();
  });
}
const basic = (v: string) => `Basic ${Buffer.from(v).toString('base64')}`;
const transport = (o: ConstructorParameters<typeof NgdpTransport>[0]) => {
  const t = new NgdpTransport(o);
  transports.push(t);
  return t;
};

describe('strict Digital Post sandbox', () => {
  it('serves the API over HTTPS only, with a server certificate from its own CA', async () => {
    expect(sim.apiUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/apis\/v1$/);
    const plain = await fetch(`${sim.url}/apis/v1/receipts/?page=0&size=1`);
    expect(plain.status).toBe(403);
    expect(errorMessage(await plain.json())).toBe(true);
    // The mailbox page stays reachable over plain HTTP on the same port.
    expect((await fetch(`${sim.url}/mailbox`)).status).toBe(200);
  });

  it('refuses a missing client certificate with the real 403 ErrorMessage shape', async () => {
    const r = await get('receipts/?page=0&size=1', {}, basic(sim.pki!.basicCredential));
    expect(r.status).toBe(403);
    expect(errorMessage(r.body), JSON.stringify(errorMessage.errors)).toBe(true);
    expect(r.body).toMatchObject({ code: 'certificate.missing' });
  });

  it('refuses a client certificate from another CA with 403', async () => {
    const r = await get('receipts/?page=0&size=1', { pfx: foreign, passphrase: 'x' }, basic(sim.pki!.basicCredential));
    expect(r.status).toBe(403);
    expect(errorMessage(r.body)).toBe(true);
    expect(r.body).toMatchObject({ code: 'certificate.untrusted' });
  });

  it('refuses a wrong or missing Basic value with the real 401 ErrorMessage shape', async () => {
    const { pfx, passphrase } = own();
    const wrong = await get('receipts/?page=0&size=1', { pfx, passphrase }, basic(`${crypto.randomUUID()}:${crypto.randomUUID()}`));
    expect(wrong.status).toBe(401);
    expect(errorMessage(wrong.body)).toBe(true);
    const missing = await get('receipts/?page=0&size=1', { pfx, passphrase });
    expect(missing.status).toBe(401);
    expect(errorMessage(missing.body)).toBe(true);
    expect((await get('receipts/?page=0&size=1', { pfx, passphrase }, basic(sim.pki!.basicCredential))).status).toBe(200);
  });

  it('keeps its CA and the app\'s certificate across restarts (made on first start only)', async () => {
    const again = await startDigitalPostSandbox({ port: 0, strict: { pkiDir: dir } });
    try {
      expect(again.pki).toMatchObject({ caCertPem: sim.pki!.caCertPem, basicCredential: sim.pki!.basicCredential, clientP12Password: sim.pki!.clientP12Password });
    } finally {
      await again.close();
    }
  });
});

describe('"Test connection" names the cause in Danish', () => {
  const base = () => sim.apiUrl;

  it('succeeds with the certificate and Basic value the sandbox made', async () => {
    expect(await transport({ baseUrl: base(), ...own() }).testConnection('da')).toMatchObject({ ok: true, cause: 'ok' });
  });

  it('the app\'s default sandbox settings use the PKCS#12 and Basic value the sandbox made', async () => {
    const sandboxClient = { p12Path: sim.pki!.clientP12Path, p12Password: sim.pki!.clientP12Password, basicCredential: sim.pki!.basicCredential, caCertPem: sim.pki!.caCertPem };
    const settings = digitalPostSettingsSchema.parse({});
    const secrets = new EnvSecretStore({});
    expect(await testConnection(settings, secrets, sim.apiUrl, { sandboxClient }, 'da')).toMatchObject({ ok: true, detail: expect.stringContaining('svarede korrekt') });
    // Without them the strict sandbox refuses, and the cause is named.
    const without = await testConnection(settings, secrets, sim.apiUrl, {}, 'da');
    expect(without).toMatchObject({ ok: false, problem: 'certificate' });
  });

  it('no client certificate', async () => {
    const { basicCredential, ca } = own();
    const r = await transport({ baseUrl: base(), basicCredential, ca }).testConnection('da');
    expect(r).toMatchObject({ ok: false, problem: 'certificate', cause: 'no_client_certificate' });
    expect(r.detail).toContain('kræver et klientcertifikat');
  });

  it('a certificate the access point refuses', async () => {
    const { basicCredential, ca } = own();
    const r = await transport({ baseUrl: base(), basicCredential, ca, pfx: foreign, passphrase: 'x' }).testConnection('da');
    expect(r).toMatchObject({ ok: false, problem: 'certificate', cause: 'certificate_refused' });
    expect(r.detail).toContain('afviste systemcertifikatet (HTTP 403)');
  });

  it('a wrong Basic value', async () => {
    const r = await transport({ baseUrl: base(), ...own(), basicCredential: `${crypto.randomUUID()}:${crypto.randomUUID()}` }).testConnection('da');
    expect(r).toMatchObject({ ok: false, problem: 'auth', cause: 'wrong_credential' });
    expect(r.detail).toContain('afviste Basic-værdien (HTTP 401)');
  });

  it('an address that answers 404', async () => {
    const r = await transport({ baseUrl: base().replace('/apis/v1', '/apis/v2'), ...own() }).testConnection('da');
    expect(r).toMatchObject({ ok: false, problem: 'server', cause: 'not_found' });
    expect(r.detail).toContain('HTTP 404 (ikke fundet)');
  });

  it('a server whose certificate is not trusted', async () => {
    const { ca: _ca, ...rest } = own();
    const r = await transport({ baseUrl: base(), ...rest }).testConnection('da');
    expect(r).toMatchObject({ ok: false, problem: 'certificate', cause: 'server_not_trusted' });
    expect(r.detail).toContain('Serverens certifikat er ikke betroet');
  });

  it('an unreachable address', async () => {
    const other = await startDigitalPostSandbox({ port: 0 });
    const url = other.apiUrl.replace('http:', 'https:');
    await other.close();
    const r = await transport({ baseUrl: url, ...own() }).testConnection('da');
    expect(r).toMatchObject({ ok: false, problem: 'network', cause: 'unreachable' });
    expect(r.detail).toContain('Kunne ikke nå');
  });
});
