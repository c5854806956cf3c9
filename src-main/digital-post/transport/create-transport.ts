import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import forge from 'node-forge';
import type { SecretStore } from '../../app/secrets';
import { API_CREDENTIAL_SECRET, CERTIFICATE_PASSWORD_SECRET, type DigitalPostSettings } from '../settings';
import { EboksTransport } from './eboks-transport';
import { normaliseBasicCredential } from './ngdp-credentials';
import { NgdpTransport } from './ngdp-transport';
import type { ConnectionCheck, DigitalPostTransport } from './transport';

/** Mutual-TLS client certificate: the PKCS#12 as it is, or PEM when OpenSSL cannot read its legacy ciphers. */
export type ClientCertificate = { pfx: Buffer; passphrase: string } | { key: string; cert: string };

/**
 * What the strict sandbox this app started made for it (in the data folder):
 * the app's PKCS#12 and its password, the Basic credential, and the sandbox CA
 * that signs the server certificate. The sandbox transport always uses these.
 */
export interface SandboxClient {
  p12Path: string;
  p12Password: string;
  basicCredential: string;
  caCertPem: string;
}

/** What the app knows beside the settings: its strict sandbox's client, the letters awaiting an e-Boks status. */
export interface TransportContext {
  sandboxClient?: SandboxClient | null;
  pendingMessageUuids?: () => string[];
}

/** A settings problem, in Danish (the message) and English. */
export class TransportSettingsError extends Error {
  constructor(
    readonly problem: 'certificate' | 'settings' | 'auth',
    message: string,
    readonly english: string = message,
  ) {
    super(message);
  }
}

/** The transport the settings choose; throws TransportSettingsError (plain words) when they are incomplete. */
export function createTransport(settings: DigitalPostSettings, secrets: SecretStore, sandboxUrl?: string, context: TransportContext = {}): DigitalPostTransport {
  const sandboxClient = context.sandboxClient;
  const concurrency = { maxSockets: Math.max(4, settings.concurrency * 2), timeoutMs: settings.requestTimeoutSeconds * 1000 };
  if (settings.transport === 'sandbox') {
    // Only the sandbox this app started (or one named explicitly): never whatever holds port 4030.
    const baseUrl = settings.endpoint || sandboxUrl;
    if (!baseUrl) throw new TransportSettingsError('settings', 'The Digital Post sandbox is not running here (the CLI needs --sandbox-url).');
    const tls = sandboxClient && baseUrl.startsWith('https:') ? sandboxTls(sandboxClient) : {};
    return new NgdpTransport({ baseUrl, kind: 'sandbox', ...concurrency, ...tls });
  }
  const cert = loadCertificate(settings, secrets);
  if (settings.transport === 'eboks') {
    if (!settings.eboksHost || !settings.eboksSystemId || !settings.eboksClientId) {
      throw new TransportSettingsError('settings', 'Angiv e-Boks-adressen, dispatch-system-id og klient-id.', 'Enter the e-Boks host, dispatch system id and client id.');
    }
    return new EboksTransport({
      host: settings.eboksHost,
      systemId: settings.eboksSystemId,
      clientId: settings.eboksClientId,
      contentTypeId: settings.eboksContentTypeId,
      timeoutMs: settings.requestTimeoutSeconds * 1000,
      ...(context.pendingMessageUuids ? { pendingMessageUuids: context.pendingMessageUuids } : {}),
      ...cert,
    });
  }
  if (!/^https:\/\//.test(settings.endpoint)) {
    throw new TransportSettingsError(
      'settings',
      'Angiv NgDP-adressen, fx https://api.test.digitalpost.dk/apis/v1 (kun https).',
      'Enter the NgDP address, e.g. https://api.test.digitalpost.dk/apis/v1 (https only).',
    );
  }
  return new NgdpTransport({ baseUrl: settings.endpoint, basicCredential: loadBasicCredential(secrets), ...cert, ...concurrency });
}

function sandboxTls(client: SandboxClient): { pfx: Buffer; passphrase: string; basicCredential: string; ca: string } {
  return { pfx: readFileSync(client.p12Path), passphrase: client.p12Password, basicCredential: client.basicCredential, ca: client.caCertPem };
}

