import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import forge from 'node-forge';
import type { SecretStore } from '../../app/secrets';
import { CERTIFICATE_PASSWORD_SECRET, type DigitalPostSettings } from '../settings';
import { EboksTransport } from './eboks-transport';
import { NgdpTransport } from './ngdp-transport';
import type { ConnectionCheck, DigitalPostTransport } from './transport';

/** Mutual-TLS client certificate: the PKCS#12 as it is, or PEM when OpenSSL cannot read its legacy ciphers. */
export type ClientCertificate = { pfx: Buffer; passphrase: string } | { key: string; cert: string };

export class TransportSettingsError extends Error {
  constructor(
    readonly problem: 'certificate' | 'settings',
    message: string,
  ) {
    super(message);
  }
}

/** The transport the settings choose; throws TransportSettingsError (plain words) when they are incomplete. */
export function createTransport(settings: DigitalPostSettings, secrets: SecretStore, sandboxUrl?: string): DigitalPostTransport {
  const concurrency = { maxSockets: Math.max(4, settings.concurrency * 2), timeoutMs: settings.requestTimeoutSeconds * 1000 };
  if (settings.transport === 'sandbox') {
    // Only the sandbox this app started (or one named explicitly): never whatever holds port 4030.
    const baseUrl = settings.endpoint || sandboxUrl;
    if (!baseUrl) throw new TransportSettingsError('settings', 'The Digital Post sandbox is not running here (the CLI needs --sandbox-url).');
    return new NgdpTransport({ baseUrl, kind: 'sandbox', ...concurrency });
  }
  const cert = loadCertificate(settings, secrets);
  if (settings.transport === 'eboks') {
    if (!settings.eboksHost || !settings.eboksSystemId) throw new TransportSettingsError('settings', 'Enter the e-Boks host and dispatch system id.');
    return new EboksTransport({ host: settings.eboksHost, systemId: settings.eboksSystemId, contentTypeId: settings.eboksContentTypeId, timeoutMs: settings.requestTimeoutSeconds * 1000, ...cert });
  }
  if (!/^https:\/\//.test(settings.endpoint)) {
    throw new TransportSettingsError('settings', 'Enter the NgDP address, e.g. https://api.test.digitalpost.dk/apis/v1 (https only).');
  }
  return new NgdpTransport({ baseUrl: settings.endpoint, systemUuid: settings.systemUuid, ...cert, ...concurrency });
}

function loadCertificate(settings: DigitalPostSettings, secrets: SecretStore): ClientCertificate {
  if (!settings.certificatePath) throw new TransportSettingsError('certificate', 'Choose the system certificate file (.p12 or .pfx).');
  let pfx: Buffer;
  try {
    pfx = readFileSync(settings.certificatePath);
  } catch {
    throw new TransportSettingsError('certificate', 'The system certificate file cannot be read. Check that the file exists and the app may read it.');
  }
  const passphrase = secrets.get(CERTIFICATE_PASSWORD_SECRET) ?? '';
  try {
    createSecureContext({ pfx, passphrase });
    return { pfx, passphrase };
  } catch (error) {
    const msg = (error as Error).message;
    if (/mac verify|password|decrypt/i.test(msg)) {
      throw new TransportSettingsError('certificate', 'The certificate password is wrong (the certificate file could not be opened with it).');
    }
    // OpenSSL 3 refuses the legacy ciphers (RC2, 3DES) many exported system
    // certificates still use; node-forge reads them, and we hand over PEM instead.
    return legacyP12ToPem(pfx, passphrase);
  }
}

function legacyP12ToPem(pfx: Buffer, passphrase: string): ClientCertificate {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(pfx.toString('binary')), passphrase);
  } catch (error) {
    if (/password/i.test((error as Error).message)) {
      throw new TransportSettingsError('certificate', 'The certificate password is wrong (the certificate file could not be opened with it).');
    }
    throw new TransportSettingsError('certificate', 'The certificate file is not a valid PKCS#12 (.p12/.pfx) certificate.');
  }
  const oids = forge.pki.oids as Record<string, string>;
  const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const keyBag = [...bags(oids.pkcs8ShroudedKeyBag ?? ''), ...bags(oids.keyBag ?? '')][0];
  const certs = bags(oids.certBag ?? '').flatMap((b) => (b.cert ? [b.cert] : []));
  if (!keyBag?.key || certs.length === 0) {
    throw new TransportSettingsError('certificate', 'The certificate file holds no private key or no certificate.');
  }
  return { key: forge.pki.privateKeyToPem(keyBag.key), cert: certs.map((c: forge.pki.Certificate) => forge.pki.certificateToPem(c)).join('') };
}

/** "Test connection": builds the transport and asks it, explaining settings problems too. */
export async function testConnection(settings: DigitalPostSettings, secrets: SecretStore, sandboxUrl?: string): Promise<ConnectionCheck> {
  let transport: DigitalPostTransport;
  try {
    transport = createTransport(settings, secrets, sandboxUrl);
  } catch (error) {
    if (error instanceof TransportSettingsError) return { ok: false, problem: error.problem, detail: error.message };
    throw error;
  }
  try {
    return await transport.testConnection();
  } finally {
    transport.close();
  }
}