function loadBasicCredential(secrets: SecretStore): string {
  const raw = secrets.get(API_CREDENTIAL_SECRET);
  if (!raw) {
    throw new TransportSettingsError(
      'auth',
      'Angiv systemets Basic-værdi (API-nøgle): to UUID\'er "uuidA:uuidB" fra afsendersystemets registrering.',
      'Enter the system\'s Basic value (API credential): two UUIDs "uuidA:uuidB" from the sender system\'s registration.',
    );
  }
  const credential = normaliseBasicCredential(raw);
  if (!credential) {
    throw new TransportSettingsError('auth', 'Basic-værdien skal være to UUID\'er adskilt af kolon: "uuidA:uuidB".', 'The Basic value must be two UUIDs separated by a colon: "uuidA:uuidB".');
  }
  return credential;
}

const WRONG_PASSWORD = ['Certifikatets adgangskode er forkert (certifikatfilen kunne ikke åbnes med den).', 'The certificate password is wrong (the certificate file could not be opened with it).'] as const;

function loadCertificate(settings: DigitalPostSettings, secrets: SecretStore): ClientCertificate {
  if (!settings.certificatePath) {
    throw new TransportSettingsError('certificate', 'Vælg systemcertifikatets fil (.p12 eller .pfx).', 'Choose the system certificate file (.p12 or .pfx).');
  }
  let pfx: Buffer;
  try {
    pfx = readFileSync(settings.certificatePath);
  } catch {
    throw new TransportSettingsError(
      'certificate',
      'Systemcertifikatets fil kan ikke læses. Kontrollér at filen findes, og at appen må læse den.',
      'The system certificate file cannot be read. Check that the file exists and the app may read it.',
    );
  }
  const passphrase = secrets.get(CERTIFICATE_PASSWORD_SECRET) ?? '';
  try {
    createSecureContext({ pfx, passphrase });
    return { pfx, passphrase };
  } catch (error) {
    const msg = (error as Error).message;
    if (/mac verify|password|decrypt/i.test(msg)) throw new TransportSettingsError('certificate', ...WRONG_PASSWORD);
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
    if (/password/i.test((error as Error).message)) throw new TransportSettingsError('certificate', ...WRONG_PASSWORD);
    throw new TransportSettingsError('certificate', 'Certifikatfilen er ikke et gyldigt PKCS#12-certifikat (.p12/.pfx).', 'The certificate file is not a valid PKCS#12 (.p12/.pfx) certificate.');
  }
  const oids = forge.pki.oids as Record<string, string>;
  const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const keyBag = [...bags(oids.pkcs8ShroudedKeyBag ?? ''), ...bags(oids.keyBag ?? '')][0];
  const certs = bags(oids.certBag ?? '').flatMap((b) => (b.cert ? [b.cert] : []));
  if (!keyBag?.key || certs.length === 0) {
    throw new TransportSettingsError('certificate', 'Certifikatfilen indeholder ingen privat nøgle eller intet certifikat.', 'The certificate file holds no private key or no certificate.');
  }
  return { key: forge.pki.privateKeyToPem(keyBag.key), cert: certs.map((c: forge.pki.Certificate) => forge.pki.certificateToPem(c)).join('') };
}

/** "Test connection": builds the transport and asks it, explaining settings problems too (in `lang`). */
export async function testConnection(
  settings: DigitalPostSettings,
  secrets: SecretStore,
  sandboxUrl?: string,
  context: TransportContext = {},
  lang: 'da' | 'en' = 'da',
): Promise<ConnectionCheck> {
  let transport: DigitalPostTransport;
  try {
    transport = createTransport(settings, secrets, sandboxUrl, context);
  } catch (error) {
    if (error instanceof TransportSettingsError) return { ok: false, problem: error.problem, detail: lang === 'en' ? error.english : error.message };
    throw error;
  }
  try {
    return await transport.testConnection(lang);
  } finally {
    transport.close();
  }
}
